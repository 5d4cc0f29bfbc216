// The Coverage view's downloads, 3W table and activity timeline (issue #14, item 7), Ukrainian (the default)
// and English. «Хто що де» is OCHA's Ukrainian name of the 3W (Who does What Where); «охоплено осіб» is the
// 5W's "people reached".

import type { CoverageTable, ExportFormat } from '../state/coverage/coverage-export.ts';
import type { Lang } from './messages.ts';

const uk = {
  downloadsTitle: 'Завантажити дані',
  downloadsNote:
    'Файли містять те, що показано з поточними фільтрами, з тегами HXL, датою, фільтрами, джерелами та їхніми ліцензіями.',
  table: {
    sites: 'Місця реалізації програм',
    programmes: 'Програми',
    pivot: 'Хто що де (3W)',
    gap: 'Прогалина: громади без програми',
  } satisfies Record<CoverageTable, string>,
  format: { csv: 'CSV (HXL)', xlsx: 'XLSX', geojson: 'GeoJSON' } satisfies Record<ExportFormat, string>,
  /** The accessible name of one link: "Завантажити «Програми» у форматі CSV (HXL)". */
  linkLabel: (table: string, format: string) => `Завантажити «${table}» у форматі ${format}`,
  threeWTitle: 'Хто що де (3W)',
  threeWCaption: 'Організація × сектор × область: громади та охоплені особи',
  orgSector: 'Організація, сектор, область',
  communities: 'Громади',
  reached: 'Охоплено',
  reachUnknown: 'не вказано',
  reachPartial: (known: number, sites: number) => `за ${known} з ${sites} місць`,
  totalReached: 'Усього охоплено осіб',
  totalReachedNote: (known: number, sites: number) =>
    `Кількість охоплених осіб вказано для ${known} з ${sites} місць реалізації; решта — невідомо, а не нуль.`,
  noReach: 'Жодне місце реалізації не вказує кількість охоплених осіб.',
  threeWEmpty: 'Немає програм із місцями реалізації за цими фільтрами.',
  moreRows: (n: number) => `Ще рядків: ${n} — повна таблиця у файлі «Хто що де (3W)».`,
  timelineTitle: 'Активність програм за місяцями',
  timelineChart: (from: string, to: string, max: number) =>
    `Стовпчикова діаграма: кількість чинних програм щомісяця з ${from} до ${to}, найбільше — ${max}. Ті самі дані — у таблиці нижче.`,
  timelineTable: 'Таблиця активності',
  period: 'Період',
  programmes: 'Програми',
  sites: 'Місця',
  errorThreeW: 'Не вдалося завантажити таблицю «Хто що де»',
};

type ExportMessages = typeof uk;

const en: ExportMessages = {
  downloadsTitle: 'Download the data',
  downloadsNote:
    'The files hold what is shown with the current filters, with HXL hashtags, the date, the filters, and the sources with their licences.',
  table: {
    sites: 'Programme sites',
    programmes: 'Programmes',
    pivot: 'Who does what where (3W)',
    gap: 'Gap: communities without a programme',
  },
  format: { csv: 'CSV (HXL)', xlsx: 'XLSX', geojson: 'GeoJSON' },
  linkLabel: (table, format) => `Download “${table}” as ${format}`,
  threeWTitle: 'Who does what where (3W)',
  threeWCaption: 'Organisation × sector × oblast: communities and people reached',
  orgSector: 'Organisation, sector, oblast',
  communities: 'Communities',
  reached: 'Reached',
  reachUnknown: 'not reported',
  reachPartial: (known, sites) => `from ${known} of ${sites} sites`,
  totalReached: 'People reached in all',
  totalReachedNote: (known, sites) =>
    `People reached is reported for ${known} of ${sites} sites; the rest are unknown, not zero.`,
  noReach: 'No site reports the number of people reached.',
  threeWEmpty: 'No programme with sites passes these filters.',
  moreRows: (n) => `${n} more rows: the whole table is in the “Who does what where (3W)” file.`,
  timelineTitle: 'Programme activity by month',
  timelineChart: (from, to, max) =>
    `Bar chart: programmes active each month from ${from} to ${to}, at most ${max}. The same figures are in the table below.`,
  timelineTable: 'Activity table',
  period: 'Period',
  programmes: 'Programmes',
  sites: 'Sites',
  errorThreeW: 'The “who does what where” table could not be loaded',
};

export const COVERAGE_EXPORT_MESSAGES: Record<Lang, ExportMessages> = { uk, en };
