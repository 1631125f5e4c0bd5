/**
 * Issue 20: documents/xlsx-writer.ts writes each sheet as soon as the next one is added (its XML deflating while
 * the next is built, its rows let go). A sheet written can no longer change: every way of changing it throws, so
 * a document that went back to an earlier sheet would fail loudly instead of losing the change from the file.
 * The file itself: the sheets written early and the last one are all there, read back by exceljs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as X from '../../../src/main/documents/xlsx-writer';

describe('the xlsx writer writes a sheet once the next is added', () => {
  it('a written sheet refuses every change', () => {
    const wb = new X.Workbook();
    const first = wb.addWorksheet('Một');
    first.getCell(1, 1).value = 'a';
    const row = first.getRow(2);
    wb.addWorksheet('Hai');
    expect(() => first.getCell(1, 2)).toThrow(/already written/);
    expect(() => first.getRow(3)).toThrow(/already written/);
    expect(() => first.getColumn(1)).toThrow(/already written/);
    expect(() => first.mergeCells(1, 1, 1, 2)).toThrow(/already written/);
    expect(() => row.fill([1], [{}])).toThrow(/already written/);
    expect(() => row.getCell(1)).toThrow(/already written/);
    expect(() => {
      first.pageSetup.scale = 50;
    }).toThrow(TypeError);
    expect(() => {
      first.pageSetup = {};
    }).toThrow(TypeError);
    expect(() => {
      first.headerFooter.oddHeader = 'x';
    }).toThrow(TypeError);
    expect(() => first.views.push({ state: 'frozen', xSplit: 1, ySplit: 1 })).toThrow(TypeError);
    expect(() => first.rowBreaks.push(1)).toThrow(TypeError);
  });

  it('every sheet is in the file, written early or last', async () => {
    const wb = new X.Workbook();
    for (let s = 1; s <= 3; s++) {
      const ws = wb.addWorksheet(`Sheet ${s}`);
      ws.pageSetup = { orientation: 'landscape', printArea: 'A1:B2' };
      ws.getCell(1, 1).value = `tờ ${s}`;
      ws.getRow(2).fill([s, 'chung'], [{ numFmt: '#,##0' }, { font: { bold: true } }]);
    }
    const read = new ExcelJS.Workbook();
    await read.xlsx.load((await wb.writeBuffer()) as unknown as ArrayBuffer);
    expect(read.worksheets.map((w) => w.name)).toEqual(['Sheet 1', 'Sheet 2', 'Sheet 3']);
    read.worksheets.forEach((ws, i) => {
      expect(ws.getCell('A1').value).toBe(`tờ ${i + 1}`);
      expect(ws.getCell('A2').value).toBe(i + 1);
      expect(ws.getCell('B2').value).toBe('chung');
      expect(ws.getCell('B2').font?.bold).toBe(true);
      expect(ws.pageSetup.orientation).toBe('landscape');
    });
  });
});
