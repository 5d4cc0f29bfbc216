import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT } from '../../model/instrument.ts';
import { parseSubmissionCsv, readSubmissionTable, SubmissionExportError } from './submission-export.ts';
import { parseSubmissionXlsx } from './submission-xlsx.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/submissions/${name}`, import.meta.url), 'utf8');

describe('KoboToolbox CSV export (FIXTURE, ";" and group paths)', () => {
  const parsed = parseSubmissionCsv(fixture('FIXTURE-kobo-semicolon.csv'), 'FIXTURE-kobo-semicolon.csv');

  it('detects the format and reads the consenting rows with their answers', () => {
    expect(parsed.format).toBe('kobo');
    expect(parsed.submissions.map((s) => s.id)).toContain('fixture-kobo-0001');
    const first = parsed.submissions.find((s) => s.id === 'fixture-kobo-0001')!;
    expect(first).toMatchObject({
      row: 2,
      roundDate: '2026-11-01',
      pcode: 'UA6314017',
      group: 'resident',
      formVersion: INSTRUMENT.version,
      submittedAt: '2026-11-02T10:00:00',
    });
    expect(Object.keys(first.answers)).toHaveLength(INSTRUMENT.items.length);
    expect(Object.values(first.answers).every((a) => a === null || (a >= 1 && a <= 5))).toBe(true);
    expect(Object.values(first.answers)).toContain(null); // "dk" is hard to say, not a score
  });

  it('rejects each bad row with its reason and keeps no answers of a declined consent', () => {
    const byId = new Map(parsed.rejections.map((r) => [r.id, r]));
    expect(byId.get('fixture-kobo-0013')).toMatchObject({ reason: 'no consent', field: 'consent' });
    expect(byId.get('fixture-kobo-0013')).not.toHaveProperty('answers');
    expect(byId.get('fixture-kobo-0014')?.reason).toMatch(/^out-of-range answer/);
    expect(byId.get('fixture-kobo-0016')?.reason).toMatch(/not approved/);
    expect(byId.get('fixture-kobo-0018')?.reason).toBe('consent missing');
    expect(parsed.rejections.find((r) => r.row === 18)?.reason).toBe('duplicate submission id in this file');
    // The unknown hromada needs the database: the parser passes it on.
    expect(parsed.submissions.map((s) => s.id)).toContain('fixture-kobo-0015');
    expect(parsed.submissions).toHaveLength(13);
    expect(parsed.rejections).toHaveLength(5);
  });
});

describe('ODK Central CSV export (FIXTURE, "," and "-" paths)', () => {
  const parsed = parseSubmissionCsv(
    fixture('FIXTURE-odk-central-comma.csv'),
    'FIXTURE-odk-central-comma.csv',
  );

  it('reads meta-instanceID without the uuid: prefix, SubmissionDate and FormVersion', () => {
    expect(parsed.format).toBe('odk-central');
    expect(parsed.submissions).toHaveLength(10);
    expect(parsed.submissions[0]).toMatchObject({
      id: 'fixture-odk-0001',
      submittedAt: '2026-11-03T09:00:00.000Z',
      group: 'veteran',
    });
  });

  it('rejects an unknown form version', () => {
    expect(parsed.rejections).toEqual([
      {
        row: 12,
        id: 'fixture-odk-0011',
        field: 'FormVersion',
        reason: 'unknown form version "2020010101"',
      },
    ]);
  });
});

describe('readSubmissionTable', () => {
  const headers = [
    'consent',
    'round_date',
    'hromada',
    'respondent_group',
    ...INSTRUMENT.items.map((i) => i.id),
    '_uuid',
    '_xform_id_string',
  ];
  const row = (values: Record<string, string>) => ({
    rowNumber: 2,
    values: {
      consent: 'Yes',
      round_date: '2026-11-01',
      hromada: 'UA1',
      respondent_group: 'Police officer',
      ...Object.fromEntries(INSTRUMENT.items.map((i) => [i.id, 'Strongly agree'])),
      _uuid: 'x',
      _xform_id_string: INSTRUMENT.formId,
      ...values,
    },
  });

  it('reads bare XML names and answer labels (Kobo "labels" export of the values)', () => {
    const parsed = readSubmissionTable({ fileName: 't.csv', headers, rows: [row({})] });
    expect(parsed.submissions[0]?.group).toBe('police');
    expect(Object.values(parsed.submissions[0]!.answers).every((a) => a === 5)).toBe(true);
  });

  it('rejects another form id', () => {
    const parsed = readSubmissionTable({
      fileName: 't.csv',
      headers,
      rows: [row({ _xform_id_string: 'other_form' })],
    });
    expect(parsed.rejections[0]?.reason).toMatch(/unknown form id "other_form"/);
  });

  it('refuses a file that is not an export of the form, naming the missing columns', () => {
    expect(() => readSubmissionTable({ fileName: 't.csv', headers: ['a', 'b'], rows: [] })).toThrow(
      SubmissionExportError,
    );
  });
});

describe('KoboToolbox XLSX export', () => {
  it('reads the first worksheet like the CSV', async () => {
    const csv = parseSubmissionCsv(fixture('FIXTURE-kobo-semicolon.csv'), 'FIXTURE-kobo-semicolon.csv');
    const lines = fixture('FIXTURE-kobo-semicolon.csv')
      .trim()
      .split('\n')
      .map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '')));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('FIXTURE');
    for (const line of lines) sheet.addRow(line);
    const xlsx = await parseSubmissionXlsx(
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'FIXTURE-kobo.xlsx',
    );
    expect(xlsx.submissions).toEqual(csv.submissions);
    expect(xlsx.rejections).toEqual(csv.rejections);
  });
});
