import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The app first: it extends zod with .openapi() before server/model's schemas are built.
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { call } from '../support/factories.ts';
import { buildModelInput } from '../../server/features/models/model-matrix.ts';
import { parseModelDefinition } from '../../server/model/model-definition.ts';
import { scoreModel } from '../../server/model/score.ts';

// The CPI's open-proxy path (issue #13) over the real imported data: no hromada has an assessment, so the
// social fragility dimension has values only where the civic-life proxies allow, each marked; switched off,
// the CPI is what the model scored before proxies, computed here by scoring the model with its proxy nodes
// removed.

interface UnitScore {
  pcode: string;
  score: number | null;
  confidence: number;
  dimensions: Record<string, number | null>;
  components: Record<string, number | null>;
  proxyComponents: string[];
}
interface Scores {
  units: UnitScore[];
}

const SOCIAL = ['cohesion_trust', 'stakeholder_communication', 'police_community', 'resident_leadership'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function post(body: unknown): Promise<Scores> {
  const res = await t.app.request('/api/models/cpi/scores', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Scores;
}

describe('CPI social fragility from open proxies', () => {
  it('gives some hromadas a proxy-based social dimension, every such component marked', async () => {
    const { units } = (await t.getJson<Scores>('/api/models/cpi/scores?bands=false')).body;
    const withSocial = units.filter((u) => u.dimensions.social_fragility !== null);
    expect(withSocial.length).toBeGreaterThan(0);
    for (const u of units) {
      const scored = Object.entries(u.components).filter(([id, v]) => SOCIAL.includes(id) && v !== null);
      // No assessments in the imported data: every scored social component comes from proxies.
      expect(u.proxyComponents.sort()).toEqual(scored.map(([id]) => id).sort());
      expect(u.components.police_community).toBeNull();
      expect(u.components.vulnerable_integration).toBeNull();
    }
  });

  it("marks the proxy components in the map's light summary too, as in the full rows", async () => {
    const full = (await t.getJson<Scores>('/api/models/cpi/scores?bands=false')).body.units;
    const summary = (await t.getJson<Scores>('/api/models/cpi/scores?bands=false&fields=summary')).body.units;
    const fullOf = new Map(full.map((u) => [u.pcode, u.proxyComponents]));
    expect(summary.some((u) => u.proxyComponents.length > 0)).toBe(true);
    for (const u of summary) expect(u.proxyComponents, u.pcode).toEqual(fullOf.get(u.pcode));
  });

  it('with useProxies false gives exactly the CPI of the model without its proxy nodes', async () => {
    const off = await post({ useProxies: false, bands: false });
    const json = JSON.parse(readFileSync('data/models/cpi.json', 'utf8')) as {
      dimensions: { components: { indicators: { proxy?: boolean }[] }[] }[];
    };
    for (const d of json.dimensions)
      for (const c of d.components) c.indicators = c.indicators.filter((i) => i.proxy !== true);
    const before = parseModelDefinition(json, 'cpi without proxies');
    const input = await buildModelInput(t.database.db, before);
    const expected = scoreModel(before, input.matrix);
    const byPcode = new Map(off.units.map((u) => [u.pcode, u]));
    for (const e of expected.units) {
      const u = byPcode.get(e.pcode)!;
      expect(u.score).toBe(e.score);
      expect(u.confidence).toBe(e.confidence);
      expect(u.proxyComponents).toEqual([]);
      expect(u.dimensions.social_fragility).toBeNull();
    }
  });

  it('saves useProxies with a scenario, and a scenario without it uses the proxies', async () => {
    const save = async (body: Record<string, unknown>) => {
      const res = await call<{ id: string; useProxies: boolean }>(t.app, null, 'POST', '/api/scenarios', {
        body: { modelId: 'cpi', name: 'FIXTURE proxies', weights: {}, ...body },
        address: '203.0.113.60',
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const off = await save({ useProxies: false });
    const plain = await save({});
    expect([off.useProxies, plain.useProxies]).toEqual([false, true]);
    const scored = async (id: string) =>
      (await t.getJson<Scores>(`/api/models/cpi/scores?scenario=${id}&bands=false`)).body.units;
    expect((await scored(off.id)).some((u) => u.proxyComponents.length > 0)).toBe(false);
    expect((await scored(plain.id)).some((u) => u.proxyComponents.length > 0)).toBe(true);
  });
});
