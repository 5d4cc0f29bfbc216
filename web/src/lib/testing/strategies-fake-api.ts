// Test support for the safety strategies layer (issue #13, section 6): a StrategiesApi over a few FIXTURE
// records (no real community's strategy), which records its calls, can fail or hold them, and checks a write
// as the API does (adoption details, stages forward only), so that the state's handling of refusals is tested.

import { WriteError } from '../api/errors.ts';
import { STRATEGY_STAGES } from '../domain/strategy-stages.ts';
import {
  type StrategiesApi,
  type Strategy,
  type StrategyCounts,
  type StrategyStage,
} from '../api/strategies.ts';
import { fakeCalls, type CallControls } from './fake-calls.ts';

type Method = keyof StrategiesApi;

export interface FakeStrategiesApi extends StrategiesApi, CallControls<Method> {
  /** The records as the fake now holds them. */
  records: Strategy[];
}

/** FIXTURE: a record of organisation 1 at `stage` for `pcode`. */
export function strategy(
  id: number,
  pcode: string,
  stage: StrategyStage,
  over: Partial<Strategy> = {},
): Strategy {
  const adopted = STRATEGY_STAGES.indexOf(stage) >= 2;
  return {
    id,
    pcode,
    organisationId: 1,
    stage,
    riskAnalysisOn: '2025-01-15',
    draftedOn: null,
    adoptedOn: adopted ? '2025-06-01' : null,
    decisionNumber: adopted ? 'FIXTURE-1' : null,
    decisionUrl: null,
    nextReviewOn: stage === 'monitoring' ? '2027-06-01' : null,
    notes: 'FIXTURE',
    nameUk: `Громада ${pcode}`,
    nameEn: `Hromada ${pcode}`,
    oblastPcode: pcode.slice(0, 4),
    organisationName: 'FIXTURE organisation',
    lastChangedAt: null,
    lastChangedBy: null,
    ...over,
  };
}

function countsOf(records: Strategy[]): StrategyCounts {
  const units: Record<string, StrategyStage> = {};
  for (const r of records) {
    const had = units[r.pcode];
    if (!had || STRATEGY_STAGES.indexOf(r.stage) > STRATEGY_STAGES.indexOf(had)) units[r.pcode] = r.stage;
  }
  const zero = () => ({ risk_analysis: 0, drafted: 0, adopted: 0, monitoring: 0 });
  const byStage = zero();
  const byOblast = new Map<string, ReturnType<typeof zero>>();
  for (const [pcode, stage] of Object.entries(units)) {
    byStage[stage]++;
    const o = byOblast.get(pcode.slice(0, 4)) ?? zero();
    o[stage]++;
    byOblast.set(pcode.slice(0, 4), o);
  }
  return {
    analysed: Object.keys(units).length,
    adopted: byStage.adopted + byStage.monitoring,
    byStage,
    byOblast: [...byOblast].map(([oblastPcode, s]) => ({
      oblastPcode,
      nameUk: oblastPcode,
      nameEn: oblastPcode,
      byStage: s,
    })),
    units,
  };
}

export function fakeStrategiesApi(
  initial: Strategy[] = [strategy(1, 'UA6312027', 'adopted'), strategy(2, 'UA0502001', 'risk_analysis')],
): FakeStrategiesApi {
  const { controls, answer } = fakeCalls<Method>();
  const records = [...initial];
  let next = 100;
  const refuse = (message: string) => {
    throw new WriteError(422, 'UNPROCESSABLE', message, '/api/strategies');
  };
  const check = (r: Strategy) => {
    const problems: string[] = [];
    if (STRATEGY_STAGES.indexOf(r.stage) >= 2) {
      if (!r.adoptedOn) problems.push('body parameter adoptedOn: needs the date the council adopted it');
      if (!r.decisionNumber)
        problems.push("body parameter decisionNumber: needs the number of the council's decision");
    }
    if (problems.length) refuse(problems.join('; '));
  };
  const api: FakeStrategiesApi = {
    ...controls,
    records,
    counts: (q, signal) => answer('counts', [q], signal, () => countsOf(records)),
    list: (q, signal) =>
      answer('list', [q], signal, () => records.filter((r) => !q.pcode || r.pcode === q.pcode)),
    create: (body) =>
      answer('create', [body], undefined, () => {
        const r = strategy(next++, body.pcode, body.stage, {
          organisationId: body.organisationId,
          riskAnalysisOn: body.riskAnalysisOn ?? null,
          draftedOn: body.draftedOn ?? null,
          adoptedOn: body.adoptedOn ?? null,
          decisionNumber: body.decisionNumber ?? null,
          decisionUrl: body.decisionUrl ?? null,
          nextReviewOn: body.nextReviewOn ?? null,
          notes: body.notes ?? null,
        });
        check(r);
        records.push(r);
        return { ...r, warnings: [] };
      }),
    patch: (id, body) =>
      answer('patch', [id, body], undefined, () => {
        const i = records.findIndex((r) => r.id === id);
        if (i < 0) throw new WriteError(404, 'NOT_FOUND', `no safety strategy ${id}`, '');
        const before = records[i]!;
        if (body.stage && STRATEGY_STAGES.indexOf(body.stage) < STRATEGY_STAGES.indexOf(before.stage))
          refuse(
            `body parameter stage: a strategy moves forward only, and strategy ${id} is already at ${before.stage}`,
          );
        const after = {
          ...before,
          ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
        } as Strategy;
        check(after);
        records[i] = after;
        return { ...after, warnings: [] };
      }),
    remove: (id) =>
      answer('remove', [id], undefined, () => {
        const i = records.findIndex((r) => r.id === id);
        if (i >= 0) records.splice(i, 1);
      }),
  };
  return api;
}
