import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inspectBytes, dimensionSize } from '../../../src/main/excel/file-guard';
import { loadGrid } from '../../../src/main/excel/grid';
import { AppError } from '../../../src/shared/result';

async function book(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('loadGrid', () => {
  it('reads every raw kind, cached formula results, rich text, hyperlinks, merges and sheet states', async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet('Dữ liệu');
      ws.getCell('A1').value = 12;
      ws.getCell('A2').value = ' Hà\u00a0Nội '.normalize('NFD');
      ws.getCell('A3').value = true;
      ws.getCell('A4').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      ws.getCell('A5').value = new Date(Date.UTC(2026, 5, 14));
      ws.getCell('B1').value = { formula: 'A1*2', result: 24 };
      ws.getCell('B2').value = { formula: 'A1*3' } as ExcelJS.CellFormulaValue;
      ws.getCell('B3').value = { richText: [{ text: 'Tổng ', font: { bold: true } }, { text: 'cộng' }] };
      ws.getCell('B4').value = { text: 'Cổng thông tin', hyperlink: 'https://example.gov.vn' };
      ws.getCell('B5').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('B6').value = { formula: 'A1-A1', result: 0 };
      ws.getCell('B7').value = { formula: 'A3=FALSE', result: false };
      ws.getCell('B8').value = { formula: 'IF(A1>0,"",1)', result: '' };
      ws.getCell('B9').value = 0.12;
      ws.getCell('B9').numFmt = '0%';
      ws.getCell('C1').value = 'Gộp';
      ws.mergeCells('C1:D2');
      ws.getCell('C3').value = '   ';
      ws.getColumn(5).hidden = true;
      ws.getRow(12).hidden = true;
      ws.getCell('A12').value = 'dòng ẩn';
      const h = wb.addWorksheet('Ẩn');
      h.state = 'hidden';
      h.getCell('A1').value = 'x';
    });
    for (const reader of ['auto', 'exceljs'] as const) {
      const grid = await loadGrid(bytes, 'g.xlsx', { reader });
      expectKinds(grid);
    }
  });

  function expectKinds(grid: Awaited<ReturnType<typeof loadGrid>>): void {
    expect(grid.format).toBe('xlsx');
    const [s, hidden] = grid.sheets;
    expect(s!.name).toBe('Dữ liệu');
    expect(hidden!.state).toBe('hidden');
    expect(s!.get(1, 1)).toEqual({ kind: 'number', value: 12 });
    expect(s!.get(2, 1)).toEqual({ kind: 'text', value: 'Hà Nội' });
    expect(s!.get(3, 1)).toEqual({ kind: 'bool', value: true });
    expect(s!.get(4, 1)).toEqual({ kind: 'error', value: '#REF!' });
    expect(s!.get(5, 1)).toEqual({ kind: 'date', value: '2026-06-14' });
    expect(s!.get(1, 2)).toEqual({ kind: 'number', value: 24 });
    expect(s!.get(2, 2)).toEqual({ kind: 'blank', formula: 'A1*3' });
    expect(s!.get(3, 2)).toEqual({ kind: 'text', value: 'Tổng cộng' });
    expect(s!.get(4, 2)).toEqual({ kind: 'text', value: 'Cổng thông tin' });
    expect(s!.get(5, 2)).toEqual({ kind: 'error', value: '#DIV/0!' });
    expect(s!.get(2, 4)).toEqual({ kind: 'text', value: 'Gộp' });
    expect(s!.mergedFrom(2, 4)).toEqual([1, 3]);
    expect(s!.mergedFrom(1, 3)).toBeNull();
    expect(s!.get(3, 3)).toEqual({ kind: 'blank' });
    expect(s!.get(999, 1)).toEqual({ kind: 'blank' });
    // cached 0, FALSE and "" are results; a percent format is reported; hidden columns and rows; merged ranges
    expect(s!.get(6, 2)).toEqual({ kind: 'number', value: 0 });
    expect(s!.get(7, 2)).toEqual({ kind: 'bool', value: false });
    expect(s!.get(8, 2)).toEqual({ kind: 'blank' });
    expect(s!.get(9, 2)).toEqual({ kind: 'number', value: 0.12, percent: true });
    expect([4, 5, 6].map((c) => s!.colHidden(c))).toEqual([false, true, false]);
    expect([11, 12, 13].map((r) => s!.rowHidden(r))).toEqual([false, true, false]);
    expect(s!.mergeOf(1, 3)).toEqual([1, 3, 2, 4]);
    expect(s!.mergeOf(2, 4)).toEqual([1, 3, 2, 4]);
    expect(s!.mergeOf(3, 3)).toBeNull();
  }

  it('wraps an unreadable workbook in a Vietnamese bad_file error', async () => {
    const zip = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<not-a-workbook'),
    });
    await expect(loadGrid(zip, 'x.xlsx')).rejects.toMatchObject({ code: 'bad_file' });
    await expect(loadGrid(zip, 'x.xlsx')).rejects.toThrow(/Lưu thành|không có trang tính/);
  });
});

describe('inspectBytes', () => {
  const refuse = (bytes: Uint8Array, re: RegExp): void => {
    try {
      inspectBytes(bytes, 't.xlsx');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('bad_file');
      expect((e as AppError).message).toMatch(re);
      return;
    }
    throw new Error('not refused');
  };

  it('allows .xlsm for values only and says so', async () => {
    const base = await book((wb) => wb.addWorksheet('A').addRow([1]));
    const { unzipSync } = await import('fflate');
    const files = unzipSync(base);
    files['xl/vbaProject.bin'] = new Uint8Array([1, 2, 3]);
    const info = inspectBytes(zipSync(files), 'm.xlsm');
    expect(info.format).toBe('xlsx');
    expect(info.hasMacros).toBe(true);
    expect(info.notes[0]).toContain('không bao giờ chạy macro');
  });

  it('refuses too many entries, oversize files, ODS and plain text', () => {
    const many: Record<string, Uint8Array> = { 'xl/workbook.xml': strToU8('<workbook/>') };
    for (let i = 0; i < 2001; i++) many[`xl/x${i}.xml`] = strToU8('<a/>');
    refuse(zipSync(many), /quá nhiều thành phần/);
    refuse(new Uint8Array(21 * 1024 * 1024), /quá lớn/);
    refuse(
      zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }),
      /\.ods/,
    );
    refuse(strToU8('Báo cáo năm 2026 của đơn vị'), /văn bản thường/);
    refuse(strToU8('%PDF-1.7 ...'), /PDF/);
  });

  it('reads dimension refs', () => {
    expect(dimensionSize('A1:G46')).toEqual({ rows: 46, cols: 7 });
    expect(dimensionSize('B2')).toEqual({ rows: 1, cols: 1 });
    expect(dimensionSize('A1:CW5000')).toEqual({ rows: 5000, cols: 101 });
  });
});
