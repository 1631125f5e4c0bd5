import { describe, expect, it } from 'vitest';
import { numberToViWords, readViNumber } from '../../../src/shared/text/numbers';

describe('readViNumber: the Vietnamese way, never a silent US reading', () => {
  it.each([
    ['1.234', 1234],
    ['1.500', 1500],
    ['1.234.567', 1234567],
    ['1 234', 1234],
    ['1\u00a0234\u00a0567', 1234567],
    ['12,5', 12.5],
    ['1.234,5', 1234.5],
    ['1 234,75', 1234.75],
    ['0,5', 0.5],
    [',5', 0.5],
    ['-3', -3],
    ['+7', 7],
    ['0', 0],
    ['  42 ', 42],
  ])('"%s" is %d', (text, value) => {
    const r = readViNumber(text);
    expect(r).toMatchObject({ kind: 'vi', value });
  });

  it.each([
    ['1,234.5', 1234.5],
    ['1.50', 1.5],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['12,345,678', 12345678],
    ['1,234,567.25', 1234567.25],
  ])('"%s" is not Vietnamese but reads as the US %d: refused with both readings', (text, usValue) => {
    expect(readViNumber(text)).toEqual({ kind: 'us_only', usValue });
  });

  it('flags a comma before exactly three digits ("1,234") so the caller can ask', () => {
    expect(readViNumber('1,234')).toEqual({ kind: 'vi', value: 1.234, commaThousands: true });
    expect(readViNumber('1,23')).toEqual({ kind: 'vi', value: 1.23, commaThousands: false });
    expect(readViNumber('1.234,567')).toEqual({ kind: 'vi', value: 1234.567, commaThousands: false });
  });

  it.each(['', 'abc', '12%', '1.2.3', '1,2,3', '1 23', '12 ngàn', '1..2', '1,,2', '--1', '1.234,5,6'])(
    '"%s" is not a number',
    (text) => {
      expect(readViNumber(text).kind).toBe('invalid');
    },
  );
});

describe('numberToViWords', () => {
  it.each([
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [105, 'một trăm linh năm'],
    [1234, 'một nghìn hai trăm ba mươi tư'],
    [1005, 'một nghìn không trăm linh năm'],
    [1500, 'một nghìn năm trăm'],
    [2000000, 'hai triệu'],
    [12345678, 'mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám'],
    [1000000001, 'một tỷ không trăm linh một'],
  ])('%d → %s', (n, words) => {
    expect(numberToViWords(n)).toBe(words);
  });
});
