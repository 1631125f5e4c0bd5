import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readUnitList, unitKindFromLabel, unitKindFromName } from '../../../src/main/excel/unit-list-reader';
import { AppError } from '../../../src/shared/result';
import { SHARED_FIXTURES } from '../../helpers/shared';

const SHARED = SHARED_FIXTURES;

function counts(rows: Array<{ kind: string | null }>): Record<string, number> {
  const c: Record<string, number> = {};
  for (const r of rows) c[String(r.kind)] = (c[String(r.kind)] ?? 0) + 1;
  return c;
}

describe('readUnitList on the Lào Cai list', () => {
  for (const f of ['don-vi-lao-cai.xlsx', 'hong/don-vi-dinh-dang-cu.xls']) {
    it(`${f}: 42 units, 17 sở/ngành, 5 đoàn thể, 20 xã; names intact; no problems`, async () => {
      const list = await readUnitList(new Uint8Array(readFileSync(`${SHARED}/${f}`)), f);
      expect(list.problems).toEqual([]);
      expect(list.rows).toHaveLength(42);
      expect(counts(list.rows)).toEqual({ so_nganh: 17, doan_the: 5, xa: 20 });
      const first = list.rows[0]!;
      expect(first).toMatchObject({
        row: 5,
        code: 'LCA-S01',
        name: 'Sở Nội vụ',
        kindLabel: 'Sở, ban, ngành',
        kind: 'so_nganh',
        contact: 'Lê Thị Thủy',
        phone: '0912267459',
        email: 'bdg.lcas01@example.gov.vn',
        group: null,
      });
      const cam = list.rows.find((r) => r.code === 'LCA-X001')!;
      expect(cam.name).toBe('Phường Cam Đường');
      expect(cam.name).toBe(cam.name.normalize('NFC'));
      expect(list.rows.find((r) => r.code === 'LCA-D01')!.name).toBe('Ủy ban MTTQ Việt Nam tỉnh');
      expect(list.rows.every((r) => /^0\d{9}$/.test(r.phone ?? ''))).toBe(true);
    });
  }
});

describe('readUnitList on a list typed by hand', () => {
  it('maps natural kind labels, infers kinds, keeps phones as text and reports row problems', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Danh sách đơn vị']);
    ws.addRow([]);
    ws.addRow(['stt', 'MÃ ĐƠN VỊ', 'ten don vi', 'Loại đơn vị', 'Người liên hệ', 'Số điện thoại', 'E-mail', 'Nhóm']);
    ws.addRow([1, 'S01', 'Sở Tư pháp', 'Sở, ban, ngành', 'Lê Văn A', 912345678, 'a@x.gov.vn', 'Khối sở']); // 4
    ws.addRow([2, 'D01', 'Hội Nông dân tỉnh', 'Hội', null, null, null, null]); // 5
    ws.addRow([3, 'D02', 'Ủy ban MTTQ Việt Nam tỉnh', 'Ủy ban MTTQ Việt Nam', null, '0203 3840 111', null, null]); // 6
    ws.addRow([4, 'X01', 'Xã Y Tý', 'Xã', null, null, null, null]); // 7
    ws.addRow([5, 'X02', 'Phường Lào Cai', null, null, null, null, null]); // 8 inferred
    ws.addRow([6, 'X03', 'Đặc khu Vân Đồn', 'Đặc khu', null, null, null, null]); // 9
    ws.addRow([7, 'K01', 'Trường Chính trị tỉnh', 'Khác', null, null, 'sai-email', null]); // 10 bad email
    ws.addRow([8, null, 'Sở Xây dựng', 'Sở, ban, ngành', null, null, null, null]); // 11 no code
    ws.addRow([9, 'S01', 'Sở Tư pháp (trùng)', 'Sở, ban, ngành', null, null, null, null]); // 12 duplicate
    ws.addRow([10, 'Z01', 'Công ty ABC', 'Doanh nghiệp', null, null, null, null]); // 13 unknown kind
    ws.addRow([]);
    ws.addRow([11, 'X04', 'UBND xã Bát Xát', 'UBND xã, phường', null, null, null, null]); // 15
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const list = await readUnitList(bytes, 'ds.xlsx');
    const byCode = new Map(list.rows.map((r) => [r.code, r]));
    expect(byCode.get('S01')).toMatchObject({ kind: 'so_nganh', phone: '0912345678', group: 'Khối sở', row: 4 });
    expect(byCode.get('D01')!.kind).toBe('doan_the');
    expect(byCode.get('D02')).toMatchObject({ kind: 'doan_the', phone: '0203 3840 111' });
    expect(byCode.get('X01')!.kind).toBe('xa');
    expect(byCode.get('X02')).toMatchObject({ kind: 'xa', kindLabel: '' });
    expect(byCode.get('X03')!.kind).toBe('xa');
    expect(byCode.get('K01')!.kind).toBe('khac');
    expect(byCode.get('Z01')!.kind).toBeNull();
    expect(byCode.get('X04')).toMatchObject({ kind: 'xa', row: 15 });
    expect(list.rows.filter((r) => r.code === 'S01')).toHaveLength(1);
    const rowsWithProblems = list.problems.map((p) => p.row).sort((a, b) => a - b);
    // row 11 has no code: a list without a code there gets one made (services/unit-import.ts), not a problem
    expect(rowsWithProblems).toEqual([10, 12, 13]);
    expect(list.rows.find((r) => r.row === 11)).toMatchObject({ code: '', name: 'Sở Xây dựng' });
    for (const p of list.problems) expect(p.message).toMatch(new RegExp(`^Dòng ${p.row}`));
    expect(list.problems.find((p) => p.row === 10)!.message).toContain('e-mail');
    expect(list.problems.find((p) => p.row === 12)!.message).toContain('trùng');
    expect(list.problems.find((p) => p.row === 13)!.message).toContain('không hiểu loại đơn vị');
  });

  it('refuses a sheet without the code/name header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRow(['Họ tên', 'Tuổi']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await expect(readUnitList(bytes, 'a.xlsx')).rejects.toBeInstanceOf(AppError);
    await expect(readUnitList(bytes, 'a.xlsx')).rejects.toThrow(/Mã đơn vị/);
  });

  it('kind helpers', () => {
    expect(unitKindFromLabel('Sở, ban, ngành')).toBe('so_nganh');
    expect(unitKindFromLabel('UBND xã, phường')).toBe('xa');
    expect(unitKindFromLabel('Đoàn thể')).toBe('doan_the');
    expect(unitKindFromLabel('khác')).toBe('khac');
    expect(unitKindFromName('Sở Y tế')).toBe('so_nganh');
    expect(unitKindFromName('UBND phường Yên Bái')).toBe('xa');
    expect(unitKindFromName('Công an tỉnh')).toBe('so_nganh');
    expect(unitKindFromName('Công ty ABC')).toBeNull();
  });
});
