import { randomBytes } from 'node:crypto';
import type { ModelDefinition } from '../../model/model-definition.ts';
import { ModelInputError } from '../../model/model-error.ts';
import { modelStructure, resolveAggregations, resolveWeights } from '../../model/model-structure.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { pageOf } from '../../shared/pagination.ts';
import type { Principal } from '../../shared/principal.ts';
import { audited } from '../audit/audit.service.ts';
import { isAdmin, type WriteContext } from '../auth/actor.ts';
import {
  deleteScenarioRow,
  findScenario,
  findSharedScenarios,
  insertScenario,
  type ScenarioRow,
} from './scenarios.repository.ts';
import type { NewScenarioBody, Scenario } from './scenarios.schemas.ts';

/** A scenario as the API shows it; `own` says whether `callerId` saved it (the gallery offers delete then). */
const view = (s: ScenarioRow, callerId: number | null = null): Scenario => ({
  id: s.id,
  modelId: s.model_id,
  modelVersion: s.model_version,
  name: s.name,
  description: s.description,
  weights: s.weights,
  aggregation: s.aggregation,
  useProxies: s.use_proxies,
  shared: s.shared,
  own: callerId !== null && s.created_by === callerId,
  createdAt: s.created_at,
});

export interface ScenarioPageRequest {
  modelId: string | undefined;
  /** Also the caller's own unlisted scenarios (the gallery): the signed-in user's id. */
  ownerId: number | undefined;
  limit: number;
  /** The key of the last scenario of the previous page: its created_at (exact) and id. */
  after: readonly [string, string] | undefined;
}

/** Saved weight sets of the models: the shared list, one by its link, and saving a new one. */
export function createScenariosService(db: Kysely<DB>, models: Map<string, ModelDefinition>) {
  return {
    /** One page of the shared scenarios (with the caller's own, when asked), newest first. */
    async list(request: ScenarioPageRequest) {
      const rows = await findSharedScenarios(db, request);
      const page = pageOf(rows, request.limit, (r) => [r.created_key, r.id]);
      return {
        scenarios: page.items.map((r) => view(r, request.ownerId ?? null)),
        nextCursor: page.nextCursor,
      };
    },

    /** One scenario, shared or not, by the id that a link carries. */
    async get(id: string, callerId: number | null = null): Promise<Scenario> {
      const row = await findScenario(db, id);
      if (!row) throw new AppError('NOT_FOUND', `no scenario "${id}"`);
      return view(row, callerId);
    },

    /**
     * Deletes a scenario: only the user who saved it (or an admin). An anonymous scenario has no owner, so
     * nobody deletes it through the API; the audit trail keeps what it was.
     */
    async remove(ctx: WriteContext, id: string): Promise<void> {
      await audited(db, ctx, async (trx) => {
        const row = await findScenario(trx, id);
        if (!row) throw new AppError('NOT_FOUND', `no scenario "${id}"`);
        if (row.created_by !== ctx.actor.userId && !isAdmin(ctx.actor))
          throw new AppError(
            'FORBIDDEN',
            `scenario "${id}" was saved by someone else: only its owner deletes it`,
          );
        await deleteScenarioRow(trx, id);
        return {
          value: undefined,
          audit: {
            action: 'delete',
            entityType: 'scenario',
            entityId: id,
            organisationId: null,
            before: view(row),
            after: null,
          },
        };
      });
    },

    /**
     * Saves a weight set checked against its model; listing it publicly needs a signed-in user. Who is
     * calling is looked up only for a known model (the lookup can itself refuse the request).
     */
    async create(body: NewScenarioBody, caller: () => Promise<Principal | null>): Promise<Scenario> {
      const model = models.get(body.modelId);
      if (!model) throw new AppError('BAD_REQUEST', `body parameter modelId: no model "${body.modelId}"`);
      const principal = await caller();
      if (body.shared && !principal) {
        throw new AppError(
          'UNAUTHORIZED',
          'body parameter shared: sign in to list a scenario publicly (an unlisted one needs no account)',
        );
      }
      // Validate against the model before storing: an unknown node id is the caller's mistake, said now.
      try {
        resolveWeights(modelStructure(model), body.weights);
        resolveAggregations(model, body.aggregation);
      } catch (err) {
        if (err instanceof ModelInputError)
          throw new AppError('BAD_REQUEST', `body parameter weights: ${err.message}`);
        throw err;
      }
      const row = await insertScenario(db, {
        // 96 random bits: an unlisted scenario is found only by whoever has its link.
        id: randomBytes(12).toString('base64url'),
        modelId: model.id,
        modelVersion: model.version,
        name: body.name,
        description: body.description ?? null,
        weights: body.weights,
        aggregation: body.aggregation ?? null,
        useProxies: body.useProxies,
        shared: body.shared,
        createdBy: principal?.user.id ?? null,
      });
      return view(row, principal?.user.id ?? null);
    },
  };
}

export type ScenariosService = ReturnType<typeof createScenariosService>;
