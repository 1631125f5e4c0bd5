/**
 * How wide a text is in Times New Roman and how many lines it wraps to in a cell (the workbook's row heights).
 *
 * Issue 20: a national workbook counts the lines of ~500,000 cells. The count was written with `split` and
 * regexes (each "\n"-part split on /\s+/, each word's width summed from a map of characters); here one pass over
 * the char codes, each character's advance read from a table, with the very same floating-point operations in the
 * same order, so every count (and so every row height) is the one the old code gave:
 * tests/unit/reports/workbook-lines.test.ts compares both on generated and hostile texts.
 */

/**
 * Advance of a Times New Roman character as a share of the font size (capitals ≈ 0,68, small letters ≈ 0,45,
 * digits 0,5), with 6 % to spare so a wrapped cell never gets a line too few; bold is about 5 % wider.
 */
export function charEm(ch: string): number {
  if (ch === ' ') return 0.25;
  if (/\p{Lu}/u.test(ch)) return 0.7;
  if (/\p{Ll}/u.test(ch)) return 0.47;
  if (/\d/.test(ch)) return 0.52;
  return 0.36;
}

/** charEm of each UTF-16 unit below the surrogates, 0 while not yet asked (no advance is 0) */
const EM_BMP = new Float64Array(0xd800);
/** charEm of the other characters (astral code points, lone surrogates and U+E000 on) */
const EM_OTHER = new Map<number, number>();

/** charEm of the character (code point `cp`) */
function emOf(cp: number): number {
  if (cp < 0xd800) {
    const em = EM_BMP[cp]!;
    if (em !== 0) return em;
    return (EM_BMP[cp] = charEm(String.fromCharCode(cp)));
  }
  let em = EM_OTHER.get(cp);
  if (em === undefined) EM_OTHER.set(cp, (em = charEm(String.fromCodePoint(cp))));
  return em;
}

/** The characters JavaScript's \s matches (the old count split words on /\s+/), "\n" aside. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The summed advances (em) of `s`'s characters, in order (a surrogate pair is one character). */
function emSum(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800) w += emOf(c);
    else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      w += emOf(cp);
    }
  }
  return w;
}

/** Width in pt of `s` at `size` pt. */
export function textPt(s: string, size: number, bold: boolean): number {
  return emSum(s) * size * (bold ? 1.05 : 1) * 1.06;
}

/** Lines a text takes in a cell `widthPt` wide at `size` pt (each "\n" starts a line), wrapped word by word. */
export function countLines(s: string, size: number, widthPt: number, bold: boolean): number {
  const usable = Math.max(10, widthPt - 6);
  const boldness = bold ? 1.05 : 1;
  const space = 0.25 * size * boldness * 1.06;
  let n = 0;
  let lines = 1;
  let x = 0;
  /** the em of the word being read, -1 between words */
  let w = -1;
  // one step past the end: the last word ends there (written out, not a closure: its variables stay local)
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 10;
    const brk = c === 10;
    if (brk || isSpace(c)) {
      if (w >= 0) {
        const wt = w * size * boldness * 1.06;
        w = -1;
        if (x > 0 && x + space + wt > usable) {
          lines++;
          x = wt;
        } else x += (x > 0 ? space : 0) + wt;
        while (x > usable) {
          lines++;
          x -= usable;
        }
      }
      if (brk) {
        n += lines;
        lines = 1;
        x = 0;
      }
      continue;
    }
    if (w < 0) w = 0;
    if (c < 0xd800) w += emOf(c);
    else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      w += emOf(cp);
    }
  }
  return n;
}

/** linesOf's answers, by width, size, weight and value (a national Phụ lục V repeats the same few numbers) */
const LINES = new Map<number, Map<number, Array<Map<string | number, number>>>>();
let last: { size: number; widthPt: number; bold: boolean; m: Map<string | number, number> } | null = null;
function linesCache(size: number, widthPt: number, bold: boolean): Map<string | number, number> {
  if (last && last.size === size && last.widthPt === widthPt && last.bold === bold && last.m.size <= 100_000)
    return last.m;
  let bySize = LINES.get(widthPt);
  if (!bySize) LINES.set(widthPt, (bySize = new Map()));
  let byBold = bySize.get(size);
  if (!byBold) bySize.set(size, (byBold = []));
  const k = bold ? 1 : 0;
  let m = byBold[k];
  if (!m) byBold[k] = m = new Map();
  else if (m.size > 100_000) m.clear();
  last = { size, widthPt, bold, m };
  return m;
}

/**
 * countLines of a cell's value (a number counted as its digits), remembered for numbers and texts up to 2,000
 * characters (a national Phụ lục VI repeats its answers; at most 100,000 kept per width, size and weight)
 */
export function linesOf(v: string | number, size: number, widthPt: number, bold: boolean): number {
  if (typeof v === 'string' && v.length > 2000) return countLines(v, size, widthPt, bold);
  const m = linesCache(size, widthPt, bold);
  let n = m.get(v);
  if (n === undefined) m.set(v, (n = countLines(String(v), size, widthPt, bold)));
  return n;
}
