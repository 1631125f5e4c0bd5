/**
 * A province's own form, written by hand with exceljs (not derived from the app's template), for the layouts
 * spec: a title naming the year, the unit in a header cell (A3), a two-row header ("Số liệu" over "Tổng số | Trong
 * đó: Nữ"), rows labelled in words with numbering and units in brackets, a yes/no row answered "x" and a
 * province-only row the catalogue has no element for.
 */
import ExcelJS from 'exceljs';

export interface FormRow {
  no: string;
  label: string;
  unit: string;
  /** Tổng số (or the single figure); "x" for a yes/no row */
  total: number | string | null;
  female: number | null;
}

/** the form's rows, with the figures of one unit (scaled by `base`) */
export function formRows(base: number): FormRow[] {
  return [
    {
      no: '1.',
      label: 'Số cuộc tuyên truyền, phổ biến pháp luật về BĐG',
      unit: 'cuộc',
      total: base / 10,
      female: null,
    },
    {
      no: '2.',
      label: 'Số lượt người tham dự tuyên truyền về bình đẳng giới',
      unit: 'lượt người',
      total: base,
      female: Math.round(base * 0.6),
    },
    {
      no: '3.',
      label: 'Số lớp tập huấn, bồi dưỡng về giới, lồng ghép giới',
      unit: 'lớp',
      total: base / 20,
      female: null,
    },
    {
      no: '4.',
      label: 'Trong đó: Số lượt người được tập huấn về giới (lượt người)',
      unit: 'lượt người',
      total: base / 2,
      female: Math.round(base * 0.3),
    },
    {
      no: '5.',
      label: 'Số CB/CC/VC, người lao động của đơn vị',
      unit: 'người',
      total: base * 2,
      female: base,
    },
    { no: '6.', label: 'Cán bộ phụ trách công tác VSTBPN', unit: 'người', total: 3, female: 2 },
    {
      no: '7.',
      label: 'Đơn vị có ban hành kế hoạch và triển khai Tháng hành động vì bình đẳng giới',
      unit: 'có/không',
      total: 'x',
      female: null,
    },
    { no: '8.', label: 'Đại biểu dân cử cấp tỉnh, cấp xã', unit: 'người', total: 40, female: 12 },
    { no: '9.', label: 'Nạn nhân được hỗ trợ', unit: 'người', total: 5, female: 4 },
    { no: '10.', label: 'Số câu lạc bộ dân vũ của tỉnh', unit: 'câu lạc bộ', total: 4, female: null },
  ];
}

/** The form for one unit (blank when `base` is null): the unit's name in B3, the table from row 5. */
export async function provinceForm(unitName: string | null, base: number | null, year = 2026): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Biểu số liệu');
  ws.getCell('A1').value = 'UBND TỈNH HOA BAN';
  ws.getCell('A2').value = `BIỂU SỐ LIỆU VỀ BÌNH ĐẲNG GIỚI NĂM ${year}`;
  ws.mergeCells('A2:E2');
  ws.getCell('A3').value = `Đơn vị báo cáo: ${unitName ?? '……………………'}`;
  ws.getRow(5).values = ['STT', 'Nội dung', 'Đơn vị tính', 'Số liệu', null];
  ws.mergeCells('D5:E5');
  ws.getRow(6).values = [null, null, null, 'Tổng số', 'Trong đó: Nữ'];
  ws.mergeCells('A5:A6');
  ws.mergeCells('B5:B6');
  ws.mergeCells('C5:C6');
  for (const [c, w] of [
    ['A', 6],
    ['B', 60],
    ['C', 12],
    ['D', 12],
    ['E', 12],
  ] as const)
    ws.getColumn(c).width = w;
  for (const r of formRows(base ?? 0)) {
    ws.addRow([r.no, r.label, r.unit, base === null ? null : r.total, base === null ? null : r.female]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
