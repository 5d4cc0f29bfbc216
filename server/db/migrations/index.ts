import type { Migration } from 'kysely/migration';
import * as m0001 from './2026_11_21_0001_data_platform.ts';
import * as m0002 from './2026_11_21_0002_assessments_scenarios.ts';
import * as m0003 from './2026_11_21_0003_tiles.ts';
import * as m0004 from './2026_11_21_0004_accounts_audit.ts';
import * as m0005 from './2026_12_03_0005_bounded_lists.ts';
import * as m0006 from './2026_12_04_0006_scenario_use_proxies.ts';
import * as m0007 from './2026_12_04_0007_assessment_submissions.ts';
import * as m0008 from './2026_12_05_0008_safety_strategies.ts';
import * as m0009 from './2026_12_05_0009_scenario_audit.ts';

/** Every migration in order, listed statically so that it works the same under tsx, vitest and a bundle. */
export const migrations: Record<string, Migration> = {
  '2026_11_21_0001_data_platform': m0001,
  '2026_11_21_0002_assessments_scenarios': m0002,
  '2026_11_21_0003_tiles': m0003,
  '2026_11_21_0004_accounts_audit': m0004,
  '2026_12_03_0005_bounded_lists': m0005,
  '2026_12_04_0006_scenario_use_proxies': m0006,
  '2026_12_04_0007_assessment_submissions': m0007,
  '2026_12_05_0008_safety_strategies': m0008,
  '2026_12_05_0009_scenario_audit': m0009,
};
