/**
 * CSV injection (issue #11 item 9; OWASP, https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet
 * runs a cell that begins with =, +, -, @, tab or carriage return as a formula, so a hromada or scenario name
 * such as `=HYPERLINK(…)` would become a live link in the reader's Excel. Such a text cell is written with a
 * leading single quote (and quoted), which spreadsheets read as "this is text". Papaparse applies this to
 * strings only: numbers stay numbers, so a negative score is `-0.5`, not `'-0.5` (a number is not a formula, and
 * the prefix would turn it into text in the reader's spreadsheet). Our own pattern rather than papaparse's default
 * `/^[=+\-@\t\r].*$/`, whose `.*$` fails on a cell with a line break and lets `=…\n…` through. NUL is added
 * as OWASP ASVS (V1.2.10, CSV and formula injection) lists it.
 */
export const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;
