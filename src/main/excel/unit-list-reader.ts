/**
 * Reads the officer's list of member units (.xlsx or .xls) as she keeps it: a title block above the header, STT,
 * headers in their usual variants ("Tên cơ quan, đơn vị", "Người đầu mối", "Khối"…) ignoring diacritics, case,
 * line breaks and merged cells, two-row headers ("Người đầu mối" over "Họ tên | Chức vụ | Điện thoại"), no code
 * column, the 2025 mergers ("Sáp nhập vào", "Hết hiệu lực"). Columns the app does not know are kept as notes.
 * When the name column is not recognised the caller gets the columns with their first values, to ask which is
 * which (the `columns` argument then says it: letter → field).
 */
import { UNIT_FIELD_LABEL, type UnitColumnRole, type UnitListField } from '../../shared/contract/units';
import type { UnitKind } from '../../shared/domain/catalog';
import { AppError } from '../../shared/result';
import { normalizeUnitCode } from '../../shared/text/unit-code';
import { cleanText, parseViDate, searchKey } from '../../shared/text/vi';
import { cellText, loadGrid, type Grid, type GridSheet, type RawCell } from './grid';

export { UNIT_LIST_FIELDS, type UnitListField } from '../../shared/contract/units';
/** a column's role: a field, kept in the notes ('extra'), or ignored ('skip', e.g. STT) */
export type ColumnRole = UnitColumnRole;
export const FIELD_LABEL = UNIT_FIELD_LABEL;

export interface UnitListRow {
  /** spreadsheet row number (1-based) */
  row: number;
  /** normalised (shared/text/unit-code.ts); '' when the list has no code column or the cell is empty */
  code: string;
  name: string;
  kindLabel: string;
  kind: UnitKind | null;
  /** the kind was guessed from the name (no kind column or an empty cell) */
  kindInferred?: true;
  contact: string | null;
  position?: string | null;
  phone: string | null;
  email: string | null;
  address?: string | null;
  group: string | null;
  /** the "Ghi chú" cell and the columns the app does not know ("Header: value"), joined by "; " */
  note?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  /** names or codes of the successor units ("Sáp nhập vào") */
  successors?: string[];
  mergeDate?: string | null;
  /** set when a cell of the row held invisible format characters (bidi controls…) that were removed */
  invisible?: true;
}

export interface ColumnInfo {
  col: number;
  letter: string;
  /** the header as written (both rows of a two-row header) */
  header: string;
  role: ColumnRole;
  /** the first values below the header, to recognise the column */
  samples: string[];
}

export interface UnitListLayout {
  sheet: string;
  headerRow: number;
  /** the last header row (a two-row header ends one row lower) */
  headerEnd: number;
  columns: ColumnInfo[];
  /** needed columns that were not found (only 'name' is needed) */
  missing: UnitListField[];
}

export interface UnitList {
  rows: UnitListRow[];
  problems: Array<{ row: number; message: string }>;
  layout: UnitListLayout;
}

