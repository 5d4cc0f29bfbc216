// Tokens our sources use for "no data" (KSE writes NA; R/Excel exports add the others). Never zero.
const MISSING = new Set(['', 'na', 'n/a', 'null', '-']);
export const isMissing = (value: string): boolean => MISSING.has(value.trim().toLowerCase());
