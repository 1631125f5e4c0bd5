/**
 * The fast .xlsx reader must give EXACTLY the grid that the exceljs path gives: every fixture, every bad file that
 * gets past the guard, and generated workbooks full of edge cases are read both ways and compared cell by cell.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FastGridUnsupported, isDateFormat } from '../../../src/main/excel/fast-grid';
import { inspectBytes, LIMITS } from '../../../src/main/excel/file-guard';
import { loadGrid, type Grid } from '../../../src/main/excel/grid';
import type { AppError } from '../../../src/shared/result';

const FIXTURES = resolve(__dirname, '../../fixtures/xlsx');

/** Both grids, compared sheet by sheet and cell by cell (one cell past the used range too). */
function expectSameGrid(fast: Grid, slow: Grid): void {
  expect({ format: fast.format, hasMacros: fast.hasMacros, notes: fast.notes }).toEqual({
    format: slow.format,
    hasMacros: slow.hasMacros,
    notes: slow.notes,
  });
  const meta = (g: Grid): unknown =>
    g.sheets.map((s) => ({ name: s.name, state: s.state, rowCount: s.rowCount, colCount: s.colCount }));
  expect(meta(fast)).toEqual(meta(slow));
  slow.sheets.forEach((s, i) => {
    const f = fast.sheets[i]!;
    const diffs: string[] = [];
    // values (percent included: JSON keeps every key, in order) and merges
    for (let r = 0; r <= s.rowCount + 1; r++) {
      for (let c = 0; c <= s.colCount + 1; c++) {
        const a = JSON.stringify([f.get(r, c), f.mergedFrom(r, c), f.mergeOf(r, c)]);
        const b = JSON.stringify([s.get(r, c), s.mergedFrom(r, c), s.mergeOf(r, c)]);
        if (a !== b) diffs.push(`${s.name}!R${r}C${c}: fast ${a} exceljs ${b}`);
      }
    }
    // hidden columns and rows, over the whole form area (they need no value to be hidden)
    for (let c = 0; c <= LIMITS.maxCols + 1; c++) {
      if (f.colHidden(c) !== s.colHidden(c)) diffs.push(`${s.name}!C${c}: fast hidden ${f.colHidden(c)}`);
    }
    for (let r = 0; r <= LIMITS.maxRows + 1; r++) {
      if (f.rowHidden(r) !== s.rowHidden(r)) diffs.push(`${s.name}!R${r}: fast hidden ${f.rowHidden(r)}`);
    }
    expect(diffs).toEqual([]);
  });
}

async function bothWays(bytes: Uint8Array, name = 'x.xlsx'): Promise<{ fast: Grid; slow: Grid }> {
  const slow = await loadGrid(bytes, name, { reader: 'exceljs' }).catch((e: AppError) => {
    throw new Error(`exceljs: ${JSON.stringify(e.details)}`);
  });
  const fast = await loadGrid(bytes, name, { reader: 'fast' });
  return { fast, slow };
}

async function expectEquivalent(bytes: Uint8Array, name = 'x.xlsx'): Promise<Grid> {
  const { fast, slow } = await bothWays(bytes, name);
  expectSameGrid(fast, slow);
  // and the default reader gives that same grid
  expectSameGrid(await loadGrid(bytes, name), slow);
  return fast;
}

async function book(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandSheet {
  name: string;
  state?: string;
  xml: string;
}

/** A workbook written by hand, part by part, to reach what exceljs never writes. */
function handmade(opts: {
  sheets: HandSheet[];
  shared?: string[];
  numFmts?: Array<[number, string]>;
  xfs?: number[];
  workbookPr?: string;
  noFonts?: boolean;
  extra?: Record<string, string>;
}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${RNS}">` +
        (opts.workbookPr ?? '<workbookPr/>') +
        '<sheets>' +
        opts.sheets
          .map(
            (s, i) =>
              `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        opts.sheets
          .map(
            (_, i) => `<Relationship Id="rId${i + 1}" Type="${RNS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0"?><styleSheet xmlns="${NS}">` +
        (opts.numFmts?.length
          ? `<numFmts count="${opts.numFmts.length}">` +
            opts.numFmts
              .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`)
              .join('') +
            '</numFmts>'
          : '') +
        (opts.noFonts ? '' : '<fonts count="1"><font><sz val="11"/></font></fonts>') +
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs>' +
        [0, ...(opts.xfs ?? [])]
          .map((id) => `<xf numFmtId="${id}" fontId="0"><alignment wrapText="1"/></xf>`)
          .join('') +
        '</cellXfs><dxfs><dxf><numFmt numFmtId="200" formatCode="dd/mm/yyyy"/></dxf></dxfs></styleSheet>',
    ),
  };
  if (opts.shared) {
    files['xl/sharedStrings.xml'] = strToU8(
      `<?xml version="1.0"?>\n<sst xmlns="${NS}" count="${opts.shared.length}">${opts.shared.join('')}</sst>`,
    );
  }
  opts.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${NS}" xmlns:r="${RNS}">${s.xml}</worksheet>`,
    );
  });
  for (const [k, v] of Object.entries(opts.extra ?? {})) files[k] = strToU8(v);
  return zipSync(files);
}

