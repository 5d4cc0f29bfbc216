import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, AuditEntityType, DB } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import { isAdmin, type Actor, type WriteContext } from '../auth/actor.ts';
import { findAuditRows, findLastChanges, insertAuditRows } from './audit.repository.ts';
import type { AuditList, AuditQuery } from './audit.schemas.ts';

/** What one write did to one record: the audit row's content besides who and when. */
export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | number;
  /** The organisation the record belongs to: whose editors may see this row. */
  organisationId: number | null;
  /** The record before (null for a create) and after (null for a delete), as the API shows it. */
  before: unknown;
  after: unknown;
}

/**
 * The one way to write (issue #6): the work and its audit row(s) commit in one transaction, or neither does.
 * A write changes one record and returns one entry; an upload returns one entry per programme it changed.
 */
export async function audited<T>(
  db: Kysely<DB>,
  ctx: WriteContext,
  work: (trx: Transaction<DB>) => Promise<{ value: T; audit: AuditEntry | AuditEntry[] }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { value, audit } = await work(trx);
    const entries = Array.isArray(audit) ? audit : [audit];
    await insertAuditRows(
      trx,
      entries.map((e) => ({
        at: ctx.now.toISOString(),
        actor_user_id: ctx.actor.userId,
        actor_label: ctx.actor.label,
        via: ctx.actor.via,
        action: e.action,
        entity_type: e.entityType,
        entity_id: String(e.entityId),
        organisation_id: e.organisationId,
        before: e.before,
        after: e.after,
        request_id: ctx.requestId,
      })),
    );
    return value;
  });
}

/**
 * The audit trail, newest first. Admins see every row; anyone else signed in sees what they did themselves and
 * what happened to their organisations' records (docs/accounts.md).
 */
export async function listAudit(db: Executor, actor: Actor, query: AuditQuery): Promise<AuditList> {
  if (actor.userId === null) throw new AppError('FORBIDDEN', 'the audit trail is read through a user');
  const rows = await findAuditRows(db, {
    ...query,
    limit: query.limit + 1,
    visibleTo: isAdmin(actor) ? undefined : { userId: actor.userId, organisationIds: actor.organisationIds },
  });
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { id: r.actor_user_id, label: r.actor_label },
      via: r.via,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      organisationId: r.organisation_id,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: r.request_id,
    })),
    nextBefore: rows.length > query.limit ? page.at(-1)!.id : null,
  };
}

/** When each record last changed and by whom (its newest audit row), by entity id. */
export async function lastChanges(
  db: Executor,
  entityType: AuditEntityType,
  entityIds: string[],
): Promise<Map<string, { at: string; by: string }>> {
  const rows = await findLastChanges(db, entityType, [...new Set(entityIds)]);
  return new Map(rows.map((r) => [r.entity_id, { at: r.at, by: r.actor_label }]));
}
