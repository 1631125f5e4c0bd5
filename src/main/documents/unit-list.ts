/**
 * The unit register out of the app: an .xlsx with the very headers the list import recognises (so it can be
 * edited in Excel and imported back), the same list to print (A4, NĐ 30 header, like print-html.ts), and the
 * sample list the import dialog offers. Pure: the service passes the units and the settings in.
 */
import ExcelJS from 'exceljs';
import type { UnitKind } from '../../shared/domain/catalog';
import { UNIT_KIND_HEADING, UNIT_KIND_LABEL } from '../../shared/text/labels';
import { endedFrom } from '../../shared/rules/unit-validity';
import { formatDate } from '../../shared/text/vi';
import { CSP, DOC_CSS, docHeaderHtml, esc } from './html';
import { cleanForDocument, placeDateLine } from './model';
import { quoteIfFormulaLike } from './quote-prefix';

export interface UnitListEntry {
  code: string;
  name: string;
  kind: UnitKind;
  group: string | null;
  contact: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  note: string | null;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  /** names of the units that replaced this one */
  successors: string[];
}

export interface UnitListHeader {
  agencyParent: string;
  agencyName: string;
  placeName: string;
  today: string;
}

const FONT = 'Times New Roman';

/** the columns, in order, with the header the import recognises and a width in characters */
const COLUMNS: Array<{ header: string; width: number; value: (u: UnitListEntry, i: number) => string | number }> = [
  { header: 'STT', width: 5, value: (_, i) => i + 1 },
  { header: 'Mã đơn vị', width: 12, value: (u) => u.code },
  { header: 'Tên đơn vị', width: 36, value: (u) => u.name },
  { header: 'Loại đơn vị', width: 18, value: (u) => UNIT_KIND_LABEL[u.kind] },
  { header: 'Người đầu mối', width: 22, value: (u) => u.contact ?? '' },
  { header: 'Chức vụ', width: 16, value: (u) => u.position ?? '' },
  { header: 'Điện thoại', width: 14, value: (u) => u.phone ?? '' },
  { header: 'Thư điện tử', width: 26, value: (u) => u.email ?? '' },
  { header: 'Địa chỉ', width: 28, value: (u) => u.address ?? '' },
  { header: 'Hiệu lực từ ngày', width: 12, value: (u) => formatDate(u.validFrom) },
  { header: 'Hiệu lực đến ngày', width: 12, value: (u) => formatDate(u.validTo) },
  { header: 'Sáp nhập vào', width: 24, value: (u) => u.successors.join('; ') },
  { header: 'Nhóm', width: 14, value: (u) => u.group ?? '' },
  { header: 'Ghi chú', width: 30, value: (u) => u.note ?? '' },
];

