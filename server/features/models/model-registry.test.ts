import { describe, expect, it } from 'vitest';
import { ASSESSMENT_COMPONENT_NAMES, ASSESSMENT_COMPONENTS } from '../../model/assessment-components.ts';
import { INSTRUMENT } from '../../model/instrument.ts';
import { loadModelDefinitions } from './model-registry.ts';

// One wording of the assessment components (issue #13): a model component that an assessment scores carries the
// instrument's name for it (server/model/assessment-components.ts, the background texts' terms), so that the
// questionnaire, the scores and the web client never name one thing three ways.

const PREFIX = 'assessment_';

describe('the models name assessed components as the instrument does', () => {
  const models = [...loadModelDefinitions().values()];

  it('finds every assessment component in some model', () => {
    const read = new Set(
      models.flatMap((m) =>
        m.dimensions.flatMap((d) =>
          d.components.flatMap((c) =>
            c.indicators.map((i) => i.indicatorId).filter((id) => id.startsWith(PREFIX)),
          ),
        ),
      ),
    );
    expect([...read].map((id) => id.slice(PREFIX.length)).sort()).toEqual([...ASSESSMENT_COMPONENTS].sort());
  });

  it.each(models.map((m) => [m.id, m] as const))('%s', (_, model) => {
    for (const d of model.dimensions) {
      for (const c of d.components) {
        const assessed = c.indicators.find((i) => i.indicatorId.startsWith(PREFIX));
        if (!assessed) continue;
        const component = assessed.indicatorId.slice(
          PREFIX.length,
        ) as keyof typeof ASSESSMENT_COMPONENT_NAMES;
        expect(c.name, `${model.id} ${c.id}`).toEqual(ASSESSMENT_COMPONENT_NAMES[component]);
      }
    }
  });

  it("is the instrument's own heading of each component", () => {
    for (const c of INSTRUMENT.components) expect(c.label).toBe(ASSESSMENT_COMPONENT_NAMES[c.component]);
  });
});
