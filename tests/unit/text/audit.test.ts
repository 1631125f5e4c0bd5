/** The change log in sentences: one test per kind of audit entry the core writes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/shared/domain/records';
import { AUDIT_FORMATTERS, auditDetail, auditSentence, type AuditNames } from '../../../src/shared/text/audit';

const names: AuditNames = {
  element: (c) => ({ TT_CUOC: 'Số cuộc tuyên truyền', LDQL: 'Lao động quản lý' })[c],
  indicator: (c) => ({ 'CL.M1.1': 'Tỷ lệ nữ đại biểu' })[c],
  unit: (c) => ({ X19: 'Xã Ia Hrung', '7': 'Xã Ia Hrung', '8': 'Xã Ia Dêr', '9': 'Xã Ia Sao' })[c],
  period: (id) => (id === 1 ? '6 tháng đầu năm 2026' : undefined),
};

let seq = 0;
function entry(entity: string, action: string, p: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: ++seq,
    at: '2026-07-01T08:00:00Z',
    actor: 'Nguyễn Thị Lan',
    action,
    entity,
    entityId: '1',
    before: null,
    after: null,
    reason: null,
    ...p,
  };
}

const say = (e: AuditEntry) => auditSentence(e, names);
/** no code, id, JSON or English word in a sentence */
function readable(s: string) {
  expect(s).not.toMatch(/[{}[\]"]|sha256|null|undefined|true|false|\b[A-Z]{2,}[._][A-Z0-9_.]+/);
}

describe('audit sentences', () => {
  it('submission.import', () => {
    const s = say(
      entry('submission', 'import', {
        entityId: '42',
        after: { period: 1, unit: 'X19', revision: 2, file: 'IaHrung.xlsx', sha256: 'cb79aa', values: 51 },
      }),
    );
    expect(s).toBe('Nhập báo cáo của Xã Ia Hrung, lần 2, 51 số liệu, kỳ 6 tháng đầu năm 2026, từ tệp “IaHrung.xlsx”');
    readable(s);
  });

  it('submission.correct: changed, filled, cleared, with the reason', () => {
    const b = { element: 'TT_CUOC', cell: 'value', value: { state: 'number', value: 12 } };
    const a = { element: 'TT_CUOC', cell: 'value', value: { state: 'number', value: 21 } };
    expect(say(entry('submission', 'correct', { before: b, after: a, reason: 'đơn vị gọi điện đính chính' }))).toBe(
      'Sửa “Số cuộc tuyên truyền” từ 12 thành 21 — lý do: đơn vị gọi điện đính chính',
    );
    expect(
      say(
        entry('submission', 'correct', {
          before: { element: 'LDQL', cell: 'female', value: null },
          after: { element: 'LDQL', cell: 'female', value: { state: 'number', value: 1234.5 } },
        }),
      ),
    ).toBe('Điền “Lao động quản lý” (nữ): 1.234,5');
    expect(
      say(entry('submission', 'correct', { before: { ...b, value: { state: 'na' } }, after: { ...b, value: null } })),
    ).toBe('Xóa số liệu “Số cuộc tuyên truyền” (trước đó là Không áp dụng)');
    // an element no longer in the catalogue: no code shown
    const s = say(
      entry('submission', 'correct', { before: { ...b, element: 'OLD_X' }, after: { ...a, element: 'OLD_X' } }),
    );
    expect(s).not.toContain('OLD_X');
  });

  it('submission.status', () => {
    expect(
      say(entry('submission', 'status', { before: 'Đã nhận', after: 'Cần bổ sung', reason: 'thiếu biểu 2' })),
    ).toBe('Chuyển trạng thái báo cáo từ “Đã nhận” sang “Cần bổ sung” — lý do: thiếu biểu 2');
  });

  it('submission.update', () => {
    expect(
      say(
        entry('submission', 'update', {
          before: { officialDate: null, channel: 'email' },
          after: { officialDate: '2026-07-03', channel: 'usb' },
        }),
      ),
    ).toBe(
      'Cập nhật thông tin nhận báo cáo: ngày văn bản từ (để trống) thành 03/07/2026; hình thức nhận từ thư điện tử thành USB / thiết bị nhớ',
    );
  });

  it('period.create, update, set_expected, close, reopen', () => {
    expect(
      say(entry('period', 'create', { after: { id: 1, label: 'Năm 2026', deadline: '2026-12-15', expected: 60 } })),
    ).toBe('Tạo kỳ báo cáo “Năm 2026”, hạn nộp 15/12/2026, 60 đơn vị phải báo cáo');
    const u = say(
      entry('period', 'update', {
        before: { id: 1, label: 'Năm 2026', deadline: '2026-12-15', templateId: 3 },
        after: { deadline: '2026-12-20' },
      }),
    );
    expect(u).toBe('Sửa thông tin kỳ báo cáo “Năm 2026”: hạn nộp từ 15/12/2026 thành 20/12/2026');
    expect(say(entry('period', 'set_expected', { before: [1, 2, 3], after: [1, 2, 4, 5] }))).toBe(
      'Đổi danh sách đơn vị phải báo cáo: còn 4 đơn vị, thêm 2, bớt 1',
    );
    expect(say(entry('period', 'close', { before: 'open', after: 'closed' }))).toBe('Khóa sổ kỳ báo cáo');
    expect(say(entry('period', 'reopen', { before: 'closed', after: 'open' }))).toBe('Mở lại kỳ báo cáo đã khóa sổ');
  });

  it('province_value.set', () => {
    expect(
      say(entry('province_value', 'set', { entityId: '1/LDQL.female', after: { state: 'number', value: 12 } })),
    ).toBe('Nhập số liệu cấp tỉnh “Lao động quản lý” (nữ) (kỳ 6 tháng đầu năm 2026): 12');
    expect(
      say(
        entry('province_value', 'set', {
          entityId: '2/LDQL.total',
          before: { state: 'number', value: 12 },
          after: { state: 'number', value: 13 },
          reason: 'số của Cục Thống kê',
        }),
      ),
    ).toBe('Sửa số liệu cấp tỉnh “Lao động quản lý” (tổng số) từ 12 thành 13 — lý do: số của Cục Thống kê');
    expect(
      say(entry('province_value', 'set', { entityId: '2/LDQL.total', before: { state: 'yesno', value: true } })),
    ).toBe('Xóa số liệu cấp tỉnh “Lao động quản lý” (tổng số) (trước đó là Có)');
  });

  it('unit.create, update, activate, deactivate, link, import', () => {
    expect(say(entry('unit', 'create', { entityId: '7', after: { name: 'Xã Ia Hrung', kind: 'xa' } }))).toBe(
      'Thêm đơn vị “Xã Ia Hrung”',
    );
    expect(
      say(
        entry('unit', 'update', {
          entityId: '7',
          before: { id: 7, name: 'Xã Ia Hrung', email: null, searchKey: 'x' },
          after: { name: 'Xã Ia Hrung', email: 'iahrung@gialai.gov.vn', searchKey: 'y' },
        }),
      ),
    ).toBe('Sửa thông tin đơn vị “Xã Ia Hrung”: thư điện tử từ (để trống) thành iahrung@gialai.gov.vn');
    expect(say(entry('unit', 'activate', { entityId: '7' }))).toBe('Theo dõi lại đơn vị “Xã Ia Hrung”');
    expect(say(entry('unit', 'deactivate', { entityId: '7', after: { active: false, validTo: '2025-06-30' } }))).toBe(
      'Ngừng theo dõi đơn vị “Xã Ia Hrung” từ sau ngày 30/06/2025',
    );
    expect(
      say(entry('unit', 'link', { entityId: '7,8', after: { successorIds: [9], effectiveDate: '2025-07-01' } })),
    ).toBe('Ghi nhận sáp nhập, chia tách: “Xã Ia Hrung”, “Xã Ia Dêr” được thay bằng “Xã Ia Sao” từ ngày 01/07/2025');
    expect(say(entry('unit', 'import', { entityId: '7', after: { code: 'X19', name: 'Xã Ia Hrung' } }))).toBe(
      'Thêm đơn vị “Xã Ia Hrung” từ danh sách Excel',
    );
    expect(
      say(
        entry('unit', 'import', {
          entityId: '7',
          before: { name: 'Xã Ia Hrung', phone: '0269' },
          after: { name: 'Xã Ia Hrung', phone: '0269 3822 111' },
        }),
      ),
    ).toBe('Cập nhật đơn vị “Xã Ia Hrung” từ danh sách Excel: điện thoại từ 0269 thành 0269 3822 111');
  });

  it('settings.update', () => {
    const s = say(
      entry('settings', 'update', {
        entityId: 'app',
        before: { province: 'Gia Lai', backupKeep: 10, signer: { name: 'A' } },
        after: { province: 'Gia Lai', backupKeep: 20, signer: { name: 'B' } },
      }),
    );
    expect(s).toBe(
      'Cập nhật thông tin chung: người ký từ (đã thay đổi) thành (đã thay đổi); số bản sao lưu giữ lại từ 10 thành 20',
    );
    readable(s);
  });

  it('catalog.seed, catalog.upgrade', () => {
    expect(say(entry('catalog', 'seed', { entityId: '2026.1', after: '2026.1' }))).toBe(
      'Cài đặt danh mục chỉ tiêu chuẩn, phiên bản 2026.1',
    );
    expect(say(entry('catalog', 'upgrade', { entityId: '2026.2', before: '2026.1', after: '2026.2' }))).toBe(
      'Cập nhật danh mục chỉ tiêu chuẩn từ phiên bản 2026.1 lên 2026.2',
    );
  });

  it('data_element, indicator, template, province_target', () => {
    expect(
      say(entry('data_element', 'create', { entityId: 'T_LOCAL', after: { name: 'Số hộ nghèo do nữ làm chủ' } })),
    ).toBe('Thêm chỉ tiêu riêng của tỉnh “Số hộ nghèo do nữ làm chủ”');
    expect(say(entry('data_element', 'update', { entityId: 'T_LOCAL', after: { name: 'Số hộ' } }))).toBe(
      'Sửa chỉ tiêu riêng của tỉnh “Số hộ”',
    );
    expect(say(entry('indicator', 'create', { entityId: 'I_LOCAL', after: { name: 'Tỷ lệ hộ' } }))).toBe(
      'Thêm chỉ số tính toán riêng của tỉnh “Tỷ lệ hộ”',
    );
    expect(say(entry('indicator', 'update', { entityId: 'I_LOCAL', after: { name: 'Tỷ lệ hộ' } }))).toBe(
      'Sửa chỉ số tính toán riêng của tỉnh “Tỷ lệ hộ”',
    );
    expect(
      say(entry('template', 'new_version', { entityId: 'BC-BDG-DV v3', before: ['A', 'B'], after: ['A', 'B', 'C'] })),
    ).toBe('Tạo phiên bản mới của mẫu biểu (phiên bản 3): thêm 1 chỉ tiêu, nay có 3');
    expect(say(entry('template', 'update', { entityId: 'BC-BDG-DV v2', before: ['A'], after: ['A', 'C'] }))).toBe(
      'Cập nhật mẫu biểu: thêm 1 chỉ tiêu, nay có 2',
    );
    expect(say(entry('province_target', 'set', { entityId: 'CL.M1.1/2030', after: { op: '>=', value: 35 } }))).toBe(
      'Đặt chỉ tiêu của tỉnh năm 2030 cho “Tỷ lệ nữ đại biểu”: ≥ 35',
    );
    expect(say(entry('province_target', 'clear', { entityId: 'CL.M1.1/2030' }))).toBe(
      'Bỏ chỉ tiêu của tỉnh năm 2030 cho “Tỷ lệ nữ đại biểu”',
    );
  });

  it('an unknown kind still reads as Vietnamese, and every kind has a formatter', () => {
    expect(say(entry('something_new', 'frobnicate', { after: { x: 1 } }))).toBe('Thay đổi dữ liệu');
    // every entity the core's audit() calls name has formatters
    const src = readdirSync('src/main/services', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join('src/main/services', f), 'utf8'))
      .join('\n');
    const entities = new Set([...src.matchAll(/entity: '([a-z_]+)'/g)].map((m) => m[1]!));
    expect(entities.size).toBeGreaterThan(5);
    for (const ent of entities)
      expect(
        Object.keys(AUDIT_FORMATTERS).some((k) => k.startsWith(`${ent}.`)),
        ent,
      ).toBe(true);
  });

  it('keeps the technical detail for "Chi tiết"', () => {
    const d = auditDetail(entry('submission', 'import', { entityId: '42', after: { sha256: 'cb79' } }));
    expect(d.map((x) => x.label)).toEqual(['Số thứ tự bản ghi', 'Loại thay đổi', 'Đối tượng', 'Sau']);
    expect(d[3]!.value).toContain('cb79');
  });
});
