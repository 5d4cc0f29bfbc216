import type { CascadeUnits } from './instrument-outline.ts';

/**
 * A small cascade for unit tests: two oblasts, each with its raions and hromadas (real pcodes and names, a
 * handful of the 1,469). The integration test checks the full list read from the database.
 */
export const FIXTURE_UNITS: CascadeUnits = {
  oblasts: [
    { pcode: 'UA14', parentPcode: null, nameUk: 'Донецька', nameEn: 'Donetska' },
    { pcode: 'UA63', parentPcode: null, nameUk: 'Харківська', nameEn: 'Kharkivska' },
  ],
  raions: [
    { pcode: 'UA1412', parentPcode: 'UA14', nameUk: 'Краматорський', nameEn: 'Kramatorskyi' },
    { pcode: 'UA6314', parentPcode: 'UA63', nameUk: 'Чугуївський', nameEn: 'Chuhuivskyi' },
  ],
  hromadas: [
    { pcode: 'UA1412009', parentPcode: 'UA1412', nameUk: 'Краматорська', nameEn: 'Kramatorska' },
    { pcode: 'UA1412021', parentPcode: 'UA1412', nameUk: "Слов'янська", nameEn: 'Slovianska' },
    { pcode: 'UA6314017', parentPcode: 'UA6314', nameUk: 'Чугуївська', nameEn: 'Chuhuivska' },
  ],
};