/** "B" ↔ 2 */
export const colLetter = (c: number): string => {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
export const colNumber = (letter: string): number | null => {
  const l = letter.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(l)) return null;
  return [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
};

/** A header's key: no diacritics, lower case, punctuation and line breaks as single spaces. */
export const headerKey = (s: string): string =>
  searchKey(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const HEADER_PATTERNS: Array<[ColumnRole, RegExp]> = [
  ['skip', /^(stt|tt|so tt|so thu tu|thu tu|trang thai)$/],
  ['code', /^(ma|ma don vi|ma dv|ma so|ma so don vi|ma co quan|ma co quan don vi|ma don vi co quan|ky hieu)$/],
  [
    'name',
    /^(ten|ten dv|ten don vi|don vi|co quan|co quan don vi|don vi co quan|ten co quan|ten co quan don vi|ten don vi co quan|ten to chuc|to chuc|ten don vi thanh vien|don vi thanh vien|thanh vien)$/,
  ],
  ['kind', /^(loai|loai don vi|loai hinh|loai hinh don vi|khoi|khoi don vi|phan loai|cap|cap don vi)$/],
  ['group', /^(nhom|nhom don vi|cum|cum thi dua|khoi thi dua)$/],
  ['position', /^(chuc vu|chuc danh|chuc vu nguoi dau moi|chuc vu can bo dau moi)$/],
  [
    'phone',
    /^(dien thoai|so dien thoai|dt|sdt|so dt|di dong|dt di dong|so di dong|dien thoai di dong|dien thoai lien he|dien thoai co quan)\b/,
  ],
  ['email', /^(email|e mail|mail|thu dien tu|dia chi email|dia chi e mail|dia chi thu dien tu|hop thu)\b/],
  ['address', /^(dia chi|dia chi tru so|tru so|dia chi co quan)$/],
  ['note', /^(ghi chu|chu thich)\b/],
  // the first day the unit is no longer valid ("hết hiệu lực từ ngày 01/01/2026" = valid to 31/12/2025)
  [
    'mergeDate',
    /^(ngay sap nhap|ngay hop nhat|ngay chia tach|ngay ke thua|sap nhap tu ngay|tu ngay sap nhap|het hieu luc tu|het hieu luc tu ngay|ngung hoat dong tu ngay)$/,
  ],
  [
    'validFrom',
    /^(hieu luc tu|hieu luc tu ngay|co hieu luc tu|co hieu luc tu ngay|ngay hieu luc|ngay thanh lap|thanh lap|ngay bat dau|hieu luc tu ngay tu ngay)$/,
  ],
  [
    'validTo',
    /^(het hieu luc|het hieu luc ngay|ngay het hieu luc|hieu luc den|hieu luc den ngay|ngay giai the|giai the|ngay cham dut|ngay ket thuc)$/,
  ],
  [
    'successor',
    /^(sap nhap vao|sap nhap vao don vi|don vi ke thua|ke thua|don vi sap nhap vao|hop nhat vao|hop nhat thanh|sap nhap thanh|don vi moi|don vi tiep nhan|chuyen thanh)$/,
  ],
  [
    'contact',
    /^(nguoi dau moi|can bo dau moi|dau moi|nguoi lien he|lien he|ho ten|ho va ten|nguoi phu trach|can bo phu trach|ho ten nguoi dau moi|ho va ten nguoi dau moi|ho ten can bo dau moi|ho va ten can bo dau moi|nguoi lien lac|can bo lien he)$/,
  ],
];

/** The role a header names, or null. A two-row header tries the whole, then the lower row, then the upper. */
export function roleOfHeader(...parts: string[]): ColumnRole | null {
  const keys = parts.length > 1 ? [parts.join(' '), ...[...parts].reverse()] : parts;
  for (const raw of keys) {
    const k = headerKey(raw);
    if (!k) continue;
    for (const [role, re] of HEADER_PATTERNS) if (re.test(k)) return role;
  }
  return null;
}

/** A cell's text, '' when blank. */
const textOf = (c: RawCell): string => cleanText(cellText(c) ?? '');

/** Maps a kind written by a person to a unit kind; null when it cannot be recognised. */
export function unitKindFromLabel(label: string): UnitKind | null {
  const k = searchKey(label).replace(/[.;]/g, '');
  if (!k) return null;
  if (['so_nganh', 'doan_the', 'xa', 'khac'].includes(k)) return k as UnitKind;
  if (/^(so|ban|nganh|co quan|khoi so|khoi nganh|khoi co quan|khoi chinh quyen)\b/.test(k) || k.includes('so, ban'))
    return 'so_nganh';
  if (
    /^(doan the|khoi doan the|khoi mat tran|to chuc chinh tri|uy ban mttq|mttq|mat tran|hoi\b|lien doan|tinh doan|doan thanh nien)/.test(
      k,
    )
  ) {
    return 'doan_the';
  }
  if (/^(ubnd xa|ubnd phuong|ubnd dac khu|xa|phuong|dac khu|thi tran|cap xa|khoi xa|dia phuong|ubnd cap xa)\b/.test(k))
    return 'xa';
  if (/^khac\b|^don vi khac/.test(k)) return 'khac';
  return null;
}

/** Infers the kind from the unit's name (no kind column, or an empty cell); null when the name says nothing. */
export function unitKindFromName(name: string): UnitKind | null {
  const k = searchKey(name).replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
  if (
    /^((ubnd|uy ban nhan dan) )?(xa|phuong|dac khu|thi tran)\b/.test(k) ||
    /^(ubnd|uy ban nhan dan) (xa|phuong|dac khu)\b/.test(k)
  ) {
    return 'xa';
  }
  if (
    /^(uy ban mttq|uy ban mat tran|mttq|mat tran|hoi|doan|tinh doan|lien doan|lien hiep|doan thanh nien|thanh doan)\b/.test(
      k,
    )
  ) {
    return 'doan_the';
  }
  if (
    /^(so|ban|van phong|thanh tra|cong an|bo chi huy|bo doi bien phong|thong ke|chi cuc thong ke|bao|dai|kho bac|bao hiem xa hoi|thue|cuc thue|toa an|vien kiem sat|ngan hang|truong|dai hoc|benh vien|trung tam|uy ban nhan dan tinh|ubnd tinh)\b/.test(
      k,
    )
  ) {
    return 'so_nganh';
  }
  return null;
}

interface Header {
  row: number;
  end: number;
  /** header text per column (both rows) */
  texts: Map<number, string[]>;
}

/** Header text of one cell: a merged cell's text counts once, for every column it spans (horizontally). */
function headerCellText(sheet: GridSheet, r: number, c: number): string {
  const from = sheet.mergedFrom(r, c);
  if (from && from[0] !== r) return ''; // below a vertical merge: the upper row already holds it
  return textOf(sheet.get(r, c));
}

function rowTexts(sheet: GridSheet, r: number): Map<number, string> {
  const m = new Map<number, string>();
  for (let c = 1; c <= sheet.colCount; c++) {
    const t = headerCellText(sheet, r, c);
    if (t) m.set(c, t);
  }
  return m;
}

/** How many distinct fields a header row (with the row below, when it is a second header row) names. */
function scoreHeader(sheet: GridSheet, r: number): Header & { score: number; named: Set<ColumnRole> } {
  const top = rowTexts(sheet, r);
  const below = rowTexts(sheet, r + 1);
  const named = new Set<ColumnRole>();
  const texts = new Map<number, string[]>();
  // a second header row: the row below names fields, and the upper row has a horizontal merge over it
  let twoRows = false;
  for (let c = 1; c <= sheet.colCount; c++) {
    const m = sheet.mergeOf(r, c);
    if (m && m[0] === r && m[3] > m[1] && below.has(c) && roleOfHeader(top.get(c) ?? '', below.get(c)!)) twoRows = true;
  }
  for (let c = 1; c <= sheet.colCount; c++) {
    const parts = [top.get(c) ?? ''];
    if (twoRows && below.has(c)) parts.push(below.get(c)!);
    const ps = parts.filter(Boolean);
    if (!ps.length) continue;
    texts.set(c, ps);
    const role = roleOfHeader(...ps);
    if (role && role !== 'skip' && role !== 'extra') named.add(role);
  }
  return { row: r, end: twoRows ? r + 1 : r, texts, score: named.size, named };
}

function findHeader(sheet: GridSheet): Header | null {
  const maxRow = Math.min(sheet.rowCount, 40);
  let best: (Header & { score: number; named: Set<ColumnRole> }) | null = null;
  for (let r = 1; r <= maxRow; r++) {
    const h = scoreHeader(sheet, r);
    const withName = h.named.has('name') ? 1 : 0;
    const bestWithName = best?.named.has('name') ? 1 : 0;
    if (h.score > 0 && (!best || withName > bestWithName || (withName === bestWithName && h.score > best.score)))
      best = h;
  }
  if (best && (best.score >= 2 || best.named.has('name'))) return best;
  // nothing recognised: the first row of several texts with something below it (the officer says which is which)
  for (let r = 1; r <= maxRow; r++) {
    const t = rowTexts(sheet, r);
    if (t.size >= 2 && rowTexts(sheet, r + 1).size >= 1) {
      return { row: r, end: r, texts: new Map([...t].map(([c, s]) => [c, [s]])) };
    }
  }
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Phone numbers as text; a leading 0 lost when Excel stored the number is put back for 9-digit numbers. */
function phoneText(c: RawCell): string | null {
  if (c.kind === 'number') {
    const s = String(Math.round(c.value));
    return s.length === 9 ? `0${s}` : s;
  }
  const t = textOf(c);
  return t || null;
}

/** A date cell (a real date, or dd/mm/yyyy typed as text); undefined when the text is not a date. */
function dateOf(c: RawCell): string | null | undefined {
  if (c.kind === 'blank') return null;
  if (c.kind === 'date') return c.value.slice(0, 10);
  const t = textOf(c);
  if (!t) return null;
  return parseViDate(t) ?? undefined;
}

const dayBefore = (iso: string): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
export const dayAfter = (iso: string): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Reads a unit list. `columns` (letter → role) overrides what the headers say. Throws AppError('bad_file') when
 * the file is not a readable workbook or has no table at all; a list whose name column is not recognised comes
 * back with `layout.missing` = ['name'] and no rows (the caller asks which column is which).
 */
export async function readUnitList(
  bytes: Uint8Array,
  fileName: string,
  columns: Record<string, ColumnRole> = {},
): Promise<UnitList> {
  return unitListFromGrid(await loadGrid(bytes, fileName), fileName, columns);
}

/** The unit list of a workbook already read (see readUnitList). */
export function unitListFromGrid(grid: Grid, fileName: string, columns: Record<string, ColumnRole> = {}): UnitList {
  const ordered = [
    ...grid.sheets.filter((s) => s.state === 'visible'),
    ...grid.sheets.filter((s) => s.state !== 'visible'),
  ];
  let sheet: GridSheet | null = null;
  let header: Header | null = null;
  for (const s of ordered) {
    const h = findHeader(s);
    if (h && (!header || (!rolesOf(header).has('name') && rolesOf(h).has('name')))) {
      sheet = s;
      header = h;
      if (rolesOf(h).has('name')) break;
    }
  }
  if (!sheet || !header) {
    throw new AppError(
      'bad_file',
      `Không tìm thấy bảng danh sách đơn vị trong tệp "${fileName}": không có dòng tiêu đề nào có từ hai cột trở lên. ` +
        'Danh sách cần ít nhất cột "Tên đơn vị" (có thể thêm "Mã đơn vị", "Loại đơn vị", "Người đầu mối", ' +
        '"Điện thoại", "Thư điện tử", "Ghi chú"). Hãy kiểm tra lại tệp rồi nhập lại.',
    );
  }
  const sh = sheet;
  const hd = header;

  // the role of each column: what the officer said, else what the header says, else kept as a note
  const explicit = new Map<number, ColumnRole>();
  for (const [letter, role] of Object.entries(columns)) {
    const c = colNumber(letter);
    if (c) explicit.set(c, role);
  }
  const explicitFields = new Set([...explicit.values()]);
  // a column named by the officer past the sheet's last one is empty: listed once (said so by the caller), not the
  // hundreds of empty columns before it
  const lastCol = Math.max(...hd.texts.keys(), ...[...explicit.keys()].filter((c) => c <= sh.colCount), 0);
  const infos: ColumnInfo[] = [];
  const taken = new Set<ColumnRole>();
  for (let c = 1; c <= lastCol; c++) {
    let parts = hd.texts.get(c) ?? [];
    // the second, third… column of a header merged across columns, with nothing below: not a column of its own
    const from = sh.mergedFrom(hd.row, c);
    if (from && from[0] === hd.row && parts.length === 1) parts = [];
    let role: ColumnRole | null = explicit.get(c) ?? null;
    if (!role) {
      const auto = parts.length ? roleOfHeader(...parts) : null;
      // a field the officer put on another column is not taken twice; a second column of one field is a note
      role =
        auto && auto !== 'extra' && (explicitFields.has(auto) || (auto !== 'skip' && taken.has(auto))) ? null : auto;
      if (!role) role = parts.length ? 'extra' : 'skip';
    }
    if (role !== 'skip' && role !== 'extra') taken.add(role);
    const samples: string[] = [];
    for (let r = hd.end + 1; r <= sh.rowCount && samples.length < 3; r++) {
      const t = textOf(sh.get(r, c));
      if (t) samples.push(t);
    }
    infos.push({ col: c, letter: colLetter(c), header: parts.join(' / '), role, samples });
  }
  // a "Nhóm" column holding kinds ("Sở, ban, ngành", "Đoàn thể"…) is the kind column when there is none
  if (!taken.has('kind')) {
    const g = infos.find((i) => i.role === 'group' && !explicit.has(i.col));
    if (g) {
      const vals: string[] = [];
      for (let r = hd.end + 1; r <= sh.rowCount; r++) {
        const t = textOf(sh.get(r, g.col));
        if (t) vals.push(t);
      }
      if (vals.length && vals.filter((v) => unitKindFromLabel(v)).length * 2 >= vals.length) {
        g.role = 'kind';
        taken.add('kind');
        taken.delete('group');
      }
    }
  }
  for (const [c, role] of explicit)
    if (c > lastCol) infos.push({ col: c, letter: colLetter(c), header: '', role, samples: [] });
  const colOf = new Map<UnitListField, number>();
  for (const i of infos) if (i.role !== 'skip' && i.role !== 'extra') colOf.set(i.role, i.col);
  const extras = infos.filter((i) => i.role === 'extra');
  const layout: UnitListLayout = {
    sheet: sh.name,
    headerRow: hd.row,
    headerEnd: hd.end,
    columns: infos,
    missing: colOf.has('name') ? [] : ['name'],
  };
  if (layout.missing.length) return { rows: [], problems: [], layout };

  const get = (r: number, f: UnitListField): RawCell => {
    const c = colOf.get(f);
    return c === undefined ? { kind: 'blank' } : sh.get(r, c);
  };
  const txt = (r: number, f: UnitListField): string => textOf(get(r, f));

  const rows: UnitListRow[] = [];
  const problems: Array<{ row: number; message: string }> = [];
  const seen = new Map<string, number>();
  const hasCode = colOf.has('code');
  for (let r = hd.end + 1; r <= sh.rowCount; r++) {
    const code = normalizeUnitCode(txt(r, 'code'));
    const name = txt(r, 'name');
    const kindLabel = txt(r, 'kind');
    const any = [...colOf.keys()].some((f) => txt(r, f)) || extras.some((e) => textOf(sh.get(r, e.col)));
    if (!any) continue; // blank line
    if (!name) {
      // a sub-title line inside the table ("I. KHỐI SỞ, BAN, NGÀNH") or a total line: skipped, said
      if (!code && !kindLabel) continue;
      problems.push({
        row: r,
        message: `Dòng ${r}${code ? ` (mã "${code}")` : ''}: thiếu tên đơn vị. Hãy ghi tên đơn vị.`,
      });
      continue;
    }
    const dupKey = code || `#${headerKey(name)}`;
    if (seen.has(dupKey)) {
      problems.push({
        row: r,
        message: code
          ? `Dòng ${r}: mã đơn vị "${code}" trùng với dòng ${seen.get(dupKey)}. Mỗi đơn vị cần một mã riêng.`
          : `Dòng ${r}: tên "${name}" trùng với dòng ${seen.get(dupKey)}. Mỗi đơn vị chỉ ghi một lần.`,
      });
      continue;
    }
    seen.set(dupKey, r);
    if (hasCode && code && !/^[\p{L}\p{N}_.-]+$/u.test(code)) {
      problems.push({
        row: r,
        message: `Dòng ${r} ("${name}"): mã "${code}" có ký tự không dùng được. Mã chỉ gồm chữ, số, dấu gạch, dấu chấm.`,
      });
    }
    const kind: UnitKind | null = kindLabel ? unitKindFromLabel(kindLabel) : unitKindFromName(name);
    const kindInferred = !kindLabel && kind !== null;
    if (kindLabel && kind === null) {
      problems.push({
        row: r,
        message:
          `Dòng ${r} ("${name}"): không hiểu loại đơn vị "${kindLabel}". Hãy chọn loại ở cột "Loại" hoặc ghi một ` +
          'trong: "Sở, ban, ngành", "Đoàn thể", "UBND xã, phường", "Khác".',
      });
    }
    // no kind written and none guessed: the import asks (or keeps the kind of the unit the row matched)
    const email = txt(r, 'email') || null;
    if (email && !EMAIL.test(email)) {
      problems.push({
        row: r,
        message: `Dòng ${r} ("${name}"): địa chỉ thư điện tử (e-mail) "${email}" không hợp lệ. Hãy kiểm tra lại.`,
      });
    }
    const dates: Partial<Record<'validFrom' | 'validTo' | 'mergeDate', string | null>> = {};
    for (const f of ['validFrom', 'validTo', 'mergeDate'] as const) {
      const d = dateOf(get(r, f));
      if (d === undefined) {
        problems.push({
          row: r,
          message: `Dòng ${r} ("${name}"): cột "${FIELD_LABEL[f]}" ghi "${txt(r, f)}", không phải một ngày. Hãy ghi dạng dd/mm/yyyy.`,
        });
      } else dates[f] = d;
    }
    const successorText = txt(r, 'successor');
    const successors = successorText
      ? successorText
          .split(/\s*[;\n]\s*/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    let validTo = dates.validTo ?? null;
    const mergeDate = dates.mergeDate ?? (successors.length && validTo ? dayAfter(validTo) : null);
    if (mergeDate && !validTo) validTo = dayBefore(mergeDate);
    if (successors.length && !mergeDate) {
      problems.push({
        row: r,
        message:
          `Dòng ${r} ("${name}"): ghi sáp nhập vào "${successorText}" nhưng chưa có ngày. Hãy ghi ngày hết hiệu lực ` +
          'hoặc ngày sáp nhập để biết từ kỳ nào đơn vị kế thừa báo cáo thay.',
      });
    }
    if (dates.validFrom && validTo && dates.validFrom > validTo) {
      problems.push({
        row: r,
        message: `Dòng ${r} ("${name}"): ngày hiệu lực từ sau ngày hết hiệu lực. Hãy kiểm tra lại hai ngày này.`,
      });
    }
    const noteParts = [txt(r, 'note')];
    for (const e of extras) {
      const v = textOf(sh.get(r, e.col));
      if (v) noteParts.push(`${e.header || `Cột ${e.letter}`}: ${v}`);
    }
    const note = noteParts.filter(Boolean).join('; ') || null;
    const invisible = [...colOf.values()].some((c) => {
      const cell = sh.get(r, c);
      return cell.kind === 'text' && cell.invisible === true;
    });
    rows.push({
      row: r,
      code,
      name,
      kindLabel,
      kind,
      ...(kindInferred ? { kindInferred: true as const } : {}),
      contact: txt(r, 'contact') || null,
      position: txt(r, 'position') || null,
      phone: phoneText(get(r, 'phone')),
      email,
      address: txt(r, 'address') || null,
      group: txt(r, 'group') || null,
      note,
      validFrom: dates.validFrom ?? null,
      validTo,
      successors,
      mergeDate,
      ...(invisible ? { invisible: true as const } : {}),
    });
  }
  return { rows, problems, layout };
}

function rolesOf(h: Header): Set<ColumnRole> {
  const s = new Set<ColumnRole>();
  for (const parts of h.texts.values()) {
    const r = roleOfHeader(...parts);
    if (r) s.add(r);
  }
  return s;
}
