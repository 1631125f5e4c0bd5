/**
 * Hidden columns and rows, percent formats, merged ranges and cached formula results, read from real files by every
 * reader: the fast .xlsx reader, exceljs, the default choice, a LibreOffice re-save of the same file, and an .xls
 * made by LibreOffice (@e965/xlsx). All readers of one file must give the same answers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/main/excel/file-guard';
import { loadGrid, type Grid, type GridSheet } from '../../../src/main/excel/grid';

/** The form as a unit might send it: written by exceljs, then three things exceljs cannot write put into its XML. */
async function formBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Biểu 1');
  ws.getCell('A1').value = 'Chỉ tiêu';
  const percents: Array<[string, ExcelJS.CellValue, string]> = [
    ['B1', 0.12, '0%'], // built-in 9
    ['B2', 0.125, '0.00%'], // built-in 10
    ['B3', 0.5, '0.0%'],
    ['B4', 0.3, '[Red]0%'],
    ['B5', 7, '0" %"'], // a quoted % is text, the number is not scaled
    ['B6', 7, '#,##0'],
    ['B7', { formula: 'B1*2', result: 0.24 }, '0%'],
    ['B8', { formula: 'B1-B1', result: 0 }, '0%'],
    ['B9', 8, '0.0"%"'], // LibreOffice saves it as 0.0\%
  ];
  for (const [a, v, fmt] of percents) {
    ws.getCell(a).value = v;
    ws.getCell(a).numFmt = fmt;
  }
  ws.getCell('C1').value = 0;
  ws.getCell('C2').value = { formula: 'C1*1', result: 0 };
  ws.getCell('C3').value = { formula: 'C1=1', result: false };
  ws.getCell('C4').value = { formula: 'IF(C1=0,"",1)', result: '' };
  ws.getCell('C5').value = { formula: 'C1+5' } as ExcelJS.CellFormulaValue;
  ws.getCell('C6').value = {
    formula: 'C1*2',
    result: 0,
    shareType: 'shared',
    ref: 'C6:C7',
  } as ExcelJS.CellFormulaValue;
  ws.getCell('C7').value = { sharedFormula: 'C6', result: 0 };
  ws.getCell('C8').value = { formula: 'C1+6' } as ExcelJS.CellFormulaValue; // gets openpyxl's empty <v> below
  ws.getColumn(4).hidden = true;
  ws.getCell('D1').value = 'cột ẩn';
  ws.getColumn(5).width = 3; // width 0 below
  ws.getCell('E1').value = 'cột rộng 0';
  ws.getCell('F1').value = 'Gộp';
  ws.mergeCells('F1:G3');
  ws.getRow(9).hidden = true;
  ws.getCell('A9').value = 'dòng ẩn';
  ws.getRow(10).height = 1; // ht="0" customHeight="1" below
  ws.getCell('A10').value = 'dòng cao 0';
  ws.getRow(11).height = 2; // ht="0" without customHeight below: Excel fits the row, it stays visible
  ws.getCell('A11').value = 'dòng thường';
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const path = 'xl/worksheets/sheet1.xml';
  const before = strFromU8(files[path]!);
  const xml = before
    .replace('<col min="5" max="5" width="3" customWidth="1"/>', '<col min="5" max="5" width="0" customWidth="1"/>')
    .replace(/(<row r="10"[^>]*?) ht="1" customHeight="1"/, '$1 ht="0" customHeight="1"')
    .replace(/(<row r="11"[^>]*?) ht="2" customHeight="1"/, '$1 ht="0"')
    .replace('<f>C1+6</f></c>', '<f>C1+6</f><v></v></c>');
  // the file holds what the cases are about
  for (const part of [
    '<col min="4" max="4" width="9" hidden="1" customWidth="1"/>',
    'width="0"',
    'ht="0" customHeight="1"',
    '<f>C1*1</f><v>0</v>',
    't="b"><f>C1=1</f><v>0</v>',
    't="str"><f>IF(C1=0,&quot;&quot;,1)</f><v></v>',
    '<f>C1+5</f></c>',
    '<f>C1+6</f><v></v>',
    '<mergeCell ref="F1:G3"/>',
  ]) {
    expect(xml).toContain(part);
  }
  expect(xml).toMatch(/<row r="9"[^>]* hidden="1"/);
  expect(xml).toMatch(/<row r="11"[^>]* ht="0"(?! customHeight)/);
  files[path] = strToU8(xml);
  return zipSync(files);
}

/** What the officer's import depends on, read from one sheet. */
function answers(s: GridSheet): unknown {
  const upTo = (n: number, hidden: (i: number) => boolean): number[] =>
    Array.from({ length: n }, (_, i) => i + 1).filter(hidden);
  return {
    percents: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((r) => s.get(r, 2)),
    formulas: [2, 3, 4, 5, 6, 7, 8].map((r) => s.get(r, 3)),
    hiddenCols: upTo(LIMITS.maxCols + 1, (c) => s.colHidden(c)),
    hiddenRows: upTo(200, (r) => s.rowHidden(r)),
    merge: {
      fromMaster: s.mergeOf(1, 6),
      fromSlave: s.mergeOf(3, 7),
      slaveReadsMaster: [s.mergedFrom(3, 7), s.get(3, 7)],
      master: [s.mergedFrom(1, 6), s.get(1, 6)],
      outside: s.mergeOf(1, 5),
    },
  };
}

