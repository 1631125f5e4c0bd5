/**
 * searchKey's and cleanText's fast paths (issue 20: printable ASCII folded directly, short labels' results kept) give
 * exactly the full rules: NFC, odd spaces, invisible characters, trimmed; then NFD, marks dropped, đ → d, lower case.
 */
import { describe, expect, it } from 'vitest';
import { cleanText, searchKey } from '../../../src/shared/text/vi';

const clean = (s: string): string =>
  /^[!-~]+(?: [!-~]+)*$/.test(s)
    ? s
    : s
        .normalize('NFC')
        .replace(/[\u00a0\u2007\u202f\u200b\ufeff\u2028\u2029\t\r\n]+/g, ' ')
        .replace(/\p{Cf}+/gu, '')
        .replace(/ {2,}/g, ' ')
        .trim();
const full = (s: string): string =>
  clean(s)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

const samples = [
  '',
  ' ',
  'Ma so',
  '  Mã   số ',
  'Mã số',
  'Tình trạng',
  'TÌNH TRẠNG',
  'Phường Cam Đường',
  'Phường Cam Đường'.normalize('NFD'),
  'Kết\u00a0quả\tthực\nhiện',
  'Số hoạt động\u200b',
  'ABC-123 x/y (z)',
  'a  b',
  'tab\there',
  '\ufeffBOM',
  'x'.repeat(300),
  'Đơn vị '.repeat(60),
  'Xã \u202Egnp.exe',
];

describe('searchKey', () => {
  it('equals the full rule on ASCII, Vietnamese (NFC and NFD), odd spaces, long texts', () => {
    for (const s of samples) {
      expect(searchKey(s), JSON.stringify(s)).toBe(full(s));
      expect(cleanText(s), JSON.stringify(s)).toBe(clean(s));
    }
  });
  it('gives the same key the second time (kept keys) and for random strings', () => {
    const alphabet = 'aăâbdđeêoôơuưyAĂÂĐÊÔƠƯ \u00a0\t\u0301\u0323\u200bMã số';
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const s = Array.from(
        { length: Math.floor(rnd() * 20) },
        () => alphabet[Math.floor(rnd() * alphabet.length)],
      ).join('');
      expect(searchKey(s)).toBe(full(s));
      expect(searchKey(s)).toBe(full(s));
      expect(cleanText(s)).toBe(clean(s));
      expect(cleanText(s)).toBe(clean(s));
    }
  });
});

/** cleanText's rule without any shortcut or kept result */
const cleanRule = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f\u200b\ufeff\u2028\u2029\t\r\n]+/g, ' ')
    .replace(/\p{Cf}+/gu, '')
    .replace(/ {2,}/g, ' ')
    .trim();

describe('cleanText gives the rule on Latin and Vietnamese letters, alone, together and with odd characters', () => {
  // the blocks Vietnamese letters come from, and their neighbours
  const ranges: Array<[number, number]> = [
    [0x00, 0x2ff],
    [0x1dff, 0x1f00],
  ];
  it('every character of U+0000–U+02FF and U+1DFF–U+1F00, alone and between letters', () => {
    for (const [a, b] of ranges) {
      for (let c = a; c <= b; c++) {
        const ch = String.fromCharCode(c);
        for (const s of [ch, `a${ch}b`, `Mã${ch}số`, `${ch}${ch}`, `e${ch}`, `${ch}\u0301`]) {
          expect(cleanText(s), `U+${c.toString(16)} in ${JSON.stringify(s)}`).toBe(cleanRule(s));
        }
      }
    }
  });
  it('random texts of Vietnamese letters, spaces and the characters around them', () => {
    const alphabet =
      'aăâbdđeêoôơuưyAĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ  ' +
      '\u00a0\u00ad\u00a1\u024f\u0250\u1e00\u1eff\u1f00\u0301\u0323\u200b\u2028\t\n.,:;()-/%0123456789';
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    let unchanged = 0;
    for (let i = 0; i < 20000; i++) {
      const s = Array.from({ length: rnd(24) }, () => alphabet[rnd(alphabet.length)]).join('');
      const want = cleanRule(s);
      expect(cleanText(s), JSON.stringify(s)).toBe(want);
      if (want === s) unchanged++;
    }
    // many of them are already clean: texts left unchanged are compared too, not only texts the rule changes
    expect(unchanged).toBeGreaterThan(1000);
  });
});
