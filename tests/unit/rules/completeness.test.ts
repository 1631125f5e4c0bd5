import { describe, expect, it } from 'vitest';
import { computeStatus, reportingRate, type ExpectedUnit } from '../../../src/shared/rules/completeness';
import { HISTORY_AFTER_DAYS, isHistoryEntry } from '../../../src/shared/rules/period';

const u = (unitId: number, name: string, kind: ExpectedUnit['kind']): ExpectedUnit => ({
  unitId,
  code: `U${unitId}`,
  name,
  kind,
  contact: null,
  phone: null,
  email: null,
});

describe('computeStatus', () => {
  const expectedUnits = [
    u(1, 'Xã Tả Van', 'xa'),
    u(2, 'Sở Y tế', 'so_nganh'),
    u(3, 'Phường Cam Đường', 'xa'),
    u(4, 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'),
    u(5, 'Xã Bản Hồ', 'xa'),
  ];
  const firstReceived = new Map([
    [1, { receivedAt: '2026-06-10', revision: 1, submissionId: 11 }],
    [2, { receivedAt: '2026-06-11', revision: 3, submissionId: 23 }],
    [3, { receivedAt: '2026-06-01', revision: 2, submissionId: 32 }],
  ]);
  const s = computeStatus({ deadline: '2026-06-10', expectedUnits, firstReceived });

  it('counts expected, received, on time (deadline day included), late and missing', () => {
    expect(s).toMatchObject({ expected: 5, received: 3, onTime: 2, late: 1, missing: 2, deadline: '2026-06-10' });
  });
  it('judges timeliness on the first report and keeps the latest revision', () => {
    const so = s.units.find((x) => x.unitId === 2)!;
    expect(so).toMatchObject({ status: 'late', receivedAt: '2026-06-11', revision: 3, submissionId: 23 });
    expect(s.units.find((x) => x.unitId === 4)).toMatchObject({ status: 'missing', receivedAt: null, revision: null });
  });
  it('by kind, in the catalogue order of kinds', () => {
    expect(s.byKind).toEqual([
      { kind: 'so_nganh', expected: 1, received: 1, onTime: 0, late: 1, missing: 0, returned: 0, history: 0 },
      { kind: 'doan_the', expected: 1, received: 0, onTime: 0, late: 0, missing: 1, returned: 0, history: 0 },
      { kind: 'xa', expected: 3, received: 2, onTime: 2, late: 0, missing: 1, returned: 0, history: 0 },
    ]);
  });
  it('sorts units with Vietnamese collation', () => {
    expect(s.units.map((x) => x.name)).toEqual([
      'Hội Liên hiệp Phụ nữ tỉnh',
      'Phường Cam Đường',
      'Sở Y tế',
      'Xã Bản Hồ',
      'Xã Tả Van',
    ]);
  });
  it('reportingRate', () => {
    expect(reportingRate(3, 5)).toBe(60);
    expect(reportingRate(0, 0)).toBeNull();
  });
});

describe('computeStatus with the inbox', () => {
  const expectedUnits = [u(1, 'Xã Tả Van', 'xa'), u(2, 'Sở Y tế', 'so_nganh'), u(3, 'Xã Bản Hồ', 'xa')];
  const firstReceived = new Map([[2, { receivedAt: '2026-06-12', revision: 2, submissionId: 22 }]]);
  const attempts = new Map([
    // every file refused: returned, with the latest refusal's first error
    [1, { firstAttemptAt: '2026-06-03', latestRefusal: 'Nữ lớn hơn tổng số' }],
    // refused first, accepted later (late): judged on the accepted report, first attempt shown
    [2, { firstAttemptAt: '2026-06-05', latestRefusal: null }],
  ]);
  const s = computeStatus({ deadline: '2026-06-10', expectedUnits, firstReceived, attempts });

  it('a unit whose files were all refused is returned, not missing, not received', () => {
    expect(s).toMatchObject({ expected: 3, received: 1, late: 1, onTime: 0, missing: 1, returned: 1 });
    expect(s.units.find((x) => x.unitId === 1)).toMatchObject({
      status: 'returned',
      receivedAt: null,
      firstAttemptAt: '2026-06-03',
      returnReason: 'Nữ lớn hơn tổng số',
    });
    expect(s.byKind.find((k) => k.kind === 'xa')).toMatchObject({ missing: 1, returned: 1, received: 0 });
  });
  it('after an accepted resend, timeliness is judged on the accepted report; the first attempt is beside it', () => {
    expect(s.units.find((x) => x.unitId === 2)).toMatchObject({
      status: 'late',
      receivedAt: '2026-06-12',
      firstAttemptAt: '2026-06-05',
      returnReason: null,
    });
  });
  it('a unit with no entry at all is missing, with no first attempt', () => {
    expect(s.units.find((x) => x.unitId === 3)).toMatchObject({ status: 'missing', firstAttemptAt: null });
  });
});

describe('computeStatus: reports filed as history (issue 17)', () => {
  const expectedUnits = [u(1, 'Xã Tả Van', 'xa'), u(2, 'Sở Y tế', 'so_nganh'), u(3, 'Xã Bản Hồ', 'xa')];
  const firstReceived = new Map([
    // entered in 2026 into the 6-month period of 2025, no receipt date: received, neither on time nor late
    [1, { receivedAt: '2026-03-02', revision: 1, submissionId: 11, history: true }],
    // the same, but she gave the receipt date: judged on it
    [2, { receivedAt: '2025-06-20', revision: 1, submissionId: 21 }],
  ]);
  const s = computeStatus({ deadline: '2025-06-10', expectedUnits, firstReceived });

  it('counts history as received, apart from on time and late', () => {
    expect(s).toMatchObject({ expected: 3, received: 2, onTime: 0, late: 1, history: 1, missing: 1 });
    expect(s.units.find((x) => x.unitId === 1)).toMatchObject({ status: 'history', receivedAt: '2026-03-02' });
    expect(s.units.find((x) => x.unitId === 2)).toMatchObject({ status: 'late' });
    expect(s.byKind.find((k) => k.kind === 'xa')).toMatchObject({ received: 1, history: 1, late: 0, missing: 1 });
  });
});

describe('isHistoryEntry: more than HISTORY_AFTER_DAYS past the deadline, and no receipt date given', () => {
  it('judges by the days past the deadline', () => {
    expect(HISTORY_AFTER_DAYS).toBe(60);
    expect(isHistoryEntry('2025-06-10', '2025-08-09', false)).toBe(false); // 60 days: still judged (late)
    expect(isHistoryEntry('2025-06-10', '2025-08-10', false)).toBe(true); // 61 days
    expect(isHistoryEntry('2025-06-10', '2026-12-01', false)).toBe(true);
    expect(isHistoryEntry('2026-06-10', '2026-06-05', false)).toBe(false);
  });
  it('never when the officer gives the receipt date', () => {
    expect(isHistoryEntry('2025-06-10', '2026-12-01', true)).toBe(false);
  });
});