describe('fast reader = exceljs reader, on every fixture', () => {
  const files = readdirSync(FIXTURES).filter((f) => /\.xls[xm]?$/i.test(f));
  it('the fixture folder holds exceljs and LibreOffice files', () => {
    expect(files.filter((f) => f.endsWith('.xlsx')).length).toBeGreaterThanOrEqual(10);
    expect(files.some((f) => f.includes('libreoffice') && f.endsWith('.xlsx'))).toBe(true);
  });
  for (const f of files) {
    it(f, async () => {
      const bytes = readFileSync(join(FIXTURES, f));
      if (f.endsWith('.xls')) {
        // .xls stays on @e965/xlsx, whichever reader is asked for
        expectSameGrid(await loadGrid(bytes, f, { reader: 'fast' }), await loadGrid(bytes, f, { reader: 'exceljs' }));
        return;
      }
      // the fast reader must take every fixture itself (no silent fallback)
      await expectEquivalent(bytes, f);
    });
  }
  for (const f of readdirSync(join(FIXTURES, 'bad'))) {
    it(`bad/${f}: the same answer both ways`, async () => {
      const bytes = readFileSync(join(FIXTURES, 'bad', f));
      let guardError: unknown = null;
      try {
        inspectBytes(bytes, f);
      } catch (e) {
        guardError = e;
      }
      if (guardError) {
        // refused by the guard: the same refusal whichever reader is asked for
        const msg = (guardError as AppError).message;
        await expect(loadGrid(bytes, f, { reader: 'fast' })).rejects.toThrow(msg);
        await expect(loadGrid(bytes, f)).rejects.toThrow(msg);
        return;
      }
      await expectEquivalent(bytes, f);
    });
  }
});

