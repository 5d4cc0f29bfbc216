import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  ASSESSMENT_COMPONENT_NAMES,
  ASSESSMENT_COMPONENTS,
  type AssessmentComponent,
} from '../../model/assessment-components.ts';
import { loadUnitPcodes } from '../../db/unit-pcodes.ts';
import type { ImportReport, ImportTarget, RejectedRow } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';
import { parseCsv, parseDate, parseNumber, requireColumns, type CsvRow } from '../parse/csv.ts';
import { isMissing } from '../../shared/missing-value.ts';
import { katottgToPcode } from '../../shared/pcode.ts';

type AssessmentValues = {
  unit_pcode: string;
  assessed_on: string;
  assessor: string | null;
  strategy_adopted: boolean | null;
  notes: string | null;
} & Record<AssessmentComponent, number | null>;

const YES = new Set(['1', 'true', 'yes', 'так', 'y']);
const NO = new Set(['0', 'false', 'no', 'ні', 'n']);

// The shorter Ukrainian terms this importer read before the one wording existed.
const legacyHeaders: Record<AssessmentComponent, string[]> = {
  cohesion_trust: ['cohesion_trust', 'згуртованість і довіра'],
  stakeholder_communication: ['stakeholder_communication', 'комунікація між зацікавленими сторонами'],
  police_community: ['police_community', 'взаємодія поліції та громади'],
  resident_leadership: ['resident_leadership', 'лідерський потенціал жителів'],
  vulnerable_integration: ['vulnerable_integration', 'інтегрованість вразливих груп'],
  idp_economic: ['idp_economic', 'економічна інтеграція'],
  idp_social: ['idp_social', 'соціальна інтеграція'],
  idp_youth: ['idp_youth', 'інтеграція молоді'],
  idp_legal: ['idp_legal', 'правова інтеграція'],
  idp_cultural: ['idp_cultural', 'культурна інтеграція'],
  idp_information: ['idp_information', 'інтеграція через інформаційний простір'],
};

/**
 * Header variants per component: the English id, the one wording of the component in Ukrainian and English
 * (ASSESSMENT_COMPONENT_NAMES, as the instrument and the web client name it), and the shorter Ukrainian terms
 * this importer read before that wording existed (files written for it keep importing).
 */
const componentHeaders = Object.fromEntries(
  ASSESSMENT_COMPONENTS.map((c) => [
    c,
    [
      ...new Set([
        ...legacyHeaders[c],
        ASSESSMENT_COMPONENT_NAMES[c].uk.toLowerCase(),
        ASSESSMENT_COMPONENT_NAMES[c].en.toLowerCase(),
      ]),
    ],
  ]),
) as Record<AssessmentComponent, string[]>;

/**
 * Community-security assessments (issue #3): one row per community and date, a 0–10 score per component
 * (higher = stronger), whether a local security strategy was adopted, notes. Components left empty stay
 * missing. A row for the same community and date replaces the earlier one.
 */
