/** The report draft's sentences (issue 16 point 3): value, coverage, the same period last year, target, tạm tính. */
import { describe, expect, it } from 'vitest';
import { indicatorRows } from '../../../src/main/documents/model';
import { indicatorSentence, reportDraftDocument, rowCoverage } from '../../../src/main/documents/report-docx';
import { agencyInSentence } from '../../../src/shared/text/agency';
import { formatNumber } from '../../../src/shared/text/vi';
import { makeReportModel } from '../../helpers/report-model';

const model = makeReportModel();
const row = indicatorRows(model).find((r) => r.code === 'CL.M1.1')!;

describe('indicator sentences', () => {
  it('say the value, its coverage, the change in percentage points, and that coverage differs between periods', () => {
    const cov = rowCoverage(model, row);
    expect(cov.previousUnits).toBe(1);
    expect(cov.units).not.toBe(cov.previousUnits);
    const s = indicatorSentence(model, row);
    expect(s).toContain(
      `đạt ${formatNumber(row.value, 2)}% (tổng hợp từ ${cov.units}/${model.status.expected} đơn vị)`,
    );
    expect(s).toMatch(/(tăng|giảm) [\d,]+ điểm phần trăm so với cùng kỳ năm trước \(10%\)/);
    expect(s).toContain(
      'cùng kỳ tổng hợp từ 1 đơn vị, số đơn vị báo cáo hai kỳ khác nhau nên chỉ so sánh để tham khảo',
    );
    expect(s).toMatch(/đạt chỉ tiêu 20\d\d \(≥ \d+%\) \(tạm tính\)\.$/);
  });
  it('a province with every unit in says no "tạm tính"', () => {
    const full = { ...model, status: { ...model.status, expected: rowCoverage(model, row).units! } };
    expect(indicatorSentence(full, row)).not.toContain('tạm tính');
  });
  it('the plan tasks, when given, write Phần I', () => {
    const d = reportDraftDocument({ model, tasks: ['Ban hành Kế hoạch số 12/KH-BVSTBPN.'] });
    const i = d.body.findIndex((b) => b.kind === 'heading' && b.text.startsWith('I.'));
    expect(d.body[i + 1]).toEqual({ kind: 'para', runs: ['Ban hành Kế hoạch số 12/KH-BVSTBPN.'] });
  });
});

describe('Phần IV', () => {
  it('names each indicator not met with its value and target, and the units still to report', () => {
    const d = reportDraftDocument({ model });
    const i = d.body.findIndex((b) => b.kind === 'heading' && b.text.startsWith('IV.'));
    const j = d.body.findIndex((b) => b.kind === 'heading' && b.text.startsWith('V.'));
    const text = d.body
      .slice(i + 1, j)
      .map((b) => (b.kind === 'para' ? b.runs.join('') : ''))
      .join('\n');
    const notMet = indicatorRows(model).filter((r) => r.met === false);
    expect(notMet.length).toBeGreaterThan(0);
    for (const r of notMet) expect(text).toContain(`chỉ tiêu ${r.targetText}.`);
    const waiting = model.status.units.filter((u) => u.status === 'missing' || u.status === 'returned').length;
    if (waiting) expect(text).toContain(`Đôn đốc ${waiting} đơn vị`);
  });
});

describe("the agency's name inside sentences", () => {
  it.each([
    ['BAN VÌ SỰ TIẾN BỘ PHỤ NỮ', 'Ban Vì sự tiến bộ phụ nữ'],
    ['BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH LÀO CAI', 'Ban Vì sự tiến bộ phụ nữ tỉnh Lào Cai'],
    ['Ban Vì sự tiến bộ của phụ nữ tỉnh', 'Ban Vì sự tiến bộ của phụ nữ tỉnh'],
  ])('%s → %s', (agencyName, expected) => {
    expect(agencyInSentence({ agencyName, agencyNameInSentence: '', province: 'Tỉnh Lào Cai' })).toBe(expected);
  });
  it('the officer’s own wording wins', () => {
    expect(agencyInSentence({ agencyName: 'X', agencyNameInSentence: 'Sở Nội vụ', province: '' })).toBe('Sở Nội vụ');
  });
});
