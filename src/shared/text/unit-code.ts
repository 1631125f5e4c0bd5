/**
 * One spelling of a unit code, used by every path that reads or stores one (the unit form, the list import, the
 * CLI, the files units send back): trimmed, upper case, every dash (en dash, em dash, minus sign, non-breaking
 * hyphen…) the ASCII hyphen, and no spaces inside: a space between two parts is the hyphen people meant
 * ("LCA S05" → "LCA-S05", "lca – s03" → "LCA-S03"), so case, dash and space variants are one code.
 */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u00AD]/g;

export function normalizeUnitCode(code: string): string {
  return code
    .normalize('NFC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(DASHES, '-')
    .trim()
    .replace(/[\s\u00A0-]*-[\s\u00A0-]*|[\s\u00A0]+/g, '-')
    .toLocaleUpperCase('en');
}

/** What a stored code may hold after normalising: letters, digits, "_", "." and "-". */
export const UNIT_CODE_PATTERN = /^[\p{L}\p{N}_.-]+$/u;
