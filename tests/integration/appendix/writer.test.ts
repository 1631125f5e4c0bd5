/**
 * The appendix writer on the cases the ministry's blank does not show: a cell with no `<c>` (created in column
 * order, with the row's or the column's style), a row with no `<row>` (created in row order), a self-closing row,
 * a percentage into a per-cent cell, text with spaces and "&", a workbook without `<calcPr>`, a cell written
 * twice, a missing sheet. Each result is read back by exceljs and by the app's own reader (loadGrid).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fillWorkbook, formulaBoxes, patchSheetXml, withFullCalcOnLoad } from '../../../src/main/excel/appendix-writer';
import { loadGrid } from '../../../src/main/excel/grid';

async function book(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('PL');
  build(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function read(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb.getWorksheet('PL')!;
}

async function sheetXml(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
}

describe('appendix writer', () => {
  it('creates missing cells and rows in order, with the row’s or the column’s style', async () => {
    const bytes = await book((ws) => {
      ws.getColumn(4).numFmt = '0.00';
      ws.getCell('A1').value = 'tiêu đề';
      ws.getCell('C3').value = 'c3';
      ws.getCell('F3').value = 'f3';
      ws.getCell('A5').value = 'a5';
    });
    const out = await fillWorkbook(bytes, 'pl.xlsx', 'PL', [
      { ref: 'D3', value: 1.5 }, // between C3 and F3
      { ref: 'B3', value: 2 }, // before C3
      { ref: 'H3', value: 3 }, // after F3, outside the row's spans
      { ref: 'D4', value: 4 }, // a row that is not there, between 3 and 5
      { ref: 'D9', value: 9 }, // a row after the last, outside the dimension
      { ref: 'A2', value: 'Có & không ' }, // a row before, text with "&" and a trailing space
    ]);
    expect(out.written).toBe(6);
    const xml = await sheetXml(out.bytes);
    expect([...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 9]);
    const row3 = /<row r="3"[\s\S]*?<\/row>/.exec(xml)![0];
    expect([...row3.matchAll(/<c r="([A-Z]+)3"/g)].map((m) => m[1])).toEqual(['B', 'C', 'D', 'F', 'H']);
    expect(xml).toMatch(/<dimension ref="A1:H9"\/>/);
    // the row's spans hint grows to the new cell (exceljs wrote spans="3:6")
    expect(/<row r="3"[^>]*>/.exec(xml)![0]).toMatch(/spans="2:8"/);
    const ws = await read(out.bytes);
    expect(ws.getCell('D3').value).toBe(1.5);
    expect(ws.getCell('D3').numFmt).toBe('0.00'); // the column's style
    expect(ws.getCell('D4').numFmt).toBe('0.00');
    expect(ws.getCell('B3').value).toBe(2);
    expect(ws.getCell('H3').value).toBe(3);
    expect(ws.getCell('D9').value).toBe(9);
    expect(ws.getCell('A2').value).toBe('Có & không ');
    expect(ws.getCell('C3').value).toBe('c3');
    const grid = await loadGrid(out.bytes, 'pl.xlsx');
    const sheet = grid.sheets.find((s) => s.name === 'PL')!;
    expect(sheet.get(3, 4)).toMatchObject({ kind: 'number', value: 1.5 });
    expect(sheet.get(4, 4)).toMatchObject({ kind: 'number', value: 4 });
    expect(sheet.get(2, 1)).toMatchObject({ kind: 'text' });
  });

  it('writes a percentage as a fraction into a per-cent cell, as the number elsewhere', async () => {
    const bytes = await book((ws) => {
      ws.getCell('B2').numFmt = '0.0%';
      ws.getCell('C2').numFmt = '0.0';
    });
    const out = await fillWorkbook(bytes, 'pl.xlsx', 'PL', [
      { ref: 'B2', value: 42.5, percent: true },
      { ref: 'C2', value: 42.5, percent: true },
    ]);
    const ws = await read(out.bytes);
    expect(ws.getCell('B2').value).toBe(0.425);
    expect(ws.getCell('C2').value).toBe(42.5);
  });

  it('fills a self-closing row and an empty sheet', () => {
    const xml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2" spans="1:3"/>' +
      '</sheetData></worksheet>';
    expect(patchSheetXml(xml, [{ ref: 'B2', value: 7 }])).toContain(
      '<row r="2" spans="1:3"><c r="B2"><v>7</v></c></row>',
    );
    const empty = '<worksheet><sheetData/></worksheet>';
    expect(patchSheetXml(empty, [{ ref: 'A1', value: 1 }])).toBe(
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
    );
  });

  it('sets fullCalcOnLoad on an existing calcPr, or adds one in its place', () => {
    expect(withFullCalcOnLoad('<workbook><sheets/><calcPr calcId="191029"/></workbook>')).toBe(
      '<workbook><sheets/><calcPr fullCalcOnLoad="1" calcId="191029"/></workbook>',
    );
    expect(withFullCalcOnLoad('<workbook><calcPr fullCalcOnLoad="0"/></workbook>')).toBe(
      '<workbook><calcPr fullCalcOnLoad="1"/></workbook>',
    );
    expect(
      withFullCalcOnLoad('<workbook><sheets><sheet/></sheets><definedNames><definedName/></definedNames></workbook>'),
    ).toBe(
      '<workbook><sheets><sheet/></sheets><definedNames><definedName/></definedNames><calcPr fullCalcOnLoad="1"/></workbook>',
    );
  });

  it('refuses a formula cell, a cell under a merge, a cell written twice and a missing sheet', async () => {
    const bytes = await book((ws) => {
      ws.getCell('B2').value = { formula: 'A2*2', result: 0 };
      ws.mergeCells('C1:E1');
    });
    await expect(fillWorkbook(bytes, 'pl.xlsx', 'PL', [{ ref: 'B2', value: 1 }])).rejects.toThrow(/Ô B2 .*công thức/);
    await expect(fillWorkbook(bytes, 'pl.xlsx', 'PL', [{ ref: 'B2', value: null }])).rejects.toThrow(/Ô B2/);
    await expect(fillWorkbook(bytes, 'pl.xlsx', 'PL', [{ ref: 'D1', value: 1 }])).rejects.toThrow(
      /Ô D1 nằm trong vùng gộp ô C1:E1/,
    );
    await expect(fillWorkbook(bytes, 'pl.xlsx', 'PL', [{ ref: 'C1', value: 1 }])).resolves.toMatchObject({
      written: 1,
    });
    await expect(
      fillWorkbook(bytes, 'pl.xlsx', 'PL', [
        { ref: 'A1', value: 1 },
        { ref: 'A1', value: 2 },
      ]),
    ).rejects.toThrow(/Ô A1 được ghi hai lần/);
    await expect(fillWorkbook(bytes, 'pl.xlsx', 'Phụ lục I', [{ ref: 'A1', value: 1 }])).rejects.toThrow(
      /không có trang tính "Phụ lục I".*"PL"/,
    );
  });

  it('reads the cells a formula reads on its own sheet', () => {
    const refs = (f: string) => formulaBoxes(f).map((b) => `${b.top}:${b.left}-${b.bottom}:${b.right}`);
    expect(refs('SUM(D13:D14)')).toEqual(['13:4-14:4']);
    expect(refs('IF(AND(ISNUMBER(F8),$H$8<>0),F8/H8*100,"")')).toEqual(['8:6-8:6', '8:8-8:8', '8:6-8:6', '8:8-8:8']);
    expect(refs('Sheet2!A1+\'Phụ lục\'!B2:C3+"D4"&LOG10(E5)')).toEqual(['5:5-5:5']);
    expect(refs('SUM(D:D)+SUM(3:4)')).toEqual(['1:4-1048576:4', '3:1-4:16384']);
  });

  it('drops the cached result of the formulas that read a written cell, and only theirs', () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1"><v>0</v></c><c r="B1"><v>5</v></c>' +
      '<c r="C1" s="2"><f>A1*2</f><v>0</v></c><c r="D1" t="str"><f>IF(A1&gt;0,"x","")</f><v></v></c>' +
      '<c r="E1"><f>B1*2</f><v>10</v></c></row>' +
      '<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">A1+1</f><v>1</v></c></row>' +
      '<row r="3"><c r="A3"><f t="shared" si="0"/><v>2</v></c><c r="B3"><f>SUM(B1:B2)</f><v>5</v></c>' +
      '<c r="C3"><f>C1+1</f><v>1</v></c></row>' +
      '</sheetData></worksheet>';
    const out = patchSheetXml(xml, [{ ref: 'A1', value: 3 }]);
    expect(out).toContain('<c r="A1"><v>3</v></c>');
    expect(out).toContain('<c r="C1" s="2"><f>A1*2</f></c>');
    expect(out).toContain('<c r="D1"><f>IF(A1&gt;0,"x","")</f></c>');
    expect(out).toContain('<c r="E1"><f>B1*2</f><v>10</v></c>');
    expect(out).toContain('<c r="A2"><f t="shared" ref="A2:A3" si="0">A1+1</f></c>');
    expect(out).toContain('<c r="A3"><f t="shared" si="0"/></c>');
    expect(out).toContain('<c r="B3"><f>SUM(B1:B2)</f><v>5</v></c>');
    // C3 reads C1, which reads the written A1: its result changes too
    expect(out).toContain('<c r="C3"><f>C1+1</f></c>');
  });
});
