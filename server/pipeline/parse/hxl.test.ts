import { describe, expect, it } from 'vitest';
import { ParseError } from './csv.ts';
import { parseHashtag, parseProgrammeSites } from './hxl.ts';

// Every 5W sheet below is a tiny hand-written fixture (organisations and codes are made up).
const file = { fileName: '5w.csv' };
const lines = (...rows: string[]): string => rows.join('\n') + '\n';

describe('parseHashtag', () => {
  it('is case-insensitive, ignores attribute order and whitespace (HXL 1.1)', () => {
    expect(parseHashtag('#Org +Impl+name')).toEqual({ tag: 'org', attributes: new Set(['impl', 'name']) });
    expect(parseHashtag('#org+name+impl')).toEqual(parseHashtag('#ORG+IMPL+NAME'));
    expect(parseHashtag('Organisation')).toBeNull();
    expect(parseHashtag('#1org')).toBeNull();
  });
});

describe('parseProgrammeSites', () => {
  it('reads a sheet with a human header row above the hashtag row', () => {
    const text = lines(
      'Partner,Donor,Cluster,Activity,Hromada,Start,End,People reached,Status,Budget,Currency,Code,Notes',
      '#org+impl,#org+funder,#sector+cluster,#activity+name,#adm3+code,#date+start,#date+end,#reached+ind,#status,#value+budget,#currency,#activity+code,#description',
      'Alpha NGO,ECHO,Protection,Legal aid,UA0502003,2024-01-15,31.12.2024,120,Ongoing,"12500,50",uah,P-1,"Mobile team, weekly"',
      'Beta,,Shelter,,UA05020030000031457,2024,,,,,,,',
    );
    const parsed = parseProgrammeSites(text, file);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 3,
        organisation: 'Alpha NGO',
        donor: 'ECHO',
        sector: 'Protection',
        activity: 'Legal aid',
        programmeCode: 'P-1',
        pcode: 'UA0502003',
        dateStart: '2024-01-15',
        dateEnd: '2024-12-31',
        reached: 120,
        status: 'active',
        budget: 12500.5,
        currency: 'UAH',
        description: 'Mobile team, weekly',
      },
      {
        rowNumber: 4,
        organisation: 'Beta',
        donor: null,
        sector: 'Shelter',
        activity: null,
        programmeCode: null,
        pcode: 'UA0502003',
        dateStart: '2024-01-01',
        dateEnd: null,
        reached: null,
        status: null,
        budget: null,
        currency: null,
        description: null,
      },
    ]);
    expect(parsed.columns).toMatchObject({
      organisation: '#org+impl',
      pcode: '#adm3+code',
      reached: '#reached+ind',
    });
  });

  it('reads a sheet whose first row is the hashtag row, with attributes in any order and any case', () => {
    const text = lines(
      '#ORG +NAME,#org+donor,#Sector,#adm3+katottg+code,#date+start,#affected+reached,#meta+id',
      'Gamma,USAID,WASH,UA05020030000031457,01.02.2024,5,G-7',
    );
    const parsed = parseProgrammeSites(text, file);
    expect(parsed.rows).toMatchObject([
      {
        rowNumber: 2,
        organisation: 'Gamma',
        donor: 'USAID',
        pcode: 'UA0502003',
        reached: 5,
        programmeCode: 'G-7',
      },
    ]);
    expect(parsed.columns.pcode).toBe('#adm3+katottg+code');
  });

  it('reads a bare year as a start on 1 January and an end on 31 December', () => {
    const text = lines(
      '#org,#sector,#adm3+code,#date+start,#date+end',
      'Alpha NGO,Protection,UA0502003,2016,2019',
    );
    const [row] = parseProgrammeSites(text, file).rows;
    expect([row?.dateStart, row?.dateEnd]).toEqual(['2016-01-01', '2019-12-31']);
  });

  it('takes decimal commas for granted in a ";"-delimited sheet', () => {
    const text = lines(
      '#org;#sector;#adm3+code;#date+start;#value',
      'A;Health;UA0502003;2024-05-01;1 000,25',
    );
    expect(parseProgrammeSites(text, file).rows[0]?.budget).toBe(1000.25);
  });

  it('leaves disaggregated and coded columns alone', () => {
    const text = lines(
      '#org+code,#org,#sector,#adm3+code,#date+start,#reached+f,#reached+hh,#reached',
      'ORG1,Delta,Food,UA0502003,2024,10,4,25',
    );
    const parsed = parseProgrammeSites(text, file);
    expect(parsed.rows[0]).toMatchObject({ organisation: 'Delta', reached: 25 });
    expect(parsed.columns).toMatchObject({ organisation: '#org', reached: '#reached' });
  });

  it('reports every problem of a row and leaves the row out', () => {
    const text = lines(
      'Org,Sector,Hromada,Start,End,Reached,Status',
      '#org,#sector,#adm3+code,#date+start,#date+end,#reached,#status',
      'A,Health,UA0502,2024-02-30,,-5,done',
      'B,Health,UA0502003,2024-06-01,2024-05-01,2.5,planned',
      'C,,XX123,,,,',
      'D,Health,UA0502003,2024-06-01,,7,Completed',
      'E,Health,UA0502003',
      'F,Health,UA0502003,2024,,,constructor',
    );
    const parsed = parseProgrammeSites(text, file);
    expect(parsed.rows.map((r) => [r.rowNumber, r.organisation, r.status])).toEqual([[6, 'D', 'completed']]);
    expect(parsed.problems).toEqual([
      {
        rowNumber: 3,
        field: '#adm3+code',
        value: 'UA0502',
        reason: 'is a raion pcode; a hromada (ADM3) pcode such as UA0502003 is needed',
      },
      {
        rowNumber: 3,
        field: '#date+start',
        value: '2024-02-30',
        reason: '"2024-02-30" is not a calendar date',
      },
      { rowNumber: 3, field: '#reached', value: '-5', reason: 'must not be negative' },
      {
        rowNumber: 3,
        field: '#status',
        value: 'done',
        reason: 'unknown status (expected planned, active or completed)',
      },
      {
        rowNumber: 4,
        field: '#date+end',
        value: '2024-05-01',
        reason: 'is before the start date 2024-06-01',
      },
      { rowNumber: 4, field: '#reached', value: '2.5', reason: 'must be a whole number' },
      { rowNumber: 5, field: '#sector', value: '', reason: 'is required' },
      {
        rowNumber: 5,
        field: '#adm3+code',
        value: 'XX123',
        reason: 'is neither a hromada pcode (UA + 7 digits) nor a KATOTTG code (UA + 17 digits)',
      },
      { rowNumber: 5, field: '#date+start', value: '', reason: 'is required' },
      { rowNumber: 7, field: '', value: '', reason: 'has 3 fields, the header has 7' },
      {
        rowNumber: 8,
        field: '#status',
        value: 'constructor',
        reason: 'unknown status (expected planned, active or completed)',
      },
    ]);
  });

  it('names the missing required hashtags and the file', () => {
    const text = lines('Org,Where', '#org+impl,#adm1+name', 'A,Kyiv');
    expect(() => parseProgrammeSites(text, file)).toThrow(ParseError);
    expect(() => parseProgrammeSites(text, file)).toThrow(
      '5w.csv: missing required HXL hashtags in row 2: sector (#sector); pcode (#adm3+code); ' +
        'dateStart (#date+start). Hashtags found: #org+impl, #adm1+name',
    );
  });

  it('says so when there is no hashtag row at all', () => {
    expect(() => parseProgrammeSites(lines('Org,Sector', 'A,Health'), file)).toThrow(
      /5w\.csv: no HXL hashtag row/,
    );
  });

  // Issue #11 items 4 and 13: every field checked against its column (int4, text without NUL, lengths) and
  // the plausibility window, so that a commit never meets a value its preview passed.
  it('reports values the database cannot hold, per row and field', () => {
    const now = new Date('2026-12-03T00:00:00Z');
    const text = lines(
      '#org,#sector,#adm3+code,#date+start,#date+end,#reached',
      'A,Health,UA0502003,2025-01-01,,1e308',
      'A,Health,UA0502003,2025-01-02,,99999999999999999999',
      'A,Health,UA0502003,2025-01-03,,2147483647',
      'A,Health,UA0502003,2025-01-04,,12\u0000',
      'A\u0000B,Health,UA0502003,2025-01-05,,1',
      `${'Я'.repeat(301)},Health,UA0502003,2025-01-06,,1`,
      'A,Health,UA0502003,0001-01-01,2999,1',
      'A,Health,UA0502003,2025-01-07,2037-01-01,1',
    );
    const parsed = parseProgrammeSites(text, { ...file, now });
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([4]);
    expect(parsed.problems.map((p) => [p.rowNumber, p.field, p.reason])).toEqual([
      [2, '#reached', 'is larger than 2,147,483,647, the most the column holds'],
      [3, '#reached', 'is larger than 2,147,483,647, the most the column holds'],
      [5, '#reached', 'contains a NUL byte (\\0), which text cannot hold'],
      [6, '#org', 'contains a NUL byte (\\0), which text cannot hold'],
      [7, '#org', 'is longer than 300 characters (301)'],
      [
        8,
        '#date+start',
        expect.stringMatching(/^"0001-01-01" is outside the plausible range 1991-08-24 .* to 2036-12-03/),
      ],
      [8, '#date+end', expect.stringMatching(/^"2999-12-31" is outside the plausible range/)],
      [9, '#date+end', expect.stringMatching(/^"2037-01-01" is outside/)],
    ]);
    // The NUL is not echoed back.
    expect(parsed.problems.find((p) => p.rowNumber === 6)?.value).toBe('');
  });

  it('warns about sites in occupied Crimea and Sevastopol, apart from the problems', () => {
    const text = lines(
      '#org,#sector,#adm3+code,#date+start',
      'A,Health,UA0102003,2025-01-01',
      'A,Health,UA85000000000065278,2025-01-01',
      'A,Health,UA0502003,2025-01-01',
    );
    const parsed = parseProgrammeSites(text, file);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(3);
    expect(parsed.warnings.map((w) => [w.rowNumber, w.field, w.reason])).toEqual([
      [2, '#adm3+code', expect.stringMatching(/^UA0102003 is in the Autonomous Republic of Crimea/)],
      [3, '#adm3+code', expect.stringMatching(/^UA8500000 is in Sevastopol/)],
    ]);
  });
});
