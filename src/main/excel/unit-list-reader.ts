/**
 * Reads the officer's list of member units (.xlsx or .xls): title rows above the header are normal, columns are
 * found by their names ignoring case and diacritics, unit kinds are written naturally ("Sở, ban, ngành", "Đoàn thể",
 * "UBND xã, phường"…) or inferred from the unit's name.
 */
import type { UnitKind } from '../../shared/domain/catalog';
import { AppError } from '../../shared/result';
import { cleanText, searchKey } from '../../shared/text/vi';
import { cellText, loadGrid, type GridSheet, type RawCell } from './grid';

export interface UnitListRow {
  /** spreadsheet row number (1-based) */
  row: number;
  code: string;
  name: string;
  kindLabel: string;
  kind: UnitKind | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  group: string | null;
  /** set when a cell of the row held invisible format characters (bidi controls…) that were removed */
  invisible?: true;
}

export interface UnitList {
  rows: UnitListRow[];
  problems: Array<{ row: number; message: string }>;
}

type Field = 'code' | 'name' | 'kind' | 'contact' | 'phone' | 'email' | 'group' | 'note';

const HEADER_NAMES: Record<Field, string[]> = {
  code: ['ma don vi', 'ma dv', 'ma'],
  name: ['ten don vi', 'ten dv', 'don vi', 'ten'],
  kind: ['loai don vi', 'loai', 'loai hinh', 'khoi'],
  contact: ['nguoi lien he', 'can bo dau moi', 'dau moi', 'nguoi phu trach', 'lien he'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'so dt'],
  email: ['email', 'e-mail', 'thu dien tu', 'dia chi email', 'mail'],
  group: ['nhom', 'nhom don vi'],
  note: ['ghi chu'],
};

/** A cell's text, '' when blank. */
const textOf = (c: RawCell): string => cellText(c) ?? '';

/** Maps a kind written by a person to a unit kind; null when it cannot be recognised. */
export function unitKindFromLabel(label: string): UnitKind | null {
  const k = searchKey(label).replace(/[.;]/g, '');
  if (!k) return null;
  if (['so_nganh', 'doan_the', 'xa', 'khac'].includes(k)) return k as UnitKind;
  if (/^(so|ban|nganh|co quan)\b/.test(k) || k.includes('so, ban') || k.includes('so ban nganh')) return 'so_nganh';
  if (/^(doan the|to chuc chinh tri|uy ban mttq|mttq|mat tran|hoi\b|lien doan|tinh doan|doan thanh nien)/.test(k)) {
    return 'doan_the';
  }
  if (/^(ubnd xa|ubnd phuong|ubnd dac khu|xa|phuong|dac khu|thi tran|cap xa|dia phuong)\b/.test(k)) return 'xa';
  if (/^khac\b|^don vi khac/.test(k)) return 'khac';
  return null;
}

/** Infers the kind from the unit's name when the kind cell is empty. */
export function unitKindFromName(name: string): UnitKind | null {
  const k = searchKey(name);
  if (/^so\b/.test(k)) return 'so_nganh';
  if (/^(phuong|xa|dac khu|thi tran|ubnd xa|ubnd phuong|ubnd dac khu|uy ban nhan dan (xa|phuong|dac khu))\b/.test(k)) {
    return 'xa';
  }
  if (/^(hoi|uy ban mttq|uy ban mat tran|lien doan lao dong|tinh doan|doan thanh nien)\b/.test(k)) return 'doan_the';
  return null;
}

