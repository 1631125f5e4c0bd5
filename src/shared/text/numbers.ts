/**
 * Reading a number a unit typed as text, the Vietnamese way, without guessing.
 *
 * Vietnamese writing: "." (or a space) separates thousands in groups of three, "," is the decimal mark:
 * "1.234" = 1234, "1 234" = 1234, "12,5" = 12.5, "1.234,5" = 1234.5, "1.500" = 1500.
 * Text that is not valid that way but is a valid US-style number ("1,234.5", "1.50", "0.5", "12,345,678") is
 * `us_only`: the caller refuses it and shows both readings instead of picking one.
 * A comma followed by exactly three digits ("1,234") is valid Vietnamese (1,234) but often meant as US thousands:
 * `commaThousands` tells the caller to warn.
 */
import { cleanText } from './vi';

export type NumberReading =
  | { kind: 'vi'; value: number; /** "1,234": a decimal comma before exactly three digits */ commaThousands: boolean }
  | { kind: 'us_only'; usValue: number }
  | { kind: 'invalid' };

const SPACES = /[ \u00a0\u2007\u202f]/g;
const VI_INT = /^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}( \d{3})+)$/;
const VI_DEC = /^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}( \d{3})+)?,\d+$/;
const US_DEC = /^(\d+|\d{1,3}(,\d{3})+)?\.\d+$/;
const US_THOUSANDS = /^\d{1,3}(,\d{3}){2,}$/;

export function readViNumber(raw: string): NumberReading {
  let s = cleanText(raw).replace(SPACES, ' ').trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = -1;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  if (!/^[\d., ]+$/.test(s) || !/\d/.test(s)) return { kind: 'invalid' };
  if (VI_INT.test(s)) {
    return { kind: 'vi', value: sign * Number(s.replace(/[. ]/g, '')), commaThousands: false };
  }
  if (VI_DEC.test(s)) {
    const [int, frac] = s.split(',') as [string, string];
    const value = sign * Number(`${int.replace(/[. ]/g, '') || '0'}.${frac}`);
    return { kind: 'vi', value, commaThousands: /^\d{1,3}$/.test(int) && frac.length === 3 };
  }
  if (US_DEC.test(s) || US_THOUSANDS.test(s)) {
    return { kind: 'us_only', usValue: sign * Number(s.replace(/,/g, '')) };
  }
  return { kind: 'invalid' };
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ'];

/** 0–999 in words; `full` writes a leading "không trăm" (inside a larger number: "một nghìn không trăm linh năm"). */
function hundreds(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) out.push('linh');
  } else if (t === 1) out.push('mười');
  else out.push(DIGITS[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t > 1) out.push('mốt');
    else if (u === 5 && t > 0) out.push('lăm');
    else if (u === 4 && t > 1) out.push('tư');
    else out.push(DIGITS[u]!);
  }
  return out.join(' ');
}

/**
 * A whole number in Vietnamese words, for messages that ask "did you mean…?":
 * 1234 → "một nghìn hai trăm ba mươi tư". Numbers from 0 to 999.999.999.999.999; others as digits.
 */
export function numberToViWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) return String(n);
  if (n === 0) return 'không';
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 1000)) groups.push(x % 1000);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    const words = hundreds(g, i < groups.length - 1);
    parts.push(SCALES[i] ? `${words} ${SCALES[i]}` : words);
  }
  return parts.join(' ');
}

/** Roman numerals, for section and appendix numbers (NĐ 30/2020: "Phụ lục I, II, …"; 1 → I, 4 → IV, 20 → XX). */
export function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let r = Math.max(0, Math.floor(n));
  for (const [v, sym] of table)
    while (r >= v) {
      out += sym;
      r -= v;
    }
  return out;
}
