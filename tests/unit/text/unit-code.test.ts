import { describe, expect, it } from 'vitest';
import { unitActiveOn, unitStateOn } from '../../../src/shared/rules/unit-validity';
import { normalizeUnitCode } from '../../../src/shared/text/unit-code';

describe('normalizeUnitCode: one spelling of a code', () => {
  it.each([
    ['LCA-S01', 'LCA-S01'],
    ['lca-s01', 'LCA-S01'],
    [' LCA-S01 ', 'LCA-S01'],
    ['LCA–S03', 'LCA-S03'],
    ['LCA—S03', 'LCA-S03'],
    ['LCA\u2212S03', 'LCA-S03'],
    ['LCA\u2011S03', 'LCA-S03'],
    ['LCA S05', 'LCA-S05'],
    ['lca – s05', 'LCA-S05'],
    ['LCA\u00a0S05', 'LCA-S05'],
    ['LCA\u200b-S05', 'LCA-S05'],
    ['X001', 'X001'],
    ['ubnd.x01', 'UBND.X01'],
  ])('%j → %s', (raw, want) => {
    expect(normalizeUnitCode(raw)).toBe(want);
    expect(normalizeUnitCode(normalizeUnitCode(raw))).toBe(want);
  });
});

describe('unit validity: one rule', () => {
  const merged = { active: true, validFrom: null, validTo: '2025-12-31' };
  it('a unit whose validity ended is inactive from the day after, whatever the flag says', () => {
    expect(unitActiveOn(merged, '2025-12-31')).toBe(true);
    expect(unitStateOn(merged, '2026-01-01')).toBe('ended');
    expect(unitActiveOn(merged, '2026-01-01')).toBe(false);
  });
  it('not yet valid, stopped, active', () => {
    expect(unitStateOn({ active: true, validFrom: '2025-07-01', validTo: null }, '2025-06-30')).toBe('not_yet');
    expect(unitStateOn({ active: true, validFrom: '2025-07-01', validTo: null }, '2025-07-01')).toBe('active');
    expect(unitStateOn({ active: false, validFrom: null, validTo: null }, '2026-01-01')).toBe('stopped');
  });
});
