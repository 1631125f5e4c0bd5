/** The one unit search of every long list: diacritics and case ignored, every word must match, keys made lazily. */
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { searchWords, useUnitSearch } from '../../src/renderer/src/components/useUnitSearch';

type U = { name: string };
const units: U[] = [
  { name: 'UBND xã Đông Hưng' },
  { name: 'UBND phường Hưng Đạo' },
  { name: 'Sở Y tế' },
  { name: 'Hội Liên hiệp Phụ nữ tỉnh' },
];
const nameOf = (u: U): string => u.name;

describe('useUnitSearch', () => {
  it('ignores diacritics and case, and needs every word', () => {
    const { result, rerender } = renderHook(({ q }) => useUnitSearch(units, nameOf, q), {
      initialProps: { q: 'hung' },
    });
    expect(result.current.map(nameOf)).toEqual(['UBND xã Đông Hưng', 'UBND phường Hưng Đạo']);
    rerender({ q: 'DONG hưng' });
    expect(result.current.map(nameOf)).toEqual(['UBND xã Đông Hưng']);
    rerender({ q: 'so y te' });
    expect(result.current.map(nameOf)).toEqual(['Sở Y tế']);
    rerender({ q: 'phu nu huyen' });
    expect(result.current).toEqual([]);
  });

  it('shows the list as it is before anyone types, without making a key per item', () => {
    let calls = 0;
    const counting = (u: U): string => {
      calls++;
      return u.name;
    };
    const { result, rerender } = renderHook(({ q }) => useUnitSearch(units, counting, q), {
      initialProps: { q: '  ' },
    });
    expect(result.current).toBe(units);
    expect(calls).toBe(0);
    rerender({ q: 'y' });
    expect(calls).toBe(units.length);
    rerender({ q: 'y te' });
    // the keys are kept while the officer goes on typing
    expect(calls).toBe(units.length);
    expect(result.current.map(nameOf)).toEqual(['Sở Y tế']);
  });

  it('splits a query into words without diacritics', () => {
    expect(searchWords('  Hội  Phụ nữ ')).toEqual(['hoi', 'phu', 'nu']);
  });
});
