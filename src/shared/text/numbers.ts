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
