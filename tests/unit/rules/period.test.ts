import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysUntil,
  isOnTime,
  periodDefaults,
  previousYearPeriodMatch,
} from '../../../src/shared/rules/period';

describe('periodDefaults (NĐ 09/2019)', () => {
  it('half year: 15/12 of last year to 14/6, due 10/6', () => {
    expect(periodDefaults(2026, 'half_year')).toEqual({
      label: '6 tháng đầu năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-06-14',
      deadline: '2026-06-10',
    });
  });
  it('year: 15/12 of last year to 14/12, due 10/12', () => {
    expect(periodDefaults(2026, 'year')).toEqual({
      label: 'Năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-12-14',
      deadline: '2026-12-10',
    });
  });
  it('adhoc: caller dates, else whole year and today + 15 days', () => {
    expect(periodDefaults(2026, 'adhoc', { today: '2026-03-20' })).toEqual({
      label: 'Báo cáo đột xuất năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-12-14',
      deadline: '2026-04-04',
    });
    const d = periodDefaults(2026, 'adhoc', { dataFrom: '2026-01-01', dataTo: '2026-03-31', deadline: '2026-04-05' });
    expect(d).toMatchObject({ dataFrom: '2026-01-01', dataTo: '2026-03-31', deadline: '2026-04-05' });
  });
  it('rejects a nonsense year', () => {
    expect(() => periodDefaults(20.5, 'year')).toThrow(/Năm không hợp lệ/);
  });
});

describe('dates', () => {
  it('isOnTime: the deadline day itself is on time', () => {
    expect(isOnTime('2026-06-10', '2026-06-10')).toBe(true);
    expect(isOnTime('2026-06-09', '2026-06-10')).toBe(true);
    expect(isOnTime('2026-06-11', '2026-06-10')).toBe(false);
    expect(isOnTime('2026-06-10T23:59:00', '2026-06-10')).toBe(true);
  });
  it('daysUntil counts whole days across months and leap years', () => {
    expect(daysUntil('2026-06-01', '2026-06-10')).toBe(9);
    expect(daysUntil('2026-06-10', '2026-06-10')).toBe(0);
    expect(daysUntil('2026-06-12', '2026-06-10')).toBe(-2);
    expect(daysUntil('2028-02-28', '2028-03-01')).toBe(2);
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
  });
});

describe('previousYearPeriodMatch', () => {
  const periods = [
    { id: 1, year: 2025, kind: 'half_year' as const, label: '6 tháng đầu năm 2025' },
    { id: 2, year: 2025, kind: 'year' as const, label: 'Năm 2025' },
    { id: 3, year: 2026, kind: 'half_year' as const, label: '6 tháng đầu năm 2026' },
    { id: 4, year: 2024, kind: 'year' as const, label: 'Năm 2024' },
  ];
  it('same kind, year − 1', () => {
    expect(previousYearPeriodMatch(periods[2]!, periods)?.id).toBe(1);
    expect(previousYearPeriodMatch({ id: 9, year: 2026, kind: 'year' }, periods)?.id).toBe(2);
    expect(previousYearPeriodMatch(periods[0]!, periods)).toBeNull();
  });
});
