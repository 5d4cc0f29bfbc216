// @vitest-environment jsdom
// The XForms engine parses with the browser's DOMParser: jsdom gives it one in Node.
import type { AnyNode, FormLanguage, RootNode, SelectNode } from '@getodk/xforms-engine';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT } from '../../model/instrument.ts';
import { FIXTURE_UNITS } from './instrument-fixture.ts';
import { CONSENTED_GROUP, formOutline } from './instrument-outline.ts';
import { toXForm } from './xform.ts';

// Its bundled tree-sitter (emscripten) takes Node for CommonJS and reads `__dirname`, which ES modules lack; the
// grammar itself comes inlined (wasmBinary), so any directory will do. Set before the engine is imported.
Object.assign(globalThis, { __dirname: import.meta.dirname });
const { createInstance } = await import('@getodk/xforms-engine');

const xml = toXForm(formOutline(INSTRUMENT, FIXTURE_UNITS));

async function load(): Promise<RootNode> {
  const form = await createInstance(xml);
  return form.root;
}

/** Every node of the loaded form by its reference (/data/…). */
function nodesOf(root: RootNode): Map<string, AnyNode> {
  const found = new Map<string, AnyNode>();
  const visit = (node: AnyNode) => {
    found.set(node.currentState.reference, node);
    for (const child of (node.currentState.children ?? []) as AnyNode[]) visit(child);
  };
  visit(root);
  return found;
}

const select = (nodes: Map<string, AnyNode>, reference: string) => {
  const node = nodes.get(reference);
  expect(node?.nodeType, reference).toBe('select');
  return node as SelectNode;
};

const at = (name: string) => `/data/${CONSENTED_GROUP}/${name}`;

describe('the generated XForm in ODK’s own engine (@getodk/xforms-engine)', () => {
  it('loads, in Ukrainian by default and in English', async () => {
    const root = await load();
    expect(root.languages.map((l) => l.language)).toEqual(['Ukrainian (uk)', 'English (en)']);
    expect(root.currentState.activeLanguage.language).toBe('Ukrainian (uk)');
  });

  it('holds every item of the definition as a five-point question with its labels in both languages', async () => {
    const root = await load();
    const nodes = nodesOf(root);
    const likert = INSTRUMENT.likert.choices.map((c) => c.name);
    for (const item of INSTRUMENT.items) {
      const node = select(nodes, at(`${item.component}/${item.id}`));
      expect(node.currentState.required, item.id).toBe(true);
      expect(node.currentState.valueOptions.map((o) => o.value)).toEqual(likert);
      expect(node.currentState.label?.asString).toBe(item.label.uk);
    }
    const english = root.languages.find((l): l is FormLanguage => l.language === 'English (en)');
    root.setLanguage(english!);
    for (const item of INSTRUMENT.items) {
      expect(nodes.get(at(`${item.component}/${item.id}`))?.currentState.label?.asString).toBe(item.label.en);
    }
  });

  it('asks nothing after consent unless it is given', async () => {
    const root = await load();
    const nodes = nodesOf(root);
    const consent = select(nodes, '/data/consent');
    const rest = nodes.get(`/data/${CONSENTED_GROUP}`)!;
    expect(rest.currentState.relevant).toBe(false);
    consent.selectValue('no');
    expect(rest.currentState.relevant).toBe(false);
    consent.selectValue('yes');
    expect(rest.currentState.relevant).toBe(true);
  });

  it('cascades oblast → raion → hromada from the units it was given', async () => {
    const root = await load();
    const nodes = nodesOf(root);
    select(nodes, '/data/consent').selectValue('yes');
    const oblast = select(nodes, at('oblast'));
    const raion = select(nodes, at('raion'));
    const hromada = select(nodes, at('hromada'));
    expect(oblast.currentState.valueOptions.map((o) => o.value)).toEqual(['UA14', 'UA63']);
    expect(raion.currentState.valueOptions).toEqual([]);
    oblast.selectValue('UA14');
    expect(raion.currentState.valueOptions.map((o) => o.value)).toEqual(['UA1412']);
    raion.selectValue('UA1412');
    expect(hromada.currentState.valueOptions.map((o) => o.value)).toEqual(['UA1412009', 'UA1412021']);
    expect(hromada.currentState.valueOptions.map((o) => o.label.asString)).toEqual([
      'Краматорська',
      "Слов'янська",
    ]);
  });

  it('asks the respondent group and the round date, and no name or contact detail', async () => {
    const root = await load();
    const nodes = nodesOf(root);
    const group = select(nodes, at(INSTRUMENT.respondentGroup.name));
    expect(group.currentState.valueOptions.map((o) => o.value)).toEqual(
      INSTRUMENT.respondentGroup.choices.map((c) => c.name),
    );
    expect(nodes.get(at(INSTRUMENT.round.name))?.nodeType).toBe('input');
    for (const reference of nodes.keys()) expect(reference).not.toMatch(/name$|phone|email|contact|address/i);
  });
});