function findHeader(sheet: GridSheet): { row: number; cols: Partial<Record<Field, number>> } | null {
  const maxRow = Math.min(sheet.rowCount, 50);
  for (let r = 1; r <= maxRow; r++) {
    const cols: Partial<Record<Field, number>> = {};
    for (let c = 1; c <= sheet.colCount; c++) {
      if (sheet.mergedFrom(r, c)) continue;
      const k = searchKey(textOf(sheet.get(r, c)))
        .replace(/[:*]+$/, '')
        .trim();
      if (!k) continue;
      for (const f of Object.keys(HEADER_NAMES) as Field[]) {
        if (cols[f] === undefined && HEADER_NAMES[f].includes(k)) {
          cols[f] = c;
          break;
        }
      }
    }
    if (cols.code !== undefined && cols.name !== undefined) return { row: r, cols };
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
  const t = cleanText(textOf(c));
  return t || null;
}

const FIELDS_WITH_TEXT: Field[] = ['code', 'name', 'kind', 'contact', 'email', 'group'];

/** Reads a unit list. Throws AppError('bad_file') when the file is not a readable workbook or has no header. */
export async function readUnitList(bytes: Uint8Array, fileName: string): Promise<UnitList> {
  const grid = await loadGrid(bytes, fileName);
  const ordered = [
    ...grid.sheets.filter((s) => s.state === 'visible'),
    ...grid.sheets.filter((s) => s.state !== 'visible'),
  ];
  let sheet: GridSheet | null = null;
  let header: ReturnType<typeof findHeader> = null;
  for (const s of ordered) {
    header = findHeader(s);
    if (header) {
      sheet = s;
      break;
    }
  }
  if (!sheet || !header) {
    throw new AppError(
      'bad_file',
      `Không tìm thấy dòng tiêu đề của danh sách đơn vị trong tệp "${fileName}". Danh sách cần có ít nhất hai cột ` +
        '"Mã đơn vị" và "Tên đơn vị" (có thể thêm "Loại đơn vị", "Người liên hệ", "Điện thoại", "Email", "Nhóm"). ' +
        'Hãy sửa tiêu đề cột rồi nhập lại.',
    );
  }
  const { cols } = header;
  const get = (r: number, f: Field): RawCell => (cols[f] === undefined ? { kind: 'blank' } : sheet.get(r, cols[f]));
  const txt = (r: number, f: Field): string => cleanText(textOf(get(r, f)));

  const rows: UnitListRow[] = [];
  const problems: Array<{ row: number; message: string }> = [];
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const code = txt(r, 'code');
    const name = txt(r, 'name');
    const kindLabel = txt(r, 'kind');
    const contact = txt(r, 'contact') || null;
    const phone = phoneText(get(r, 'phone'));
    const email = txt(r, 'email') || null;
    const group = txt(r, 'group') || null;
    if (!code && !name && !kindLabel && !contact && !phone && !email) continue; // blank line
    if (!code && !name) {
      problems.push({ row: r, message: `Dòng ${r}: thiếu cả mã đơn vị và tên đơn vị; dòng này bị bỏ qua.` });
      continue;
    }
    if (!code) {
      problems.push({ row: r, message: `Dòng ${r} ("${name}"): thiếu mã đơn vị. Hãy ghi mã đơn vị (ví dụ LCA-S01).` });
      continue;
    }
    if (!name) {
      problems.push({ row: r, message: `Dòng ${r} (mã "${code}"): thiếu tên đơn vị. Hãy ghi tên đơn vị.` });
      continue;
    }
    if (seen.has(code.toUpperCase())) {
      problems.push({
        row: r,
        message: `Dòng ${r}: mã đơn vị "${code}" trùng với dòng ${seen.get(code.toUpperCase())}. Mỗi đơn vị cần một mã riêng.`,
      });
      continue;
    }
    seen.set(code.toUpperCase(), r);
    let kind = kindLabel ? unitKindFromLabel(kindLabel) : unitKindFromName(name);
    if (kindLabel && kind === null) {
      problems.push({
        row: r,
        message:
          `Dòng ${r} ("${name}"): không hiểu loại đơn vị "${kindLabel}". Hãy ghi một trong: "Sở, ban, ngành", ` +
          '"Đoàn thể", "UBND xã, phường", "Khác".',
      });
    } else if (!kindLabel && kind === null) {
      problems.push({
        row: r,
        message:
          `Dòng ${r} ("${name}"): chưa ghi loại đơn vị và không đoán được từ tên. Hãy ghi loại đơn vị ` +
          '("Sở, ban, ngành", "Đoàn thể", "UBND xã, phường" hoặc "Khác").',
      });
      kind = null;
    }
    if (email && !EMAIL.test(email)) {
      problems.push({
        row: r,
        message: `Dòng ${r} ("${name}"): địa chỉ e-mail "${email}" không hợp lệ. Hãy kiểm tra lại.`,
      });
    }
    const invisible = FIELDS_WITH_TEXT.some((f) => {
      const c = get(r, f);
      return c.kind === 'text' && c.invisible === true;
    });
    rows.push({
      row: r,
      code,
      name,
      kindLabel,
      kind,
      contact,
      phone,
      email,
      group,
      ...(invisible ? { invisible } : {}),
    });
  }
  return { rows, problems };
}
