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

describe('KoboToolbox CSV export with Ukrainian label headers (FIXTURE, "Export with labels")', () => {
  // The same rows as FIXTURE-kobo-semicolon.csv, exported with labels: headers are the questions' Ukrainian
  // labels under their groups' labels, answers are the choices' labels, the hromada is Зміївська by name.
  const labels = parseSubmissionCsv(fixture('FIXTURE-kobo-labels-uk.csv'), 'FIXTURE-kobo-labels-uk.csv');
  const names = parseSubmissionCsv(fixture('FIXTURE-kobo-semicolon.csv'), 'FIXTURE-kobo-semicolon.csv');

  it('maps each label back to its question: the same answers as the XML-names export of the same rows', () => {
    expect(labels).toMatchObject({ format: 'kobo', headers: 'uk' });
    expect(names.headers).toBe('names');
    expect(labels.submissions.map((s) => s.row)).toEqual(names.submissions.map((s) => s.row));
    for (const [i, s] of labels.submissions.entries()) {
      expect(s.answers).toEqual(names.submissions[i]!.answers);
      expect(s.group).toBe(names.submissions[i]!.group);
    }
  });

  it('keeps the hromada, raion and oblast names for the service to resolve', () => {
    expect(labels.submissions[0]).toMatchObject({
      id: 'fixture-kobo-uk-0001',
      pcode: 'Зміївська',
      unitNames: { oblast: 'Харківська', raion: 'Чугуївський', hromada: 'Зміївська' },
    });
    expect(names.submissions[0]).not.toHaveProperty('unitNames');
  });

  it('rejects the same rows for the same reasons, naming the label column', () => {
    expect(labels.rejections.map((r) => [r.row, r.reason])).toEqual(
      names.rejections.map((r) => [r.row, r.reason]),
    );
    expect(labels.rejections.find((r) => r.reason === 'no consent')?.field).toBe(INSTRUMENT.consent.label.uk);
    expect(labels.rejections.find((r) => r.reason.startsWith('out-of-range'))?.field).toMatch(
      /^assessment\/Згуртованість громади і довіра\//,
    );
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

  it('reads English label headers without group paths, whatever the apostrophe and spacing', () => {
    const label = new Map<string, string>([
      ['consent', INSTRUMENT.consent.label.en],
      ['round_date', INSTRUMENT.round.label.en],
      ['oblast', INSTRUMENT.location.oblast.en],
      ['raion', INSTRUMENT.location.raion.en],
      ['hromada', INSTRUMENT.location.hromada.en],
      ['respondent_group', INSTRUMENT.respondentGroup.label.en],
      ...INSTRUMENT.items.map((i) => [i.id, i.label.en.replace(/'/g, '’').replace(/ /, '  ')] as const),
    ]);
    const english = (h: string) => label.get(h) ?? h;
    const base = row({ oblast: 'Kharkivska', raion: 'Chuhuivskyi', hromada: 'Zmiivska' });
    const parsed = readSubmissionTable({
      fileName: 'en.csv',
      headers: [...headers.map(english), 'oblast', 'raion'].map(english),
      rows: [
        { ...base, values: Object.fromEntries(Object.entries(base.values).map(([k, v]) => [english(k), v])) },
      ],
    });
    expect(parsed.headers).toBe('en');
    expect(parsed.rejections).toEqual([]);
    expect(parsed.submissions[0]).toMatchObject({
      group: 'police',
      unitNames: { oblast: 'Kharkivska', raion: 'Chuhuivskyi', hromada: 'Zmiivska' },
    });
    expect(Object.values(parsed.submissions[0]!.answers).every((a) => a === 5)).toBe(true);
  });

  it('needs the raion and oblast beside a hromada named by its label', () => {
    const uk = new Map<string, string>([
      ['consent', INSTRUMENT.consent.label.uk],
      ['round_date', INSTRUMENT.round.label.uk],
      ['hromada', INSTRUMENT.location.hromada.uk],
      ['respondent_group', INSTRUMENT.respondentGroup.label.uk],
      ...INSTRUMENT.items.map((i) => [i.id, i.label.uk] as const),
    ]);
    const labelled = headers.map((h) => uk.get(h) ?? h);
    expect(() => readSubmissionTable({ fileName: 'uk.csv', headers: labelled, rows: [] })).toThrow(
      /labels in Ukrainian or English/,
    );
    const withPlaces = [...labelled, INSTRUMENT.location.oblast.uk, INSTRUMENT.location.raion.uk];
    expect(readSubmissionTable({ fileName: 'uk.csv', headers: withPlaces, rows: [] }).headers).toBe('uk');
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
