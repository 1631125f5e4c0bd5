/** Xuất báo cáo's notice of what the period lacks: a line for each gap, none when the period is complete. */
import { describe, expect, it } from 'vitest';
import { readinessLines } from '../../src/renderer/src/pages/ExportReadiness';

const complete = { expected: 20, received: 20, missing: 0, returned: 0, unidentified: 0, needsFix: 0 };

describe('readinessLines', () => {
  it('says nothing is missing when every unit reported and nothing waits', () => {
    expect(readinessLines(complete)).toEqual([]);
  });

  it('a period no unit has to report is not "complete"', () => {
    const none = { ...complete, expected: 0, received: 0 };
    expect(readinessLines(none).map((l) => [l.key, l.to])).toEqual([['none', '/ky-bao-cao']]);
  });

  it('says each gap with where she deals with it, in the officer’s numbers', () => {
    const lines = readinessLines({
      expected: 1200,
      received: 1186,
      missing: 12,
      returned: 2,
      unidentified: 1,
      needsFix: 3,
    });
    expect(lines.map((l) => [l.key, l.to])).toEqual([
      ['missing', '/xuat-bao-cao?tab=reminder'],
      ['returned', '/ho-so-da-nhan?ket-qua=rejected'],
      ['unidentified', '/ho-so-da-nhan?ket-qua=unidentified'],
      ['needsFix', '/'],
    ]);
    expect(lines[0]!.text).toBe(
      '12/1.200 đơn vị chưa nộp báo cáo: các chỉ tiêu tính từ 1.186 đơn vị đã gửi được ghi là tạm tính.',
    );
    expect(lines[1]!.text).toContain('số liệu của các đơn vị này chưa được tính');
    expect(lines[3]!.text).toBe(
      '3 báo cáo được đánh dấu cần bổ sung: số liệu hiện có của các báo cáo này vẫn được tính.',
    );
    expect(readinessLines({ ...complete, received: 19, returned: 1 })[0]!.text).toContain('của đơn vị này chưa');
  });
});
