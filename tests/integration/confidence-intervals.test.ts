import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The app first: it extends zod with .openapi() before server/model's schemas are built.
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  call,
  createFixtureOrganisation,
  createFixtureSession,
  createFixtureUser,
  type Caller,
} from '../support/factories.ts';
import { buildModelInput } from '../../server/features/models/model-matrix.ts';
import { loadModelDefinitions } from '../../server/features/models/model-registry.ts';
import type { ModelDefinition } from '../../server/model/model-definition.ts';
import { scoreModel } from '../../server/model/score.ts';

// Issue #13 §4: "the confidence of a score reflects the interval width". A FIXTURE round
// (tests/fixtures/submissions/README.md: hand-made answers, no person answered anything) imported from a
// KoboToolbox export gives its components 95 % intervals; the CPI's confidence of that hromada must be lower
// than with the same scores and narrow intervals, and a manual assessment (no interval) counts in full.

const PCODE = 'UA6314017';
const kobo = readFileSync(
  new URL('../fixtures/submissions/FIXTURE-kobo-semicolon.csv', import.meta.url),
  'utf8',
);

let t: TestApp;
let cpi: ModelDefinition;
let editor: Caller;
let orgId: number;

beforeAll(async () => {
  t = await createTestApp();
  cpi = loadModelDefinitions().get('cpi')!;
  const db = t.database.db;
  orgId = await createFixtureOrganisation(db);
  editor = await createFixtureSession(
    db,
    (await createFixtureUser(db, { role: 'editor', organisationIds: [orgId] })).id,
  );
});
afterAll(async () => {
  await t?.close();
});

async function confidenceOf(pcode: string): Promise<number> {
  const input = await buildModelInput(t.database.db, cpi);
  return scoreModel(cpi, input.matrix).units.find((u) => u.pcode === pcode)!.confidence;
}

describe('confidence from interval width', () => {
  it('counts an imported round by the width of its intervals, lower than narrow ones, manual ones in full', async () => {
    const { status, body } = await call<{ rounds: { pcode: string }[] }>(
      t.app,
      editor,
      'POST',
      `/api/assessment-submissions?organisationId=${orgId}`,
      { body: kobo },
    );
    expect(status).toBe(200);
    expect(body.rounds.map((r) => r.pcode)).toContain(PCODE);

    // The matrix carries each imported component's interval width where the unit's value is.
    const input = await buildModelInput(t.database.db, cpi);
    const u = input.matrix.units.indexOf(PCODE);
    const node = cpi.dimensions
      .flatMap((d) => d.components.flatMap((c) => c.indicators))
      .find((i) => i.indicatorId === 'assessment_cohesion_trust')!;
    const stats = await t.database.db
      .selectFrom('assessment_component_stats as s')
      .innerJoin('assessments as a', 'a.id', 's.assessment_id')
      .select(['s.assessment_id', 's.ci_low', 's.ci_high'])
      .where('a.unit_pcode', '=', PCODE)
      .where('s.component', '=', 'cohesion_trust')
      .executeTakeFirstOrThrow();
    const column = input.matrix.columns[node.id]!;
    expect(column.values[u]).not.toBeNull();
    expect(column.intervalWidths?.[u]).toBeCloseTo(stats.ci_high! - stats.ci_low!, 12);
    expect(stats.ci_high! - stats.ci_low!).toBeGreaterThan(0);

    const imported = await confidenceOf(PCODE);
    expect(imported).toBeLessThan(1);
    // The API's scores are the model's over that matrix.
    const api = await t.getJson<{ units: { pcode: string; confidence: number }[] }>(
      '/api/models/cpi/scores?bands=false',
    );
    expect(api.body.units.find((x) => x.pcode === PCODE)!.confidence).toBe(imported);

    // A component corrected by hand is a manual score: its interval goes, the others stay.
    const assessmentId = stats.assessment_id;
    const corrected = await call(t.app, editor, 'PATCH', `/api/assessments/${assessmentId}`, {
      body: { scores: { cohesion_trust: 6 } },
    });
    expect(corrected.status).toBe(200);
    const left = await t.database.db
      .selectFrom('assessment_component_stats')
      .select('component')
      .where('assessment_id', '=', assessmentId)
      .execute();
    expect(left.map((r) => r.component)).not.toContain('cohesion_trust');
    expect(left.length).toBeGreaterThan(0);
    const afterCorrection = await buildModelInput(t.database.db, cpi);
    expect(afterCorrection.matrix.columns[node.id]!.intervalWidths?.[u] ?? null).toBeNull();
    const correctedConfidence = await confidenceOf(PCODE);
    expect(correctedConfidence).toBeGreaterThan(imported);

    // The same scores with intervals of width 0: more confidence.
    const ids = (
      await t.database.db
        .selectFrom('assessments')
        .select('id')
        .where('unit_pcode', '=', PCODE)
        .where('deleted_at', 'is', null)
        .execute()
    ).map((r) => r.id);
    await t.database.db
      .updateTable('assessment_component_stats')
      .set((eb) => ({ ci_low: eb.ref('ci_high') }))
      .where('assessment_id', 'in', ids)
      .where('ci_high', 'is not', null)
      .execute();
    const narrow = await confidenceOf(PCODE);
    expect(correctedConfidence).toBeLessThan(narrow);

    // Without any interval (as a manual assessment): factor 1, the same as a zero-width interval.
    await t.database.db.deleteFrom('assessment_component_stats').where('assessment_id', 'in', ids).execute();
    expect(await confidenceOf(PCODE)).toBe(narrow);
  });
});
