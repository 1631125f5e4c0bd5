/**
 * The fast reader keeps what the rest of a sheet after </sheetData> adds (merges, column ranges), by that text: a
 * form read when its rest is known must give the very grid it gives when it is not, and a rest the reader refuses
 * (a hyperlink, a second <cols>, unclosed markup) is refused every time; a rest with a second <sheetData> is never
 * kept. Each workbook is read cold (its rest new to the reader) and warm, against exceljs.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FastGridUnsupported, tailStats } from '../../../src/main/excel/fast-grid';
import { loadGrid, type Grid } from '../../../src/main/excel/grid';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function book(sheetXml: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${RNS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0"?><styleSheet xmlns="${NS}"><fonts count="1"><font/></fonts><cellXfs><xf numFmtId="0" fontId="0"/></cellXfs></styleSheet>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0"?><worksheet xmlns="${NS}">${sheetXml}</worksheet>`),
  });
}

/** what a reader makes of the sheet: values, merges and hidden columns over the first 12 × 12 cells */
const seen = (g: Grid): unknown =>
  g.sheets.map((s) => {
    const out: unknown[] = [s.rowCount, s.colCount];
    for (let r = 1; r <= 12; r++)
      for (let c = 1; c <= 12; c++) out.push([s.get(r, c), s.mergedFrom(r, c), s.mergeOf(r, c), s.colHidden(c)]);
    return out;
  });

const data = (v: number): string =>
  `<sheetData><row r="1"><c r="A1"><v>${v}</v></c><c r="B1"><v>2</v></c></row><row r="3"><c r="C3"><v>3</v></c></row></sheetData>`;

describe('the rest of a sheet after </sheetData>, kept by its text', () => {
  it('cold and warm: the same grid as exceljs, whatever the cells before it', async () => {
    const rests = [
      '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C3:D3"/></mergeCells><pageMargins left="1"/>',
      // <cols> after the data: a column range the grid must still hide
      '<cols><col min="4" max="5" hidden="1"/></cols><mergeCells count="1"><mergeCell ref="E5:F6"/></mergeCells>',
      '<dataValidations count="1"><dataValidation sqref="A1"><formula1>0</formula1></dataValidation></dataValidations>',
    ];
    const known = tailStats.known;
    for (const rest of rests) {
      for (const [i, head] of ['', '<cols><col min="2" max="2" width="0"/></cols>'].entries()) {
        // two files with different cells share the rest: the second reads it known
        for (const v of [10 + i, 20 + i]) {
          const bytes = book(head + data(v) + rest);
          const exceljs = await loadGrid(bytes, 'x.xlsx', { reader: 'exceljs' }).catch((e: unknown) => e);
          const fast = await loadGrid(bytes, 'x.xlsx', { reader: 'fast' }).catch((e: unknown) => e);
          const again = await loadGrid(bytes, 'x.xlsx', { reader: 'fast' }).catch((e: unknown) => e);
          expect(exceljs).not.toBeInstanceOf(Error);
          if (fast instanceof FastGridUnsupported) {
            // what the fast reader declines (two <cols>: exceljs decides) it declines warm too
            expect(again, rest).toBeInstanceOf(FastGridUnsupported);
            continue;
          }
          expect(seen(fast as Grid), `${head} ${rest}`).toEqual(seen(exceljs as Grid));
          expect(seen(again as Grid), `${head} ${rest}`).toEqual(seen(exceljs as Grid));
        }
      }
    }
    // the warm reads found their rests known (else this compares nothing new)
    expect(tailStats.known - known).toBeGreaterThanOrEqual(6);
  });

  it('a rest the reader declines is declined every time; one with a second <sheetData> is never kept', async () => {
    const declined = [
      '<hyperlinks><hyperlink ref="A1" r:id="rId9" xmlns:r="x"/></hyperlinks>',
      '<mergeCells count="1"><mergeCell ref="A1:B2"/>',
      '<mergeCells count="1"><mergeCell ref="A1:A1048576"/></mergeCells><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    ];
    for (const rest of declined) {
      for (let k = 0; k < 3; k++) {
        await expect(loadGrid(book(data(k) + rest), 'x.xlsx', { reader: 'fast' }), rest).rejects.toBeInstanceOf(
          FastGridUnsupported,
        );
      }
    }
    // a second <sheetData> after the first: its cells count (whatever exceljs makes of them, both reads agree)
    const twice = data(1) + '<sheetData><row r="9"><c r="A9"><v>9</v></c></row></sheetData>';
    const a = await loadGrid(book(twice), 'x.xlsx', { reader: 'fast' }).catch((e: unknown) => e);
    const b = await loadGrid(book(twice.replace('<v>1</v>', '<v>5</v>')), 'x.xlsx', { reader: 'fast' }).catch(
      (e: unknown) => e,
    );
    if (a instanceof Error) expect(b).toBeInstanceOf(Error);
    else {
      expect((a as Grid).sheets[0]!.get(9, 1)).toEqual({ kind: 'number', value: 9 });
      expect((b as Grid).sheets[0]!.get(9, 1)).toEqual({ kind: 'number', value: 9 });
      expect((b as Grid).sheets[0]!.get(1, 1)).toEqual({ kind: 'number', value: 5 });
    }
  });
});
