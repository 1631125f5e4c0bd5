/** The roles the appendix's header words give its columns (excel/layout/appendix.ts): never a guess. */
import { describe, expect, it } from 'vitest';
import { appendixRole } from '../../../src/main/excel/layout/appendix';

describe('appendix column roles', () => {
  it.each([
    ['Kết quả thực hiện', 'result'],
    ['Thực hiện 6 tháng đầu năm 2026', 'result'],
    ['Số liệu', 'result'],
    ['Chỉ tiêu năm 2026', 'target'],
    ['Mục tiêu đến năm 2030', 'target'],
    ['Kế hoạch', 'target'],
    ['Cùng kỳ năm trước', 'previous'],
    ['Thực hiện cùng kỳ năm trước', 'previous'],
    ['Năm trước', 'previous'],
    ['Tổng số', 'total'],
    ['Trong đó: Nữ', 'female'],
    ['Nam', 'male'],
    ['So với cùng kỳ (%)', null],
    ['Tăng/giảm so với năm trước', null],
    ['So sánh với chỉ tiêu', null],
    ['Ghi chú', null],
    ['Đơn vị tính', null],
    ['Năm 2026', null],
  ])('%s → %s', (header, role) => {
    expect(appendixRole(header)).toBe(role);
  });
});
