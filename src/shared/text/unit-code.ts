/**
 * One spelling of a unit code, used by every path that reads or stores one (the unit form, the list import, the
 * CLI, the files units send back): trimmed, upper case, no spaces inside, every dash (en dash, em dash, minus
 * sign, non-breaking hyphen…) the ASCII hyphen. "lca–s 03 " and "LCA-S03" are the same code.
 */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u00AD]/g;

export function normalizeUnitCode(code: string): string {
  return code
    .normalize('NFC')
    .replace(DASHES, '-')
    .replace(/[\s\u00A0\u200B-\u200D\u2060\uFEFF]+/g, '')
    .toLocaleUpperCase('en');
}

/** What a stored code may hold after normalising: letters, digits, "_", "." and "-". */
export const UNIT_CODE_PATTERN = /^[\p{L}\p{N}_.-]+$/u;