async function listWorkbook(
  units: UnitListEntry[],
  lines: { top: string[]; title: string; sub: string },
  sheetName: string,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Báo cáo BĐG';
  const ws = wb.addWorksheet(sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.79, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
  });
  const n = COLUMNS.length;
  let r = 1;
  const line = (text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(r, 1, r, n);
    const c = ws.getCell(r, 1);
    c.value = cleanForDocument(text);
    c.font = { name: FONT, size: 13, ...font };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    r++;
  };
  for (const t of lines.top) line(t, { bold: true });
  line(lines.title, { bold: true, size: 14 });
  if (lines.sub) line(lines.sub, { italic: true });
  r++;
  const headerRow = ws.getRow(r);
  COLUMNS.forEach((col, i) => {
    const c = headerRow.getCell(i + 1);
    c.value = col.header;
    c.font = { name: FONT, size: 12, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    ws.getColumn(i + 1).width = col.width;
  });
  ws.views = [{ state: 'frozen', ySplit: r }];
  ws.pageSetup.printTitlesRow = `${r}:${r}`;
  units.forEach((u, i) => {
    const row = ws.getRow(r + 1 + i);
    COLUMNS.forEach((col, j) => {
      const c = row.getCell(j + 1);
      const v = col.value(u, i);
      if (typeof v === 'string') {
        const s = cleanForDocument(v);
        c.value = s;
        quoteIfFormulaLike(c, s);
      } else c.value = v;
      c.font = { name: FONT, size: 12 };
      c.alignment = { vertical: 'top', wrapText: true, ...(j === 0 ? { horizontal: 'center' } : {}) };
      c.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  });
  ws.autoFilter = { from: { row: r, column: 1 }, to: { row: r + units.length, column: n } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The register as .xlsx (title block, then the table the import reads back). */
export function unitListWorkbook(units: UnitListEntry[], h: UnitListHeader): Promise<Uint8Array> {
  return listWorkbook(
    units,
    {
      top: [h.agencyParent, h.agencyName].filter((s) => s.trim()).map((s) => s.toLocaleUpperCase('vi')),
      title: 'DANH SÁCH ĐƠN VỊ THÀNH VIÊN',
      sub: `(Cập nhật đến ngày ${formatDate(h.today)})`,
    },
    'Danh sách đơn vị',
  );
}

/** A few example rows: one of each kind, a merged commune with its successor, a column kept as notes. */
export const SAMPLE_UNITS: UnitListEntry[] = [
  {
    code: 'S01',
    name: 'Sở Nội vụ',
    kind: 'so_nganh',
    group: null,
    contact: 'Nguyễn Thị Hoa',
    position: 'Phó Giám đốc',
    phone: '0912345678',
    email: 'snv@example.gov.vn',
    address: 'Số 1 đường Trần Phú',
    note: 'Cơ quan thường trực của Ban',
    validFrom: null,
    validTo: null,
    active: true,
    successors: [],
  },
  {
    code: 'D01',
    name: 'Hội Liên hiệp Phụ nữ tỉnh',
    kind: 'doan_the',
    group: null,
    contact: 'Trần Thị Lan',
    position: 'Chủ tịch',
    phone: '0987654321',
    email: 'hlhpn@example.org.vn',
    address: null,
    note: null,
    validFrom: null,
    validTo: null,
    active: true,
    successors: [],
  },
  {
    code: 'X001',
    name: 'UBND phường Bắc Sơn',
    kind: 'xa',
    group: null,
    contact: 'Lê Văn Nam',
    position: 'Công chức Văn hóa - Xã hội',
    phone: '0203840111',
    email: 'bacson@example.gov.vn',
    address: null,
    note: null,
    validFrom: '2025-07-01',
    validTo: null,
    active: true,
    successors: [],
  },
  {
    code: 'X002',
    name: 'UBND xã Hòa Bình',
    kind: 'xa',
    group: null,
    contact: null,
    position: null,
    phone: null,
    email: null,
    address: null,
    note: 'Sáp nhập theo Nghị quyết của UBTVQH năm 2025',
    validFrom: null,
    validTo: '2025-06-30',
    active: false,
    successors: ['UBND phường Bắc Sơn'],
  },
];

/** The sample list offered by the import dialog. */
export function sampleUnitListWorkbook(): Promise<Uint8Array> {
  return listWorkbook(
    SAMPLE_UNITS,
    {
      top: [],
      title: 'DANH SÁCH ĐƠN VỊ THÀNH VIÊN (MẪU)',
      sub: 'Bắt buộc: Tên đơn vị. Không có mã thì ứng dụng tự tạo; không có loại thì đoán theo tên. Xóa các dòng ví dụ trước khi nhập.',
    },
    'Danh sách đơn vị',
  );
}

const CSS = `${DOC_CSS}
h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 18pt 0 2pt; }
.sub { text-align: center; font-style: italic; margin-bottom: 10pt; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 11pt; line-height: 1.2; word-wrap: break-word; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; vertical-align: middle; }
table.data thead { display: table-header-group; }
table.data tr { page-break-inside: avoid; break-inside: avoid; }
table.data td.c { text-align: center; }
table.data tr.group td { font-weight: bold; }
.ended { font-style: italic; }
`;

/** The register to print: NĐ 30 header, title, then one table grouped by kind (A4 portrait). */
export function unitListHtml(units: UnitListEntry[], h: UnitListHeader): { title: string; html: string } {
  const kinds: UnitKind[] = ['so_nganh', 'doan_the', 'xa', 'khac'];
  let body = '';
  let roman = 0;
  const ROMAN = ['I', 'II', 'III', 'IV'];
  for (const k of kinds) {
    const list = units.filter((u) => u.kind === k);
    if (!list.length) continue;
    body += `<tr class="group"><td class="c">${ROMAN[roman++]}</td><td colspan="4">${esc(UNIT_KIND_HEADING[k])} (${list.length})</td></tr>`;
    list.forEach((u, i) => {
      const contact = [u.contact, u.position].filter(Boolean).join(', ');
      const reach = [u.phone, u.email].filter(Boolean).join('<br>');
      const state = u.active
        ? ''
        : `<div class="ended">${esc(
            u.validTo
              ? `Hết hiệu lực từ ${formatDate(endedFrom(u.validTo))}${u.successors.length ? `; sáp nhập vào ${u.successors.join(', ')}` : ''}`
              : 'Ngừng theo dõi',
          )}</div>`;
      body += `<tr><td class="c">${i + 1}</td><td class="c">${esc(u.code)}</td><td>${esc(u.name)}${state}</td><td>${esc(
        contact,
      )}</td><td>${reach
        .split('<br>')
        .map((x) => esc(x))
        .join('<br>')}</td></tr>`;
    });
  }
  const title = 'Danh sách đơn vị thành viên';
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<title>${esc(title)}</title>
<style>${CSS}</style></head>
<body>
${docHeaderHtml({
  agencyParent: h.agencyParent,
  agencyName: h.agencyName,
  numberLine: '',
  dateLine: placeDateLine(h.placeName, h.today),
})}
<h1>DANH SÁCH ĐƠN VỊ THÀNH VIÊN</h1>
<div class="sub">(Tổng số: ${units.length} đơn vị)</div>
<table class="data"><thead><tr><th style="width:7%">STT</th><th style="width:12%">Mã</th><th>Tên đơn vị</th><th style="width:24%">Người đầu mối</th><th style="width:24%">Điện thoại, thư điện tử</th></tr></thead>
<tbody>${body}</tbody></table>
</body></html>`;
  return { title, html };
}
