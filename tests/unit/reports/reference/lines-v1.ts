/**
 * The line count of documents/workbook.ts as it was before issue 20's rewrite (documents/workbook-lines.ts),
 * verbatim: tests/unit/reports/workbook-lines.test.ts compares the two. Do not change.
 */
function charEm(ch: string): number {
  if (ch === ' ') return 0.25;
  if (/\p{Lu}/u.test(ch)) return 0.7;
  if (/\p{Ll}/u.test(ch)) return 0.47;
  if (/\d/.test(ch)) return 0.52;
  return 0.36;
}
const EM = new Map<string, number>();
const WORD_EM = new Map<string, number>();
export const textPt = (s: string, size: number, bold: boolean) => {
  let w = WORD_EM.get(s);
  if (w === undefined) {
    w = 0;
    for (const ch of s) {
      let em = EM.get(ch);
      if (em === undefined) EM.set(ch, (em = charEm(ch)));
      w += em;
    }
    if (s.length <= 32) {
      if (WORD_EM.size >= 100_000) WORD_EM.clear();
      WORD_EM.set(s, w);
    }
  }
  return w * size * (bold ? 1.05 : 1) * 1.06;
};

export function countLines(s: string, size: number, widthPt: number, bold: boolean): number {
  const usable = Math.max(10, widthPt - 6);
  const space = textPt(' ', size, bold);
  return s.split('\n').reduce((n, part) => {
    let lines = 1;
    let x = 0;
    for (const word of part.split(/\s+/).filter(Boolean)) {
      const w = textPt(word, size, bold);
      if (x > 0 && x + space + w > usable) {
        lines++;
        x = w;
      } else x += (x > 0 ? space : 0) + w;
      while (x > usable) {
        lines++;
        x -= usable;
      }
    }
    return n + lines;
  }, 0);
}
