import { describe, expect, it } from 'vitest';
import type { StrategyStage } from '../../api/strategies.ts';
import { fakeApi, settle } from '../../testing/fake-api.ts';
import { fakeStrategiesApi, strategy } from '../../testing/strategies-fake-api.ts';
import { UnitIndexState } from '../unit-index.svelte.ts';
import { STAGE_COLOURS } from './strategies-map.ts';
import { stagesFrom, StrategiesState } from './strategies.svelte.ts';

async function setup(opts: { stage?: StrategyStage | null; oblast?: string | null } = {}) {
  const units = new UnitIndexState(fakeApi());
  await units.load();
  const api = fakeStrategiesApi();
  let changed = 0;
  const state = new StrategiesState({
    api,
    units,
    stage: () => opts.stage ?? null,
    oblast: () => opts.oblast ?? null,
    onchanged: () => changed++,
  });
  return { api, state, changed: () => changed };
}

describe('StrategiesState', () => {
  it('loads the counts once and colours the map, marks and describes each community by its stage', async () => {
    const { api, state } = await setup();
    expect(state.choropleth).toBeNull();
    await state.load();
    expect(api.calls.map((c) => c.method)).toEqual(['counts']);
    expect(state.sentence('en')).toBe(
      '2 communities analysed their security risks and potential; 1 strategy adopted by councils as local programmes.',
    );
    expect(state.sentence('uk')).toBe(
      'Проаналізували безпекові ризики й потенціал: 2 громади. Затверджено радами як місцеві програми: 1 стратегія.',
    );
    expect(state.choropleth!.classOf.get('UA6312027')).toBe(3);
    expect(state.sites.map((s) => [s.pcode, s.colour])).toEqual([
      ['UA6312027', STAGE_COLOURS.adopted],
      ['UA0502001', STAGE_COLOURS.risk_analysis],
    ]);
    expect(state.describe('UA6312001', 'en')).toMatchObject({
      measure: 'Safety strategy',
      value: 'Not recorded',
    });
    expect(state.legend('uk')!.entries.map((e) => e.label)).toEqual([
      'Не записано',
      'Проаналізовано безпекові ризики й потенціал',
      'Безпекову стратегію розроблено',
      'Затверджено радою як місцеву програму',
      'Моніторинг виконання',
    ]);
  });

  it('follows the stage filter and names the focused oblast’s own counts', async () => {
    const { state } = await setup({ stage: 'risk_analysis', oblast: 'UA05' });
    await state.load();
    expect(state.sites.map((s) => s.pcode)).toEqual(['UA0502001']);
    expect(state.choropleth!.colours).toHaveLength(2);
    expect(state.oblastCounts?.byStage.risk_analysis).toBe(1);
  });

  it('says when the counts failed, and recovers on retry', async () => {
    const { api, state } = await setup();
    api.fail('counts', new Error('down'));
    await state.load();
    expect(state.status).toBe('error');
    expect(state.error?.message).toBe('down');
    api.succeed('counts');
    await state.load();
    expect(state.status).toBe('ready');
  });

  it('enters a stage for the selected community, then reloads the counts and the records', async () => {
    const { api, state, changed } = await setup();
    await state.load();
    await state.loadRecords('UA6312001');
    expect(state.records).toEqual([]);
    state.startNew(1);
    state.draft!.riskAnalysisOn = '2025-02-01';
    expect(await state.save('UA6312001')).toBe(true);
    expect(api.calls.find((c) => c.method === 'create')?.args[0]).toEqual({
      pcode: 'UA6312001',
      organisationId: 1,
      stage: 'risk_analysis',
      riskAnalysisOn: '2025-02-01',
      draftedOn: null,
      adoptedOn: null,
      decisionNumber: null,
      decisionUrl: null,
      nextReviewOn: null,
      notes: null,
    });
    expect(changed()).toBe(1);
    expect(state.draft).toBeNull();
    expect(state.records.map((r) => r.stage)).toEqual(['risk_analysis']);
    expect(state.counts!.analysed).toBe(3);
  });

  it('advances a record to the next stage and shows the API’s refusal beside each field', async () => {
    const { state } = await setup();
    await state.loadRecords('UA0502001');
    state.startEdit(state.records[0]!, true);
    expect(state.draft!.stage).toBe('drafted');
    state.draft!.stage = 'adopted';
    expect(await state.save('UA0502001')).toBe(false);
    expect(state.problem!.fields).toEqual({
      adoptedOn: 'needs the date the council adopted it',
      decisionNumber: "needs the number of the council's decision",
    });
    expect(state.draft).not.toBeNull();
    state.draft!.adoptedOn = '2025-09-01';
    state.draft!.decisionNumber = '15/2';
    expect(await state.save('UA0502001')).toBe(true);
    expect(state.records[0]).toMatchObject({ stage: 'adopted', decisionNumber: '15/2' });
  });

  it('offers a saved record only its stage and the ones after it', () => {
    expect(stagesFrom('adopted')).toEqual(['adopted', 'monitoring']);
    expect(stagesFrom(null)).toHaveLength(4);
  });

  it('forgets the form when another community is selected, and deletes a record', async () => {
    const { api, state } = await setup();
    await state.loadRecords('UA6312027');
    state.startEdit(state.records[0]!);
    await state.loadRecords('UA0502001');
    expect(state.draft).toBeNull();
    await state.loadRecords('UA6312027');
    expect(await state.remove(strategy(1, 'UA6312027', 'adopted'))).toBe(true);
    await settle();
    expect(api.records.map((r) => r.id)).toEqual([2]);
    expect(state.records).toEqual([]);
  });
});