describe('fast reader = exceljs reader, on generated workbooks', () => {
  it('exceljs-written: kinds, rich text, dates and custom formats, formulas, merges, NBSP, NFD, sheet states', async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet('Dữ liệu & "số"');
      ws.getCell('A1').value = 12.5;
      ws.getCell('A2').value = ' Hà\u00a0Nội  mới '.normalize('NFD');
      ws.getCell('A3').value = true;
      ws.getCell('A4').value = false;
      ws.getCell('A5').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      ws.getCell('A6').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      ws.getCell('A7').value = 'a < b & c > "d" \'e\'';
      ws.getCell('A8').value = 'dòng 1\ndòng 2\r\ndòng 3\tcột';
      ws.getCell('A9').value = '\u00a0';
      ws.getCell('A10').value = -0.000123;
      ws.getCell('A11').value = 1e21;
      ws.getCell('A12').value = 0;
      ws.getCell('A13').value = '_x000D_ và _x0041_ và _x00e9_';
      const dates: Array<[string, Date, string]> = [
        ['B1', new Date(Date.UTC(2026, 5, 14)), 'dd/mm/yyyy'],
        ['B2', new Date(Date.UTC(2026, 0, 2, 13, 45, 10)), 'dd/mm/yyyy hh:mm:ss'],
        ['B3', new Date(Date.UTC(2025, 11, 31)), '[$-vi-VN]d mmmm yyyy'],
        ['B4', new Date(Date.UTC(2024, 1, 29)), '"Ngày" dd "tháng" mm'],
        ['B5', new Date(Date.UTC(2024, 1, 29)), 'mmm-yy'],
      ];
      for (const [a, d, fmt] of dates) {
        ws.getCell(a).value = d;
        ws.getCell(a).numFmt = fmt;
      }
      ws.getCell('B6').value = 45000;
      ws.getCell('B6').numFmt = '#,##0 "người"';
      ws.getCell('B7').value = 0.25;
      ws.getCell('B7').numFmt = '0.0%';
      ws.getCell('B8').value = 45000;
      ws.getCell('B8').numFmt = '[Red]0.00';
      ws.getCell('B9').value = 45000;
      ws.getCell('B9').numFmt = '0\\h';
      ws.getCell('C1').value = { formula: 'A1*2', result: 25 };
      ws.getCell('C2').value = { formula: 'A1*3' } as ExcelJS.CellFormulaValue;
      ws.getCell('C3').value = { formula: 'A1-A1', result: 0 };
      ws.getCell('C4').value = { formula: '"x"&"y"', result: 'xy' };
      ws.getCell('C5').value = { formula: 'A3', result: true };
      ws.getCell('C6').value = { formula: 'A4', result: false };
      ws.getCell('C7').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('C8').value = { formula: 'B1+1', result: new Date(Date.UTC(2026, 5, 15)) };
      ws.getCell('C8').numFmt = 'dd/mm/yyyy';
      ws.getCell('C9').value = { formula: '[1]Sheet1!A1', result: 7 };
      ws.getCell('C10').value = { formula: "'C:\\so lieu\\[khac.xlsx]Sheet1'!A1", result: 8 };
      ws.getCell('C11').value = { formula: '"<&>"', result: 'a &amp; b' };
      ws.getCell('D1').value = 1;
      ws.getCell('D2').value = {
        formula: 'D1+1',
        result: 2,
        shareType: 'shared',
        ref: 'D2:D5',
      } as ExcelJS.CellFormulaValue;
      ws.getCell('D3').value = { sharedFormula: 'D2', result: 3 };
      ws.getCell('D4').value = { sharedFormula: 'D2', result: 0 };
      ws.getCell('D5').value = { sharedFormula: 'D2' } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('E1').value = { richText: [{ text: 'Tổng ', font: { bold: true } }, { text: 'cộng\u00a0chung' }] };
      ws.getCell('E2').value = { richText: [{ text: '  ' }, { text: '' }] };
      ws.getCell('F1').value = 'Gộp';
      ws.mergeCells('F1:G3');
      ws.getCell('F5').value = { formula: 'A99' } as ExcelJS.CellFormulaValue;
      ws.mergeCells('F5:G6');
      ws.mergeCells('H1:I2');
      ws.getCell('F8').value = 9;
      ws.mergeCells('F8:H8');
      ws.getCell('J20').value = '   ';
      ws.getCell('K30').numFmt = '0.00';
      const h = wb.addWorksheet('Ẩn');
      h.state = 'hidden';
      h.getCell('A1').value = 'x';
      const vh = wb.addWorksheet('Rất ẩn');
      vh.state = 'veryHidden';
      vh.getCell('B2').value = 2;
      wb.addWorksheet('Trống');
    });
    const g = await expectEquivalent(bytes);
    const s = g.sheets[0]!;
    // spot checks, so that "equal" does not mean "equally empty"
    expect(s.get(1, 1)).toEqual({ kind: 'number', value: 12.5 });
    expect(s.get(1, 2)).toEqual({ kind: 'date', value: '2026-06-14' });
    expect(s.get(2, 3)).toEqual({ kind: 'blank', formula: 'A1*3' });
    expect(s.get(3, 4)).toEqual({ kind: 'number', value: 3 });
    // cached 0 and FALSE are results (exceljs's value getter used to drop them: "no cached result")
    expect(s.get(3, 3)).toEqual({ kind: 'number', value: 0 });
    expect(s.get(6, 3)).toEqual({ kind: 'bool', value: false });
    expect(s.get(4, 4)).toEqual({ kind: 'number', value: 0 });
    expect(s.get(5, 4)).toEqual({ kind: 'blank', formula: 'D2' });
    expect(s.get(7, 2)).toEqual({ kind: 'number', value: 0.25, percent: true });
    expect(s.get(1, 5)).toEqual({ kind: 'text', value: 'Tổng cộng chung' });
    expect(s.mergedFrom(3, 7)).toEqual([1, 6]);
    expect(g.sheets.map((x) => x.state)).toEqual(['visible', 'hidden', 'veryHidden', 'visible']);
  });

  it('hand-written parts: inline strings, phonetic runs, entities, escapes, shared formulas, t="d", built-in dates', async () => {
    const shared = [
      '<si><t>Xã Bảo Thắng</t></si>',
      '<si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">Tổng </t></r>\n<r><t>cộng</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><t xml:space="preserve">  Tab_x0009_và_x000D_xuống  &amp; &lt;b&gt; &#x1EA1;&#7841; &quot;q&quot; &apos;a&apos;</t></si>',
      '<si><t/></si>',
      '<si/>',
      '<si><t>Ho\u0300a Bi\u0300nh\u00a0</t><rPh sb="0" eb="2"><t>x</t></rPh></si>',
      '<si><t>&amp;lt;không giải mã lần hai&amp;gt;</t></si>',
    ];
    const row = (r: number, cells: string): string => `<row r="${r}" spans="1:12">${cells}</row>`;
    const sheet1 =
      '<dimension ref="A1:L12"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>' +
      row(
        1,
        '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
          '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c>',
      ) +
      row(
        2,
        '<c r="A2" t="inlineStr"><is><t>Nội tuyến _x0041_ &amp; </t></is></c>' +
          '<c r="B2" t="inlineStr"><is><r><t>Giàu </t></r><r><rPr><i/></rPr><t>_x0041_ chữ</t></r></is></c>' +
          '<c r="C2" t="str"><v>a &amp;amp; b &amp;lt;c&amp;gt; &amp;#65;</v></c>' +
          '<c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c>' +
          '<c r="F2" t="e"><v>#N/A</v></c><c r="G2" t="e"><v>#REF!</v></c>' +
          '<c r="H2" t="d"><v>2026-06-14T00:00:00</v></c><c r="I2" t="n"><v> 42 </v></c><c r="J2"><v>1.5E3</v></c>',
      ) +
      row(
        3,
        '<c r="A3" s="1"><v>46187</v></c><c r="B3" s="2"><v>46187.5</v></c><c r="C3" s="3"><v>46187</v></c>' +
          '<c r="D3" s="4"><v>0.75</v></c><c r="E3" s="5"><v>46187</v></c><c r="F3" s="6"><v>46187</v></c>' +
          '<c r="G3" s="7"><v>46187</v></c><c r="H3" s="8"><v>46187</v></c><c r="I3" s="9"><v>46187</v></c>' +
          '<c r="J3" s="0"><v>46187</v></c><c r="K3" s="99"><v>46187</v></c><c r="L3" s="1"/>',
      ) +
      row(
        4,
        '<c r="A4"><f t="shared" ref="A4:D4" si="0">A3*2</f><v>92374</v></c>' +
          '<c r="B4"><f t="shared" si="0"/><v>92375</v></c><c r="C4"><f t="shared" si="0"/><v>0</v></c>' +
          '<c r="D4"><f t="shared" si="0"/></c>' +
          '<c r="E4" t="str"><f>"a"&amp;"b"</f><v>a&amp;amp;b</v></c><c r="F4" t="b"><f>TRUE()</f><v>1</v></c>' +
          '<c r="G4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="H4" s="1"><f>A3+1</f><v>46188</v></c>' +
          '<c r="I4" t="str"><f>""</f><v></v></c><c r="J4"><f></f><v>5</v></c>' +
          '<c r="K4"><f t="shared" si="7"/><v>3</v></c><c r="L4" t="str" s="1"><f>"x"</f><v>abc</v></c>',
      ) +
      row(
        5,
        '<c r="A5"><f>[2]Data!B3</f><v>12</v></c><c r="B5"><f t="array" ref="B5">SUM(A1:A2*1)</f><v>4</v></c>' +
          '<c r="C5" s="1"><f>1</f><v>0</v></c><c r="D5" t="b" s="1"><f>1</f><v>1</v></c>',
      ) +
      '<row r="6"/>' +
      row(7, '<c r="A7" s="3"/><c r="B7"/><c r="C7"><v>7</v></c><c r="D7" t="s"><v>1</v></c><c r="E7"><v>8</v></c>') +
      row(8, '<c r="C8"><v>slave value dropped</v></c><c r="E8" t="inlineStr"><is><t>lạc</t></is></c>') +
      row(9, '<c r="CV9"><v>100</v></c><c r="CW9"><v>101</v></c>') +
      row(5001, '<c r="A5001"><v>1</v></c>') +
      '</sheetData><mergeCells count="3"><mergeCell ref="C7:D8"/><mergeCell ref="E7:F8"/>' +
      '<mergeCell ref="H6:I6"/></mergeCells>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<extLst><ext uri="{x}"><x14:dataValidations xmlns:x14="x" count="1"><x14:dataValidation><xm:f xmlns:xm="y">A1</xm:f></x14:dataValidation></x14:dataValidations></ext></extLst>';
    const sheet2 = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>';
    const base = {
      shared,
      numFmts: [
        [164, 'dd/mm/yyyy'],
        [165, '#,##0\\ "đ"'],
        [166, '0\\h'],
        [167, '[$-409]General'],
      ] as Array<[number, string]>,
      // style 1..9 → numFmtId
      xfs: [14, 22, 27, 46, 164, 165, 166, 167, 4],
      sheets: [
        { name: 'Số liệu', xml: sheet1 },
        { name: 'A &amp;amp; B', state: 'hidden', xml: sheet2 },
        { name: 'Ẩn hẳn', state: 'veryHidden', xml: sheet2 },
      ],
    };
    const g = await expectEquivalent(handmade(base));
    const s = g.sheets[0]!;
    expect(s.get(2, 1)).toEqual({ kind: 'text', value: 'Nội tuyến _x0041_ &' });
    expect(s.get(4, 2)).toEqual({ kind: 'number', value: 92375 });
    expect(s.get(3, 1)).toEqual({ kind: 'date', value: '2026-06-14' });
    // cached results: a shared clone's 0, ="" as t="str" with an empty <v> (plain blank), no <v> at all, and a 0 in
    // a date-formatted formula cell (the date 0, as Excel shows it)
    expect(s.get(4, 3)).toEqual({ kind: 'number', value: 0 });
    expect(s.get(4, 9)).toEqual({ kind: 'blank' });
    expect(s.get(4, 4)).toEqual({ kind: 'blank', formula: 'A4' });
    expect(s.get(5, 3)).toEqual({ kind: 'date', value: '1899-12-30' });
    expect(g.sheets[1]!.name).toBe('A & B');
    // the same parts with 1904 dates, and as a macro workbook
    await expectEquivalent(handmade({ ...base, workbookPr: '<workbookPr date1904="1"/>' }));
    const xlsm = handmade({ ...base, extra: { 'xl/vbaProject.bin': 'not really vba' } });
    const m = await expectEquivalent(xlsm, 'x.xlsm');
    expect(m.hasMacros).toBe(true);
  });

  it('hand-written parts: hidden columns and rows, percent formats, cached results of every kind', async () => {
    const cols =
      '<cols>' +
      // overlapping ranges (the first by min wins), hidden="true", width="0", width="" (0 for exceljs), a range
      // starting before the previous one ends, min > max, and a hidden range wider than any sheet
      '<col min="2" max="3" width="9" hidden="true"/><col min="3" max="4" width="0"/>' +
      '<col min="6" max="6" width="" customWidth="1"/><col min="7" max="7" width="12" hidden="false"/>' +
      '<col min="9" max="8" hidden="1"/><col min="8" max="8" width="0.0"/>' +
      '<col min="11" max="12" width="abc"/><col min="30" max="16384" hidden="1"/>' +
      '</cols>';
    const row = (r: number, attrs: string, cells: string): string => `<row r="${r}"${attrs}>${cells}</row>`;
    const sheet =
      cols +
      '<sheetData>' +
      row(1, '', '<c r="A1"><v>1</v></c><c r="B1" s="1"><v>0.12</v></c><c r="C1" s="2"><v>0.125</v></c>') +
      row(2, ' hidden="1"', '<c r="B2" s="3"><v>0.5</v></c><c r="C2" s="4"><v>7</v></c><c r="D2" s="5"><v>7</v></c>') +
      row(3, ' ht="0" customHeight="1"', '<c r="B3" s="6"><v>8</v></c><c r="C3" s="7"><v>9</v></c>') +
      row(4, ' ht="0"', '<c r="B4" s="8"><v>10</v></c><c r="C4" s="9"><v>11</v></c>') +
      row(5, ' ht="0" customHeight="0"', '<c r="A5"><v>1</v></c>') +
      row(6, ' hidden="true" ht="15"', '') +
      row(7, ' hidden="false" ht="0.0" customHeight="true"', '') +
      row(8, ' ht="" customHeight="1"', '<c r="A8"><v>1</v></c>') +
      row(
        9,
        '',
        '<c r="A9"><f>A1*0</f><v>0</v></c><c r="B9" t="b"><f>A1=2</f><v>0</v></c>' +
          '<c r="C9" t="str"><f>""</f><v></v></c><c r="D9" t="str"><f>""</f><v/></c>' +
          '<c r="E9" t="str"><f>""</f></c><c r="F9"><f>A1+1</f></c><c r="G9"><f>A1+2</f><v/></c>' +
          '<c r="H9"><f>A1+3</f><v>abc</v></c><c r="I9" t="str"><f>" "</f><v> </v></c>' +
          '<c r="J9" s="1"><f>A1/4</f><v>0.25</v></c><c r="K9" s="1"><f>A1-1</f><v>0</v></c>' +
          '<c r="L9" s="1" t="str"><f>""</f><v></v></c><c r="M9" s="1"><f>A1*5</f></c>' +
          '<c r="N9" s="10" t="str"><f>""</f><v></v></c><c r="O9" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
      ) +
      row(
        10,
        '',
        '<c r="A10" s="1"><f t="shared" ref="A10:C10" si="0">A1*0</f><v>0</v></c>' +
          '<c r="B10" s="1"><f t="shared" si="0"/><v>0</v></c><c r="C10" s="1"><f t="shared" si="0"/></c>' +
          '<c r="D10" s="1" t="s"><v>0</v></c><c r="E10" s="1" t="b"><v>1</v></c>',
      ) +
      row(6001, ' hidden="1"', '') +
      '</sheetData><mergeCells count="1"><mergeCell ref="B12:D13"/></mergeCells>';
    const g = await expectEquivalent(
      handmade({
        shared: ['<si><t>chữ</t></si>'],
        numFmts: [
          [164, '0.0%'],
          [165, '0.0"%"'],
          [166, '0.0\\%'],
          [167, '[Red]0%;[Blue]-0%'],
          [168, '#,##0\\ \\%'],
          [169, '#,##0_%'],
          [170, '0\\\\%'],
          [171, 'dd/mm/yyyy'],
        ],
        // style 1..10 → numFmtId
        xfs: [9, 10, 164, 165, 166, 167, 168, 169, 170, 171],
        sheets: [{ name: 'S', xml: sheet }],
      }),
    );
    const s = g.sheets[0]!;
    const hiddenCols = Array.from({ length: 40 }, (_, i) => i + 1).filter((c) => s.colHidden(c));
    expect(hiddenCols).toEqual([2, 3, 4, 6, 8, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
    expect(s.colHidden(LIMITS.maxCols)).toBe(true);
    expect(s.colHidden(LIMITS.maxCols + 1)).toBe(false); // outside the form limits: not kept
    const hiddenRows = Array.from({ length: 12 }, (_, i) => i + 1).filter((r) => s.rowHidden(r));
    expect(hiddenRows).toEqual([2, 3, 6, 7]);
    expect(s.rowHidden(6001)).toBe(false);
    // percentages: built-in 9 and 10, custom codes; a quoted or escaped % is a literal, _% and *% are padding
    expect(s.get(1, 2)).toEqual({ kind: 'number', value: 0.12, percent: true });
    expect(s.get(1, 3)).toEqual({ kind: 'number', value: 0.125, percent: true });
    expect(s.get(2, 2)).toEqual({ kind: 'number', value: 0.5, percent: true });
    expect(s.get(2, 3)).toEqual({ kind: 'number', value: 7 });
    expect(s.get(2, 4)).toEqual({ kind: 'number', value: 7 });
    expect(s.get(3, 2)).toEqual({ kind: 'number', value: 8, percent: true });
    expect(s.get(3, 3)).toEqual({ kind: 'number', value: 9 });
    expect(s.get(4, 2)).toEqual({ kind: 'number', value: 10 });
    expect(s.get(4, 3)).toEqual({ kind: 'number', value: 11, percent: true }); // \\% : an escaped \ then a real %
    // cached results
    expect(s.get(9, 1)).toEqual({ kind: 'number', value: 0 });
    expect(s.get(9, 2)).toEqual({ kind: 'bool', value: false });
    expect(s.get(9, 3)).toEqual({ kind: 'blank' });
    expect(s.get(9, 4)).toEqual({ kind: 'blank' });
    expect(s.get(9, 5)).toEqual({ kind: 'blank', formula: '""' }); // t="str" but no <v>: never calculated
    expect(s.get(9, 6)).toEqual({ kind: 'blank', formula: 'A1+1' });
    expect(s.get(9, 7)).toEqual({ kind: 'blank', formula: 'A1+2' }); // openpyxl's <v/> on a number cell
    expect(s.get(9, 8)).toEqual({ kind: 'blank', formula: 'A1+3' }); // a number that does not read
    expect(s.get(9, 9)).toEqual({ kind: 'blank' }); // a text result that is blank once cleaned
    expect(s.get(9, 10)).toEqual({ kind: 'number', value: 0.25, percent: true });
    expect(s.get(9, 11)).toEqual({ kind: 'number', value: 0, percent: true });
    expect(s.get(9, 12)).toEqual({ kind: 'blank' });
    expect(s.get(9, 13)).toEqual({ kind: 'blank', formula: 'A1*5' });
    expect(s.get(9, 14)).toEqual({ kind: 'blank' }); // ="" in a date-formatted cell: no date 0
    expect(s.get(9, 15)).toEqual({ kind: 'error', value: '#DIV/0!' });
    expect(s.get(10, 1)).toEqual({ kind: 'number', value: 0, percent: true });
    expect(s.get(10, 2)).toEqual({ kind: 'number', value: 0, percent: true });
    expect(s.get(10, 3)).toEqual({ kind: 'blank', formula: 'A10' });
    expect(s.get(10, 4)).toEqual({ kind: 'text', value: 'chữ' }); // percent is for numbers only
    expect(s.get(10, 5)).toEqual({ kind: 'bool', value: true });
    // merged ranges without a value: known from the master and from every slave
    expect(s.mergeOf(12, 2)).toEqual([12, 2, 13, 4]);
    expect(s.mergeOf(13, 4)).toEqual([12, 2, 13, 4]);
    expect(s.mergeOf(12, 1)).toBeNull();
    expect(s.mergedFrom(12, 2)).toBeNull();
    expect(s.mergedFrom(13, 3)).toEqual([12, 2]);
  });

  it('a hostile <cols>: ranges up to 2^31 and thousands of them cost no more than the form limits', async () => {
    const many = Array.from(
      { length: 5000 },
      (_, i) => `<col min="${i * 3 + 1}" max="${2 ** 31}" hidden="${i % 2}"/>`,
    ).join('');
    const xml = `<cols><col min="1" max="2147483647" hidden="1"/>${many}</cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`;
    const t0 = performance.now();
    const g = await loadGrid(handmade({ sheets: [{ name: 'S', xml }] }), 'cols.xlsx', { reader: 'fast' });
    expect(performance.now() - t0).toBeLessThan(2000);
    const s = g.sheets[0]!;
    expect(s.colHidden(1)).toBe(true);
    expect(s.colHidden(LIMITS.maxCols)).toBe(true);
    expect(s.colHidden(LIMITS.maxCols + 1)).toBe(false);
  });

  it('the one-pass cell pattern reads every plain cell exactly as the tokens and exceljs do', async () => {
    // each cell in the shape the fast pattern takes whole (r, optional s and t, optional <v>), and the same cell
    // with one more attribute (z="0", ignored by both readers), which sends it through the token path
    const cells = [
      '<c r="A1"><v></v></c><c r="B1" s="0"><v>7</v></c><c r="C1"/><c r="D1" s="1"></c>',
      '<c r="A2" s="1"><v>45000.5</v></c><c r="B2" s="2"><v>0.25</v></c><c r="C2" s="2" t="n"><v>1</v></c>',
      '<c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#DIV/0!</v></c>',
      '<c r="A4" t="str"><v>a &amp;amp; b &amp;lt;c&amp;gt;</v></c><c r="B4" t="str"><v>x\r\ny</v></c>',
      '<c r="A5"><v> 12 </v></c><c r="B5"><v>1e3</v></c><c r="C5"><v>-0</v></c><c r="D5"><v>Infinity</v></c>',
      '<c r="A6" t="s"><v>0</v></c><c r="B6" t="s"><v>0</v></c><c r="C6" t="s"><v>1</v></c><c r="D6" t="s"><v>2</v></c>' +
        '<c r="E6" t="s"><v>4</v></c><c r="F6" t="s"><v>5</v></c>',
      '<c r="A7" t="s" s="1"><v>1</v></c><c r="B7" s="1" t="s"><v>3</v></c><c r="C7" t="inlineStr"><v>x</v></c>',
      '<c r="A8"><v>1&#13;&#10;2</v></c><c r="B8" t="str"><v>&#x1EA1;&#7841;</v></c><c r="C8" t="d"><v>2026-01-02</v></c>',
      '<c r="CV9"><v>3</v></c><c r="CW9"><v>4</v></c>',
      '<c r="A10" t="s"><v>01</v></c><c r="B10" s="01"><v>45000</v></c>',
    ];
    const sheet = (viaTokens: boolean): string =>
      '<sheetData>' +
      cells.map((c, i) => `<row r="${i + 1}">${viaTokens ? c.replace(/<c /g, '<c z="0" ') : c}</row>`).join('') +
      '</sheetData>';
    const parts = (viaTokens: boolean): Uint8Array =>
      handmade({
        shared: [
          '<si><t>Xã Bảo Thắng</t></si>',
          '<si><t>  hai\u00a0 </t></si>',
          '<si><t/></si>',
          '<si><t>bốn</t></si>',
          '<si><t></t></si>',
          '<si><t xml:space="preserve"> a_x0041_ &amp;amp; &#7841;\r\n</t></si>',
        ],
        xfs: [14, 9],
        sheets: [{ name: 'S', xml: sheet(viaTokens) }],
      });
    const plain = await expectEquivalent(parts(false));
    const tokens = await expectEquivalent(parts(true));
    expectSameGrid(plain, tokens);
    expect(plain.sheets[0]!.get(6, 2)).toEqual({ kind: 'text', value: 'Xã Bảo Thắng' });
    expect(plain.sheets[0]!.get(9, 100)).toEqual({ kind: 'number', value: 3 });
    expect(plain.sheets[0]!.get(6, 6)).toEqual({ kind: 'text', value: 'aA &amp; ạ' });
    // what the tokens refuse, the pattern refuses too: a control character, a column past XFD, a row out of order
    const refused = [
      '<row r="1"><c r="A1"><v>a&#1;b</v></c></row>',
      '<row r="1"><c r="XFE1"><v>1</v></c></row>',
      '<row r="2"><c r="A1"><v>1</v></c></row>',
      '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>',
      '<row r="1"><c r="A1" t="s"><v>9</v></c></row>',
    ];
    for (const xml of refused) {
      for (const viaTokens of [false, true]) {
        const body = viaTokens ? xml.replace(/<c /g, '<c z="0" ') : xml;
        const bytes = handmade({
          shared: ['<si><t>a</t></si>'],
          sheets: [{ name: 'S', xml: `<sheetData>${body}</sheetData>` }],
        });
        await expect(loadGrid(bytes, 'x.xlsx', { reader: 'fast' }), body).rejects.toBeInstanceOf(FastGridUnsupported);
      }
    }
  });

  it('what the fast reader declines goes to exceljs, with the very same answer', async () => {
    const plain = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    const cases: Record<string, Uint8Array> = {
      prefixed: handmade({
        sheets: [
          {
            name: 'S',
            xml: `<x:sheetData xmlns:x="${NS}"><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>`,
          },
        ],
      }),
      cdata: handmade({
        sheets: [
          {
            name: 'S',
            xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<x>]]></t></is></c></row></sheetData>',
          },
        ],
      }),
      noAddress: handmade({
        sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c><v>1</v></c><c><v>2</v></c></row></sheetData>' }],
      }),
      hyperlink: handmade({
        sheets: [
          {
            name: 'S',
            xml: `${plain}<hyperlinks><hyperlink ref="A1" location="'S'!A1" display="x"/></hyperlinks>`,
          },
        ],
      }),
      overlapping: handmade({
        sheets: [
          { name: 'S', xml: `${plain}<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>` },
        ],
      }),
      phoneticInline: handmade({
        sheets: [
          {
            name: 'S',
            xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh sb="0" eb="1"><t>b</t></rPh></is></c></row></sheetData>',
          },
        ],
      }),
      sharedIndexOutOfRange: handmade({
        shared: ['<si><t>a</t></si>'],
        sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>' }],
      }),
      strict: handmade({
        sheets: [{ name: 'S', xml: plain }],
        extra: {
          'xl/workbook.xml': `<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="${RNS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        },
      }),
    };
    cases.twoCols = handmade({
      sheets: [{ name: 'S', xml: `<cols><col min="1" max="1" hidden="1"/></cols><cols/>${plain}` }],
    });
    cases.stylesWithoutFonts = handmade({
      noFonts: true,
      xfs: [14],
      sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c></row></sheetData>' }],
    });
    for (const [label, bytes] of Object.entries(cases)) {
      await expect(loadGrid(bytes, `${label}.xlsx`, { reader: 'fast' }), label).rejects.toBeInstanceOf(
        FastGridUnsupported,
      );
      let slow: Grid | AppError;
      try {
        slow = await loadGrid(bytes, `${label}.xlsx`, { reader: 'exceljs' });
      } catch (e) {
        slow = e as AppError;
      }
      if (slow instanceof Error) {
        await expect(loadGrid(bytes, `${label}.xlsx`), label).rejects.toThrow(slow.message);
      } else {
        expectSameGrid(await loadGrid(bytes, `${label}.xlsx`), slow);
      }
    }
  });

  it('date formats: the same rule as exceljs (outside quotes and brackets; y m d h M s b)', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-vi-VN]d mmmm yyyy')).toBe(true);
    expect(isDateFormat('#,##0 "người"')).toBe(false);
    expect(isDateFormat('[h]')).toBe(false);
    expect(isDateFormat('0.0%')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });

  const soffice = ((): boolean => {
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!soffice)('a copy re-saved by LibreOffice', async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet('Biểu');
      ws.getCell('A1').value = 'Tổng\u00a0số';
      ws.getCell('B1').value = 3;
      ws.getCell('B2').value = { formula: 'B1*2', result: 6 };
      ws.getCell('B3').value = new Date(Date.UTC(2026, 5, 14));
      ws.getCell('B3').numFmt = 'dd/mm/yyyy';
      ws.getCell('C1').value = { richText: [{ text: 'a', font: { bold: true } }, { text: 'b' }] };
      ws.getCell('C2').value = true;
      ws.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('D1').value = 'gộp';
      ws.mergeCells('D1:E2');
      const h = wb.addWorksheet('Ẩn');
      h.state = 'hidden';
      h.getCell('A1').value = 1;
    });
    const dir = mkdtempSync(join(tmpdir(), 'bdg-fast-grid-'));
    try {
      writeFileSync(join(dir, 'in.xlsx'), bytes);
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'xlsx',
          '--outdir',
          join(dir, 'out'),
          join(dir, 'in.xlsx'),
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const saved = new Uint8Array(readFileSync(join(dir, 'out', 'in.xlsx')));
      const g = await expectEquivalent(saved);
      expect(g.sheets[0]!.get(1, 2)).toEqual({ kind: 'number', value: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
