import { describe, expect, it } from 'vitest';
import { ModelInputError } from './model-error.ts';
import { modelNodeIds, parseModelDefinition } from './model-definition.ts';
import { fixtureModelInput } from './test-fixtures.ts';

const LABEL = 'data/models/cpi.json';

function parseError(
  mutate: (m: Record<string, unknown> & ReturnType<typeof fixtureModelInput>) => void,
): string {
  const input = structuredClone(fixtureModelInput()) as Record<string, unknown> &
    ReturnType<typeof fixtureModelInput>;
  mutate(input);
  try {
    parseModelDefinition(input, LABEL);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelInputError);
    return (error as Error).message;
  }
  throw new Error('expected the definition to be rejected');
}

function firstIndicator(m: ReturnType<typeof fixtureModelInput>, d = 0, c = 0, i = 0) {
  const node = m.dimensions[d]?.components[c]?.indicators[i];
  if (!node) throw new Error('fixture changed');
  return node;
}

describe('parseModelDefinition', () => {
  it('accepts the fixture and defaults minComponentCoverage to two-thirds', () => {
    const model = parseModelDefinition(fixtureModelInput(), LABEL);
    expect(model.minComponentCoverage).toBe(2 / 3);
    expect(model.dimensions.map((d) => d.id)).toEqual(['pressure', 'capacity']);
    expect(modelNodeIds(model)).toEqual({
      dimensions: ['pressure', 'capacity'],
      components: ['exposure', 'revenue', 'transfers'],
      indicators: ['a', 'b', 'c', 'd', 'e', 'f'],
    });
  });

  it('accepts JSON text, and names the file when the text is not JSON', () => {
    expect(parseModelDefinition(JSON.stringify(fixtureModelInput()), LABEL).id).toBe('fixture');
    expect(() => parseModelDefinition('{ nope', LABEL)).toThrow(/^data\/models\/cpi\.json: not valid JSON/);
  });

  it('names the path of reversed goalposts', () => {
    const message = parseError((m) => {
      const node = firstIndicator(m, 1, 0, 0);
      node.goalposts = { min: 5, max: 5 };
    });
    expect(message).toBe(
      `${LABEL}: dimensions[1].components[0].indicators[0].goalposts: min must be below max`,
    );
  });

  it('reports every problem at once, one per line', () => {
    const message = parseError((m) => {
      firstIndicator(m).weight = 0;
      m.classes.thresholds = [2, 1, 5, 6.5];
      m.confidence.zeroConfidenceAgeYears = 0.5;
    });
    const lines = message.split('\n');
    expect(lines).toContain(
      `${LABEL}: dimensions[0].components[0].indicators[0].weight: Too small: expected number to be >0`,
    );
    expect(lines).toContain(`${LABEL}: classes.thresholds: thresholds must be strictly ascending`);
    expect(lines).toContain(
      `${LABEL}: confidence.zeroConfidenceAgeYears: must be above fullConfidenceAgeYears`,
    );
  });

  it('rejects duplicate node ids across levels, naming both places', () => {
    const message = parseError((m) => {
      firstIndicator(m, 1, 1, 0).id = 'exposure';
    });
    expect(message).toBe(
      `${LABEL}: dimensions[1].components[1].indicators[0].id: duplicate node id "exposure" ` +
        '(first used at dimensions[0].components[0].id)',
    );
  });

  it('rejects unknown keys (a misspelt weight must not pass silently)', () => {
    const message = parseError((m) => {
      (firstIndicator(m) as unknown as Record<string, unknown>).wieght = 2;
    });
    expect(message).toMatch(/dimensions\[0\]\.components\[0\]\.indicators\[0\]: Unrecognized key: "wieght"/);
  });

  it('allows $comment on the model and its nodes', () => {
    const input = fixtureModelInput() as Record<string, unknown> & ReturnType<typeof fixtureModelInput>;
    input.$comment = 'why this model';
    (firstIndicator(input) as Record<string, unknown>).$comment = 'why this goalpost';
    expect(() => parseModelDefinition(input, LABEL)).not.toThrow();
  });

  it('checks thresholds inside (0, 10), five labels, and dates', () => {
    expect(parseError((m) => (m.classes.thresholds = [0, 3.5, 5, 6.5]))).toMatch(/classes\.thresholds\[0\]/);
    expect(parseError((m) => (m.classes.thresholds = [2, 3.5, 5, 10]))).toMatch(/classes\.thresholds\[3\]/);
    expect(parseError((m) => m.classes.labels.pop())).toMatch(/classes\.labels/);
    expect(parseError((m) => (m.confidence.referenceDate = '2025-02-30'))).toMatch(
      /confidence\.referenceDate/,
    );
    expect(parseError((m) => (m.confidence.referenceDate = '2025'))).toMatch(/confidence\.referenceDate/);
  });

  it('checks periods, directions and transforms', () => {
    expect(parseError((m) => (firstIndicator(m).period = '2024-13'))).toMatch(
      /indicators\[0\]\.period: expected "latest" or a period/,
    );
    expect(parseError((m) => (firstIndicator(m).direction = 'up' as never))).toMatch(
      /indicators\[0\]\.direction/,
    );
    expect(
      parseError((m) => (firstIndicator(m).transform = { type: 'winsorise', lower: 5, upper: 1 })),
    ).toMatch(/indicators\[0\]\.transform: lower must be below upper/);
    expect(parseError((m) => (firstIndicator(m).transform = { type: 'sqrt' } as never))).toMatch(
      /indicators\[0\]\.transform/,
    );
  });

  it('requires goalposts ≥ 0 for a log transform', () => {
    const message = parseError((m) => {
      const node = firstIndicator(m, 0, 0, 2);
      node.goalposts = { min: -1, max: 10 };
    });
    expect(message).toMatch(/indicators\[2\]\.goalposts\.min: must be at least 0 for a log transform/);
  });

  it('requires at least one dimension, component and indicator, and a coverage in (0, 1]', () => {
    expect(parseError((m) => (m.dimensions = []))).toMatch(/dimensions: Too small/);
    expect(parseError((m) => ((m.dimensions[0] as { components: unknown[] }).components = []))).toMatch(
      /dimensions\[0\]\.components: Too small/,
    );
    expect(parseError((m) => (m.minComponentCoverage = 0))).toMatch(/minComponentCoverage/);
    expect(parseError((m) => (m.minComponentCoverage = 1.5))).toMatch(/minComponentCoverage/);
  });

  it('reports a root-level problem without a path', () => {
    expect(() => parseModelDefinition(42, LABEL)).toThrow(/^data\/models\/cpi\.json: Invalid input/);
  });
});
