import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildMinistryWorkbook } from '../../../src/main/documents/workbook';
import { FORMULA_TEXT, makeReportModel, SCRIPT_TEXT } from '../../helpers/report-model';
import type { ReportModel } from '../../../src/main/documents/model';

const cat = makeReportModel().catalog.dataElements;
const nameOf = (code: string) => cat.find((e) => e.code === code)!.name;
const isSensitive = (code: string) => cat.find((e) => e.code === code)!.sensitive;

async function read(model: ReportModel) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildMinistryWorkbook(model)) as unknown as ArrayBuffer);
  return wb;
}

function findCell(ws: ExcelJS.Worksheet, pred: (v: string) => boolean): ExcelJS.Cell | null {
  let found: ExcelJS.Cell | null = null;
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (!found && typeof c.value === 'string' && pred(c.value)) found = c;
    }),
  );
  return found;
}

function rowOf(ws: ExcelJS.Worksheet, firstColText: string, col = 1): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === firstColText) return ws.getRow(r);
  throw new Error(`no row ${firstColText}`);
}

describe('buildMinistryWorkbook', () => {
  it('writes the NĐ 30 header, title, signature and nơi nhận on "Báo cáo"', async () => {
    const wb = await read(makeReportModel());
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 5)).toEqual(['Báo cáo', 'Phụ lục I', 'Phụ lục II', 'Phụ lục III', 'Phụ lục IV']);
    // Phụ lục V split in sheets of at most 12 figure columns
    const v = names.filter((n) => n.startsWith('Phụ lục V ('));
    expect(v.length).toBeGreaterThan(3);
    expect(v[0]).toBe('Phụ lục V (1)');
    expect(names.at(-1)).toBe('Phụ lục VI');
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell('A1').value).toBe('UBND TỈNH LÀO CAI');
    expect(ws.getCell('A1').font.bold).toBeFalsy();
    expect(ws.getCell('A2').value).toBe('BAN VÌ SỰ TIẾN BỘ PHỤ NỮ');
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getCell('E1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('E1').font.bold).toBe(true);
    expect(ws.getCell('E2').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('E2').font.bold).toBe(true);
    expect(ws.getCell('A4').value).toBe('Số: 15/BC-BVSTBPN');
    expect(ws.getCell('E4').value).toBe('Lào Cai, ngày 05 tháng 02 năm 2026');
    expect(ws.getCell('E4').font.italic).toBe(true);
    expect(ws.getCell('A9').value).toBe('Kính gửi: Bộ Nội vụ.');
    expect(ws.getCell('A6').value).toBe('BÁO CÁO');
    expect(ws.getCell('A7').value).toBe(
      'Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2026',
    );
    for (const addr of ['A1', 'E1', 'A6', 'A7']) expect(ws.getCell(addr).font.name).toBe('Times New Roman');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.printArea).toMatch(/^A1:G\d+$/);
    expect(findCell(ws, (v) => v === 'KT. TRƯỞNG BAN')).not.toBeNull();
    expect(findCell(ws, (v) => v === 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC')).not.toBeNull();
    expect(findCell(ws, (v) => v === 'Nguyễn Thị Hoa')).not.toBeNull();
    const noiNhan = findCell(ws, (v) => v === 'Nơi nhận:')!;
    expect(noiNhan.font.bold && noiNhan.font.italic).toBe(true);
    expect(findCell(ws, (v) => v === '- Như trên;')).not.toBeNull();
    expect(findCell(ws, (v) => v === '- Bộ Nội vụ;')).toBeNull();
    expect(findCell(ws, (v) => v.endsWith('kính báo cáo Bộ Nội vụ./.'))).not.toBeNull();
    expect(findCell(ws, (v) => v === '- Lưu: VT, BVSTBPN.')).not.toBeNull();
    expect(findCell(ws, (v) => v.includes('5/7 đơn vị'))).not.toBeNull();
  });

  it('without a number, "Số:" keeps dots for the văn thư', async () => {
    const ws = (await read(makeReportModel({ docNumber: undefined }))).getWorksheet('Báo cáo')!;
    expect(ws.getCell('A4').value).toBe('Số: ……/BC-BVSTBPN');
  });

  it('Phụ lục 1 has the recomputed ratios, targets and Đạt/Chưa đạt', async () => {
    const model = makeReportModel();
    const ws = (await read(model)).getWorksheet('Phụ lục I')!;
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    const m11 = rowOf(ws, 'CL.M1.1');
    // (2 + 1 + 0) / (4 + 10 + 6) × 100 = 15 %
    expect(m11.getCell(4).value).toBeCloseTo(15, 9);
    expect(m11.getCell(5).value).toBe('≥ 75% (2030)');
    // 5 of 7 units reported: the assessment is provisional; its inputs come from 3 units, last year's from 1
    expect(m11.getCell(6).value).toBe('Chưa đạt (tạm tính)');
    expect(m11.getCell(9).value).toBe('3/7\n(cùng kỳ: 1)');
    expect(m11.getCell(7).value).toBeCloseTo(10, 9); // last year 1/10
    expect(m11.getCell(8).value).toBe('+5 điểm phần trăm (**)');
    const m21 = rowOf(ws, 'CL.M2.1'); // 98 000 / 210 000 = 46,67 % < 60 (2030) -> chưa đạt
    expect(m21.getCell(4).value).toBeCloseTo(46.6667, 3);
    const m61 = rowOf(ws, 'CL.M6.1'); // 520 000 / 780 000 = 66,67 % < 80
    expect(m61.getCell(6).value).toBe('Chưa đạt'); // a province figure: not provisional
    const hu = rowOf(ws, 'TL.HUONG_UOC.KHONG_PBDX'); // 20/21 = 95,24 % < 100 (2030)
    expect(hu.getCell(4).value).toBeCloseTo(95.238, 2);
    const m44 = rowOf(ws, 'CL.M4.4'); // CSYT_LGBT = 1, target ≥ 3 in 2030
    expect(m44.getCell(4).value).toBe(1);
    expect(m44.getCell(6).value).toBe('Chưa đạt (tạm tính)');
    // each figure equals the consolidation
    for (const r of model.consolidation.indicators) {
      const row = rowOf(ws, r.code);
      if (r.value === null) expect(row.getCell(4).value).toBeNull();
      else expect(row.getCell(4).value).toBeCloseTo(r.value, 9);
      const provisional = !['CL.M2.1', 'CL.M2.2', 'CL.M6.1'].includes(r.code) ? ' (tạm tính)' : '';
      expect(row.getCell(6).value, r.code).toBe(r.met === null ? '' : `${r.met ? 'Đạt' : 'Chưa đạt'}${provisional}`);
    }
  });

  it('Phụ lục 2 figures equal the consolidated values, with the number of units reporting', async () => {
    const model = makeReportModel();
    const ws = (await read(model)).getWorksheet('Phụ lục II')!;
    const els = model.catalog.dataElements;
    const col = { total: 4, female: 5, male: 6, value: 7 } as const;
    for (const v of model.consolidation.values) {
      const name = els.find((e) => e.code === v.code)!.name;
      const row = rowOf(ws, v.code === 'BLGD_VU' || isSensitive(v.code) ? `${name} (*)` : name, 2);
      expect(row.getCell(col[v.cell]).value).toBe(v.value);
    }
    const cb = rowOf(ws, 'Số cán bộ, công chức, viên chức, người lao động', 2);
    expect(cb.getCell(4).value).toBe(2220);
    expect(cb.getCell(4).numFmt).toBe('#,##0');
    expect(cb.getCell(8).value).toBe(2);
    const blgd = findCell(ws, (s) => s === `${nameOf('BLGD_VU')} (*)`);
    expect(blgd).not.toBeNull();
    expect(findCell(ws, (s) => s.includes('Không phổ biến rộng rãi'.toLocaleLowerCase('vi')))).not.toBeNull();
  });

  it('Phụ lục 3 lists every unit with status and dd/mm/yyyy dates', async () => {
    const ws = (await read(makeReportModel())).getWorksheet('Phụ lục III')!;
    const syt = rowOf(ws, 'Sở Y tế', 2);
    expect(syt.getCell(4).value).toBe('Muộn');
    expect(syt.getCell(5).value).toBe('12/06/2026');
    expect(rowOf(ws, 'Xã Tả Van', 2).getCell(4).value).toBe('Đúng hạn');
    expect(rowOf(ws, 'Sở Tư pháp', 2).getCell(4).value).toBe('Chưa gửi');
    expect(rowOf(ws, 'Sở Nội vụ', 2).getCell(6).value).toBe(2);
  });

  it('unit text stays an inert string cell (no formula), also "<script>"', async () => {
    const wb = await read(makeReportModel());
    const ws = wb.getWorksheet('Phụ lục VI')!;
    const c = findCell(ws, (v) => v === FORMULA_TEXT)!;
    expect(c).not.toBeNull();
    expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(c.formula).toBeUndefined();
    expect(findCell(ws, (v) => v === SCRIPT_TEXT)!.type).toBe(ExcelJS.ValueType.String);
    wb.eachSheet((s) =>
      s.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );
  });

  it('suppresses sensitive counts 1–4 per unit as "<5" unless includeSensitive', async () => {
    const sheetWith = (wb: ExcelJS.Workbook, name: string) =>
      wb.worksheets.find((w) => w.name.startsWith('Phụ lục V (') && findCell(w, (v) => v.includes(name)))!;
    const ws = sheetWith(await read(makeReportModel()), nameOf('BLGD_VU'));
    expect(findCell(ws, (v) => v === 'KHÔNG PHỔ BIẾN RỘNG RÃI')).not.toBeNull();
    const colOf = (name: string) => {
      let col = 0;
      ws.eachRow((row) =>
        row.eachCell((c, i) =>
          typeof c.value === 'string' && / \(\*\)$|^\(\d+\) /.test(c.value) && c.value.includes(name)
            ? (col = col || i)
            : 0,
        ),
      );
      return col;
    };
    const vu = colOf(nameOf('BLGD_VU'));
    expect(vu).toBeGreaterThan(0);
    expect(rowOf(ws, 'Xã Tả Van', 2).getCell(vu).value).toBe('<5'); // 3
    expect(rowOf(ws, 'Xã Bản Hồ', 2).getCell(vu).value).toBe(7);
    expect(rowOf(ws, 'Sở Y tế', 2).getCell(vu).value).toBe('<5'); // 2
    const tinWs = sheetWith(await read(makeReportModel()), nameOf('TINBAI_BDG'));
    let tin = 0;
    tinWs.eachRow((row) =>
      row.eachCell((c, i) =>
        typeof c.value === 'string' && c.value.includes(nameOf('TINBAI_BDG')) ? (tin = tin || i) : 0,
      ),
    );
    expect(rowOf(tinWs, 'Xã Bản Hồ', 2).getCell(tin).value).toBe(2); // not sensitive: shown
    const full = sheetWith(await read(makeReportModel({ includeSensitive: true })), nameOf('BLGD_VU'));
    expect(rowOf(full, 'Xã Tả Van', 2).getCell(vu).value).toBe(3);
    // per kind too (xã: 3 + 7 = 10 shown; sở: 2 → <5)
    const k = (await read(makeReportModel())).getWorksheet('Phụ lục IV')!;
    const row = rowOf(k, `${nameOf('BLGD_VU')} (*)`);
    expect(row.getCell(3).value).toBe('<5');
    expect(row.getCell(4).value).toBeNull(); // đoàn thể: nothing reported
    expect(row.getCell(5).value).toBe(10);
  });

  it('uses Times New Roman, A4 and a page number header that skips page 1 on every sheet', async () => {
    const wb = await read(makeReportModel());
    wb.eachSheet((ws) => {
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.headerFooter.differentFirst).toBe(true);
      expect(ws.headerFooter.oddHeader).toContain('&P');
      expect(ws.pageSetup.printArea).toBeTruthy();
      ws.eachRow((row) => row.eachCell((c) => c.value !== null && expect(c.font?.name).toBe('Times New Roman')));
    });
  });
});

