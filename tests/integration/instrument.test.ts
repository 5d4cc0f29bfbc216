// @vitest-environment jsdom
import type { AnyNode, SelectNode } from '@getodk/xforms-engine';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTRUMENT } from '../../server/model/instrument.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// ODK's engine parses with the browser's DOMParser (jsdom, see the first line) and its tree-sitter reads
// CommonJS's `__dirname`, set before it is imported (server/features/instrument/xform.test.ts says more).
Object.assign(globalThis, { __dirname: import.meta.dirname });
const { createInstance } = await import('@getodk/xforms-engine');

// The field instrument's three endpoints on the real imported database (issue #13, section 2): the definition,
// and the two forms whose oblast → raion → hromada cascade is filled from admin_units.

let t: TestApp;
/** The 1,469 hromadas of the 2020 reform outside occupied Crimea, and Kyiv city: the assessable ones. */
let hromadas: Map<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.database.db
    .selectFrom('admin_units')
    .select(['pcode', 'parent_pcode'])
    .where('level', '=', 'hromada')
    .where('is_crimea', '=', false)
    .where('special', 'is', null)
    .execute();
  hromadas = new Map(rows.map((r) => [r.pcode, r.parent_pcode!]));
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/instrument', () => {
  it('publishes every item with the component it scores and its direction', async () => {
    const res = await t.getJson<typeof INSTRUMENT>('/api/instrument');
    expect(res.status).toBe(200);
    expect(res.body.formId).toBe(INSTRUMENT.formId);
    expect(res.body.items).toEqual(INSTRUMENT.items);
  });
});

describe('GET /api/instrument/xlsform', () => {
  it('downloads an XLSForm whose cascade holds every hromada with its real pcode and raion', async () => {
    expect(hromadas.size).toBe(1469);
    const res = await t.app.request('/api/instrument/xlsform');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${INSTRUMENT.formId}-${INSTRUMENT.version}.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['survey', 'choices', 'settings']);
    const choices = workbook.getWorksheet('choices')!;
    const header = (choices.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const listed = new Map<string, string>();
    const raions = new Set<string>();
    choices.eachRow((row, n) => {
      const list = String(row.getCell(col('list_name')).value);
      const name = String(row.getCell(col('name')).value);
      if (n > 1 && list === 'hromada') listed.set(name, String(row.getCell(col('raion')).value));
      if (n > 1 && list === 'raion') raions.add(name);
    });
    for (const [pcode, raion] of hromadas) {
      expect(listed.get(pcode), pcode).toBe(raion);
      expect(raions.has(raion), raion).toBe(true);
    }
    // Kyiv city besides; nothing in occupied Crimea or the exclusion zone.
    expect(listed.size).toBe(1469 + 1);
    expect([...listed.keys()].filter((p) => p.startsWith('UA01') || p.startsWith('UA85'))).toEqual([]);
  });
});

describe('GET /api/instrument/xform', () => {
  it('downloads an XForm whose hromada instance holds every hromada with its real pcode and raion', async () => {
    const res = await t.app.request('/api/instrument/xform');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${INSTRUMENT.formId}-${INSTRUMENT.version}.xml"`,
    );
    const xml = await res.text();
    const instance = /<instance id="hromada"><root>(.*?)<\/root><\/instance>/s.exec(xml)?.[1] ?? '';
    const items = [...instance.matchAll(/<name>([^<]+)<\/name><raion>([^<]+)<\/raion>/g)];
    const listed = new Map(items.map(([, pcode, raion]) => [pcode!, raion!]));
    for (const [pcode, raion] of hromadas) expect(listed.get(pcode), pcode).toBe(raion);
    expect(listed.size).toBe(1469 + 1);
    for (const item of INSTRUMENT.items) expect(xml).toContain(`<${item.id}/>`);
  });

  it('loads in ODK’s own engine with the full cascade', async () => {
    const xml = await (await t.app.request('/api/instrument/xform')).text();
    const { root } = await createInstance(xml);
    expect(root.languages.map((l) => l.language)).toEqual(['Ukrainian (uk)', 'English (en)']);
    const nodes = new Map<string, AnyNode>();
    const visit = (node: AnyNode) => {
      nodes.set(node.currentState.reference, node);
      for (const child of (node.currentState.children ?? []) as AnyNode[]) visit(child);
    };
    visit(root);
    const select = (name: string) => nodes.get(`/data/assessment/${name}`) as SelectNode;
    (nodes.get('/data/consent') as SelectNode).selectValue('yes');
    select('oblast').selectValue('UA63');
    select('raion').selectValue(hromadas.get('UA6314017')!);
    const offered = select('hromada').currentState.valueOptions.map((o) => o.value);
    const expected = [...hromadas].filter(([, raion]) => raion === 'UA6314').map(([pcode]) => pcode);
    expect(offered.sort()).toEqual(expected.sort());
  });
});
