/**
 * Issue 20: the workbook's line count (documents/workbook-lines.ts, one pass over the char codes) gives every row
 * the count the old split-and-regex code gave (reference/lines-v1.ts, verbatim): on texts made of every kind of
 * character the old code told apart (capitals, small letters, digits, spaces of every kind JavaScript's \s
 * matches, line breaks, astral characters, lone surrogates), at the sizes, widths and weights the workbook uses.
 * Equality only.
 */
import { describe, expect, it } from 'vitest';
import { countLines, linesOf, textPt } from '../../../src/main/documents/workbook-lines';
import * as v1 from './reference/lines-v1';
import { rng } from '../../../src/main/demo/data';

const PIECES = [
  'Ủy ban',
  'nhân dân',
  'xã',
  'ĐỒNG VĂN',
  'Tả Van',
  '12.345',
  '(mới)',
  'bình đẳng giới',
  'Tiến bộ',
  '0,5%',
  '—',
  '=SUM(A1)',
  '𝐀𝐁',
  '😀',
  '\ud800',
  '\udc00x',
  'a\u0301',
  'supercalifragilisticexpialidocious-và-một-từ-rất-dài-không-có-chỗ-ngắt-dòng',
];
const SPACES = [
  ' ',
  '  ',
  '\t',
  '\r',
  '\n',
  '\n\n',
  '\r\n',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\u0085',
  '\u180e',
  '\v',
  '\f',
];

function text(r: () => number): string {
  const n = Math.floor(r() * 30);
  let s = r() < 0.2 ? SPACES[Math.floor(r() * SPACES.length)]! : '';
  for (let i = 0; i < n; i++) {
    s += PIECES[Math.floor(r() * PIECES.length)]!;
    s += r() < 0.85 ? ' ' : SPACES[Math.floor(r() * SPACES.length)]!;
  }
  return r() < 0.5 ? s.trimEnd() : s;
}

describe('the workbook line count is the old one', () => {
  it('on 20,000 generated texts at the workbook sizes, widths and weights', () => {
    const r = rng(20);
    const widths = [10, 27.75, 52.725, 138.75, 244.2, 288.6, 377.4, 500];
    let wrapped = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = text(r);
      const size = [11, 12, 13, 14][i % 4]!;
      const width = widths[Math.floor(r() * widths.length)]!;
      const bold = r() < 0.3;
      const want = v1.countLines(s, size, width, bold);
      expect(countLines(s, size, width, bold), JSON.stringify({ s, size, width, bold })).toBe(want);
      expect(linesOf(s, size, width, bold)).toBe(want);
      if (want > 1) wrapped++;
      expect(textPt(s, size, bold)).toBe(v1.textPt(s, size, bold));
    }
    // the texts wrap (a count of 1 everywhere would prove little)
    expect(wrapped).toBeGreaterThan(10_000);
  });

  it('on numbers as the cells hold them (integers, decimals, negative, exponents)', () => {
    const r = rng(7);
    for (let i = 0; i < 5_000; i++) {
      const v = [Math.floor(r() * 10 ** (i % 22)), -r() * 10 ** (i % 9), r() / 3, 1e21 * r(), 7 ** (i % 30)][i % 5]!;
      for (const width of [27.75, 52.725, 138.75])
        expect(linesOf(v, 12, width, i % 2 === 0)).toBe(v1.countLines(String(v), 12, width, i % 2 === 0));
    }
  });

  it('on edge texts: empty, only spaces, only line breaks, one long word', () => {
    for (const s of ['', ' ', '\n', '\n\n\n', ' \n ', 'x', 'x'.repeat(500), ' a ', '\t\t', '\ud83d', 'x\n'])
      for (const width of [1, 10, 52.725, 500])
        expect(countLines(s, 12, width, false)).toBe(v1.countLines(s, 12, width, false));
  });
});