const pct = (value: number): unknown => ({ kind: 'number', value, percent: true });
const num = (value: number): unknown => ({ kind: 'number', value });
const MERGE = {
  fromMaster: [1, 6, 3, 7],
  fromSlave: [1, 6, 3, 7],
  slaveReadsMaster: [[1, 6], { kind: 'text', value: 'Gộp' }],
  master: [null, { kind: 'text', value: 'Gộp' }],
  outside: null,
};
const PERCENTS = [pct(0.12), pct(0.125), pct(0.5), pct(0.3), num(7), num(7), pct(0.24), pct(0), num(8)];

/** The file as sent. */
const AS_SENT = {
  percents: PERCENTS,
  formulas: [
    num(0), // <v>0</v>: a result, not "no result"
    { kind: 'bool', value: false },
    { kind: 'blank' }, // ="" : an empty result, no formula flag
    { kind: 'blank', formula: 'C1+5' }, // never calculated: no <v>
    num(0),
    num(0), // a shared clone's cached 0
    { kind: 'blank', formula: 'C1+6' }, // openpyxl's empty <v> on a number cell: not calculated either
  ],
  hiddenCols: [4, 5],
  hiddenRows: [9, 10],
  merge: MERGE,
};

/**
 * After LibreOffice: it calculates the formulas that had no cached value, and it does not keep zero widths and
 * heights (it opens such columns and rows at the default size); everything else is as sent.
 */
const AFTER_LIBREOFFICE = {
  ...AS_SENT,
  formulas: [num(0), { kind: 'bool', value: false }, { kind: 'blank' }, num(5), num(0), num(0), num(6)],
  hiddenCols: [4],
  hiddenRows: [9],
};

/** Every reader of these bytes, with the same answers each. */
async function readAll(bytes: Uint8Array, name: string): Promise<unknown> {
  const grids: Record<string, Grid> = {
    fast: await loadGrid(bytes, name, { reader: 'fast' }),
    exceljs: await loadGrid(bytes, name, { reader: 'exceljs' }),
    auto: await loadGrid(bytes, name),
  };
  const [first, ...rest] = Object.values(grids).map((g) => answers(g.sheets[0]!));
  for (const other of rest) expect(other).toEqual(first);
  return first;
}

const soffice = ((): boolean => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

describe('hidden columns and rows, percent formats, merges, cached formula results', () => {
  let dir = '';
  let sent: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bdg-grid-formats-'));
    sent = await formBytes();
    writeFileSync(join(dir, 'bieu.xlsx'), sent);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** LibreOffice's copy of the file as sent, in xlsx or xls. */
  const convert = (to: 'xlsx' | 'xls'): Uint8Array => {
    const out = join(dir, to);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        to,
        '--outdir',
        out,
        join(dir, 'bieu.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(join(out, `bieu.${to}`)));
  };

  it('the file as sent: the fast reader, exceljs and the default reader give the same answers', async () => {
    expect(await readAll(sent, 'bieu.xlsx')).toEqual(AS_SENT);
  });

  it.skipIf(!soffice)('re-saved by LibreOffice as .xlsx: the same answers', async () => {
    const saved = convert('xlsx');
    const xml = strFromU8(unzipSync(saved)['xl/worksheets/sheet1.xml']!);
    // LibreOffice's own spelling of the same things: booleans as "true", ="" as t="str" with an empty <v>
    expect(xml).toMatch(/<col [^>]*hidden="true"[^>]*max="4" min="4"/);
    expect(xml).toMatch(/<row r="9"[^>]* hidden="true"/);
    expect(xml).toContain('t="str"><f aca="false">IF(C1=0,&quot;&quot;,1)</f><v></v>');
    expect(strFromU8(unzipSync(saved)['xl/styles.xml']!)).toContain('formatCode="0.0\\%"');
    expect(await readAll(saved, 'bieu.xlsx')).toEqual(AFTER_LIBREOFFICE);
  });

  it.skipIf(!soffice)('saved by LibreOffice as .xls: the same answers through @e965/xlsx', async () => {
    const xls = convert('xls');
    const g = await loadGrid(xls, 'bieu.xls');
    expect(g.format).toBe('xls');
    expect(answers(g.sheets[0]!)).toEqual(AFTER_LIBREOFFICE);
    // .xls never goes to the .xlsx readers, whichever is asked for
    expect(answers((await loadGrid(xls, 'bieu.xls', { reader: 'exceljs' })).sheets[0]!)).toEqual(AFTER_LIBREOFFICE);
  });
});