export async function importAssessments(
  db: Kysely<DB>,
  target: ImportTarget,
  text: string,
): Promise<ImportReport> {
  const parsed = parseCsv(text, { fileName: target.fileName });
  const required = requireColumns(parsed, {
    unit: ['pcode', 'hromada_pcode', 'adm3_pcode', 'hromada_code', 'katottg'],
    date: ['assessed_on', 'date', 'дата'],
  });
  const present = parsed.headers.map((h) => h.trim().toLowerCase());
  const optional = (variants: string[]) => parsed.headers[present.findIndex((h) => variants.includes(h))];
  const columns = Object.fromEntries(
    ASSESSMENT_COMPONENTS.map((c) => [c, optional(componentHeaders[c])]),
  ) as Record<AssessmentComponent, string | undefined>;
  if (Object.values(columns).every((c) => c === undefined)) {
    throw new Error(
      `${target.fileName}: no assessment component column found (expected at least one of: ${ASSESSMENT_COMPONENTS.join(', ')})`,
    );
  }
  const strategyColumn = optional(['strategy_adopted', 'стратегію ухвалено']);
  const notesColumn = optional(['notes', 'примітки']);
  const assessorColumn = optional(['assessor', 'organisation', 'організація']);

  return runImport(db, target, async (trx, batchId) => {
    const known = await loadUnitPcodes(trx, 'hromada');
    const rejected: RejectedRow[] = parsed.problems.map((p) => ({
      rowNumber: p.rowNumber,
      reason: p.reason,
    }));
    const seen = new Map<string, number>();
    let accepted = 0;
    for (const row of parsed.rows) {
      const reject = (field: string, reason: string) =>
        rejected.push({ rowNumber: row.rowNumber, field, reason, raw: row.raw.join(parsed.delimiter) });
      const problem = readRow(row);
      if ('reason' in problem) {
        reject(problem.field, problem.reason);
        continue;
      }
      const key = `${problem.unit_pcode} ${problem.assessed_on}`;
      if (seen.has(key)) {
        reject(
          required.columns.unit,
          `${problem.unit_pcode} assessed on ${problem.assessed_on} already in row ${seen.get(key)}`,
        );
        continue;
      }
      seen.set(key, row.rowNumber);
      const values = { ...problem, batch_id: batchId };
      await trx
        .insertInto('assessments')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['unit_pcode', 'assessed_on']).where('deleted_at', 'is', null).doUpdateSet(values),
        )
        .execute();
      accepted++;
    }
    return { rowsRead: parsed.rows.length + parsed.problems.length, rowsAccepted: accepted, rejected };

    function readRow(row: CsvRow): { field: string; reason: string } | AssessmentValues {
      const unitCell = required.get(row, 'unit').trim();
      let pcode = unitCell;
      if (/^UA\d{17}$/.test(unitCell)) pcode = katottgToPcode(unitCell);
      if (!/^UA\d{7}$/.test(pcode))
        return {
          field: required.columns.unit,
          reason: `"${unitCell}" is not a hromada pcode or KATOTTG code`,
        };
      if (!known.has(pcode))
        return { field: required.columns.unit, reason: `no hromada ${pcode} in the imported boundaries` };
      const date = parseDate(required.get(row, 'date'));
      if (!date.ok || !date.value)
        return { field: required.columns.date, reason: date.ok ? 'date is required' : date.reason };
      const scores = {} as Record<AssessmentComponent, number | null>;
      for (const component of ASSESSMENT_COMPONENTS) {
        const column = columns[component];
        const cell = column === undefined ? '' : (row.values[column] ?? '');
        const n = parseNumber(cell, { delimiter: parsed.delimiter });
        if (!n.ok) return { field: column ?? component, reason: n.reason };
        if (n.value !== null && (n.value < 0 || n.value > 10))
          return { field: column ?? component, reason: `score ${n.value} is outside 0–10` };
        scores[component] = n.value;
      }
      if (ASSESSMENT_COMPONENTS.every((c) => scores[c] === null)) {
        return { field: required.columns.unit, reason: 'no component was scored in this row' };
      }
      const strategyCell = strategyColumn ? (row.values[strategyColumn] ?? '').trim().toLowerCase() : '';
      let strategy: boolean | null = null;
      if (YES.has(strategyCell)) strategy = true;
      else if (NO.has(strategyCell)) strategy = false;
      else if (!isMissing(strategyCell))
        return { field: strategyColumn ?? 'strategy_adopted', reason: `"${strategyCell}" is not yes/no` };
      const text = (column: string | undefined) => {
        const v = column ? (row.values[column] ?? '').trim() : '';
        return isMissing(v) ? null : v;
      };
      return {
        unit_pcode: pcode,
        assessed_on: date.value,
        assessor: text(assessorColumn),
        strategy_adopted: strategy,
        notes: text(notesColumn),
        ...scores,
      };
    }
  });
}

export const assessmentsKind = (filePath: string) => `assessments:${path.basename(filePath)}`;
