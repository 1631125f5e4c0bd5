import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/result';
import { inspectBytes } from '../../../src/main/excel/file-guard';
import { loadGrid } from '../../../src/main/excel/grid';
import { readForm } from '../../../src/main/excel/form-reader';
import { manyRowsXlsx, zipBomb } from '../../../scripts/make-fixtures';
import type { Catalog } from '../../../src/shared/domain/catalog';
import { SHARED_FIXTURES } from '../../helpers/shared';

const ROOT = resolve(__dirname, '../../..');
const DIR = join(ROOT, 'tests/fixtures/xlsx');
const SHARED = SHARED_FIXTURES;
const catalog = JSON.parse(readFileSync(join(ROOT, 'resources/catalog.json'), 'utf8')) as Catalog;
const VI = /[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữựđ]/i;

async function refused(bytes: Uint8Array, name: string): Promise<AppError> {
  let caught: unknown = null;
  try {
    await readForm(bytes, name, catalog);
  } catch (e) {
    caught = e;
  }
  expect(caught, `${name} must be refused`).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect(err.code).toBe('bad_file');
  expect(err.message).toMatch(VI);
  expect(err.message).not.toMatch(/Error:|at \w+ \(|undefined/);
  return err;
}

const file = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

describe('broken files from the shared fixtures are refused with a Vietnamese message', () => {
  it('empty file', async () => {
    const e = await refused(file(join(SHARED, 'hong/file-rong.xlsx')), 'file-rong.xlsx');
    expect(e.message).toBe('Tệp rỗng (0 byte). Hãy yêu cầu đơn vị gửi lại tệp Excel đã điền.');
  });
  it('CSV renamed to .xlsx', async () => {
    const e = await refused(file(join(SHARED, 'hong/csv-doi-ten.xlsx')), 'csv-doi-ten.xlsx');
    expect(e.message).toContain('CSV đổi đuôi thành .xlsx');
    expect(e.message).toContain('lưu dưới dạng .xlsx');
  });
  it('CSV with semicolons (Excel in Vietnamese), quoted commas or tabs is told as CSV; prose with a comma is not', async () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    const semi = 'Mã đơn vị;Tên đơn vị;Tổng số\r\nX1;"Xã A; xã B";12\r\nX2;Xã C;7\r\n';
    expect((await refused(enc(semi), 'a.xlsx')).message).toContain('CSV đổi đuôi thành .xlsx');
    const quoted = 'Mã,Tên,Số\n"X1","Phường A, cũ",3\n"X2","Xã B",4\n';
    expect((await refused(enc(quoted), 'b.xlsx')).message).toContain('CSV đổi đuôi thành .xlsx');
    expect((await refused(enc('Mã\tTên\nX1\tXã A\n'), 'c.xlsx')).message).toContain('CSV đổi đuôi');
    // a note saved as .xlsx: a comma in its first line, not a table
    const note = 'Kính gửi Ban, đơn vị gửi báo cáo chậm vì mất điện.\nMong Ban thông cảm.\nTrân trọng.\n';
    const e = await refused(enc(note), 'ghi-chu.xlsx');
    expect(e.message).toContain('là tệp văn bản thường đổi đuôi thành .xlsx');
    expect(e.message).not.toContain('CSV');
  });
  it('truncated workbook', async () => {
    const e = await refused(file(join(SHARED, 'hong/file-bi-cat-ngang.xlsx')), 'file-bi-cat-ngang.xlsx');
    expect(e.message).toContain('bị hỏng');
    expect(e.message).toContain('gửi lại');
  });
  it('the legacy .xls is not refused: it is recognised as xls', () => {
    expect(inspectBytes(file(join(SHARED, 'hong/don-vi-dinh-dang-cu.xls')), 'x.xls').format).toBe('xls');
  });
});

describe('generated hostile files', () => {
  const cases: Array<[string, RegExp]> = [
    ['bad/rong.xlsx', /Tệp rỗng/],
    ['bad/csv-doi-ten.xlsx', /CSV đổi đuôi/],
    ['bad/html-doi-ten.xls', /HTML/],
    ['bad/cat-ngang.xlsx', /bị hỏng/],
    ['bad/hong-crc.xlsx', /bị hỏng/],
    ['bad/khong-phai-excel.xlsx', /Word|không phải bảng tính/],
    ['bad/mat-khau.xlsx', /mật khẩu.*gỡ mật khẩu/s],
    ['bad/bom-nen.xlsx', /bom nén/],
    ['bad/bom-nen-khai-sai.xlsx', /bom nén|quá lớn|bị hỏng/],
    ['bad/qua-nhieu-dong-khai-bao.xlsx', /quá nhiều dòng/],
  ];
  for (const [name, re] of cases) {
    it(`${name} is refused`, async () => {
      const e = await refused(file(join(DIR, name)), name.replace('bad/', ''));
      expect(e.message).toMatch(re);
    });
  }

  it('a 200,000-row sheet is refused (with and without <dimension>)', async () => {
    const withDim = manyRowsXlsx(200_000, true);
    const noDim = manyRowsXlsx(200_000, false);
    expect((await refused(withDim, 'dong.xlsx')).message).toMatch(/quá nhiều dòng/);
    expect((await refused(noDim, 'dong.xlsx')).message).toMatch(/quá nhiều dòng/);
  });

  it('a zip bomb whose central directory lies about its size is stopped while inflating', () => {
    const bomb = zipBomb(80, true);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => inspectBytes(bomb, 'bom.xlsx')).toThrow(AppError);
  });

  it('a small sheet passes the guard and reads back', async () => {
    const ok = manyRowsXlsx(100, true);
    expect(inspectBytes(ok, 'ok.xlsx')).toEqual({ format: 'xlsx', hasMacros: false, notes: [] });
    const grid = await loadGrid(ok, 'ok.xlsx');
    expect(grid.sheets[0]!.rowCount).toBe(100);
    expect(grid.sheets[0]!.get(100, 1)).toEqual({ kind: 'number', value: 100 });
  });
});