describe('STT columns of the long appendices', () => {
  // at width 5, "4.300" in 12 pt printed as "###" in the national Phụ lục V (seen in LibreOffice's PDF)
  it('widen once the last row number has a thousands separator, and only then', async () => {
    const base = makeReportModel();
    const small = await read(base);
    expect(small.getWorksheet('Phụ lục V (1)')!.getColumn(1).width).toBe(5);
    expect(small.getWorksheet('Phụ lục III')!.getColumn(1).width).toBe(6);
    const many = 4300;
    const line = base.status.units[0]!;
    const big = await read(
      makeReportModel({
        byUnit: Array.from({ length: many }, (_, i) => ({
          unitCode: `X${i}`,
          unitName: `Xã số ${i + 1}`,
          kind: 'xa' as const,
          values: [],
        })),
        status: {
          ...base.status,
          units: Array.from({ length: many }, (_, i) => ({ ...line, code: `X${i}`, name: `Xã số ${i + 1}` })),
        },
      }),
    );
    const v = big.getWorksheet('Phụ lục V (1)')!;
    expect(v.rowCount).toBeGreaterThan(many);
    expect(v.getColumn(1).width).toBe(7);
    expect(big.getWorksheet('Phụ lục III')!.getColumn(1).width).toBe(7);
  });
});
