import { describe, expect, it } from 'vitest';
import { computeStatus, reportingRate, type ExpectedUnit } from '../../../src/shared/rules/completeness';

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
      { kind: 'so_nganh', expected: 1, received: 1, onTime: 0, late: 1, missing: 0, returned: 0 },
      { kind: 'doan_the', expected: 1, received: 0, onTime: 0, late: 0, missing: 1, returned: 0 },
      { kind: 'xa', expected: 3, received: 2, onTime: 2, late: 0, missing: 1, returned: 0 },
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
