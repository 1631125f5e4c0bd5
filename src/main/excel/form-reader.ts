/**
 * Reads a filled reporting form back into typed values. Identity comes from the hidden _meta sheet, or from the
 * visible header lines when a tool dropped it. The table is found by its header labels (ignoring case and
 * diacritics), columns by label and rows by "Mã số", so moved columns and re-ordered rows still read correctly.
 * Only type problems are reported here; catalogue validation rules (nữ ≤ tổng số…) belong to another module.
 */
import type { CellKey, DataElement } from '../../shared/domain/catalog';
import { CELL_KEYS } from '../../shared/domain/catalog';
import type { Finding, StoredValue } from '../../shared/domain/records';
import { cleanText, parseViNumber, searchKey } from '../../shared/text/vi';
import { FIXED_HEADERS, FORM_SHEET, META_SHEET } from './form-layout';
import { normCode, readIdentity, type FormIdentity } from './form-identity';
import { toValue, type Where } from './form-values';
import { cellText, loadGrid, type Grid, type GridSheet, type LoadGridOptions } from './grid';

export interface ParsedForm {
  format: 'xlsx' | 'xls';
  identity: FormIdentity;
  /** element code → row number in the sheet */
  rowsSeen: Record<string, number>;
  /** typed values; blank cells absent; 'na' for KAD / Không áp dụng / N/A */
  values: StoredValue[];
  /** type and structure problems found while reading */
  findings: Finding[];
}

export interface FormCatalog {
  dataElements: DataElement[];
  cellLabels: Record<CellKey, string>;
}

export interface ReadFormOptions {
  /** rows the form should contain (used for MISSING_ROW when the file has no _meta sheet) */
  expectedRows?: string[];
  /** which workbook reader (grid.ts); 'fast' throws FastGridUnsupported where the fast reader is not sure */
  reader?: LoadGridOptions['reader'];
}

interface HeaderInfo {
  row: number;
  codeCol: number;
  nameCol: number | null;
  cols: Partial<Record<CellKey, number>>;
}

/** Finds the table header: a row with a "Mã số" cell and at least one value-column label. */
function findHeader(sheet: GridSheet, cellLabels: Record<CellKey, string>): HeaderInfo | null {
  const codeKey = searchKey(FIXED_HEADERS.code);
  const nameKey = searchKey(FIXED_HEADERS.name);
  const labelKeys = new Map<string, CellKey>();
  for (const k of CELL_KEYS) if (cellLabels[k]) labelKeys.set(searchKey(cellLabels[k]), k);
  const maxRow = Math.min(sheet.rowCount, 200);
  for (let r = 1; r <= maxRow; r++) {
    let codeCol = 0;
    let nameCol: number | null = null;
    const cols: Partial<Record<CellKey, number>> = {};
    for (let c = 1; c <= sheet.colCount; c++) {
      if (sheet.mergedFrom(r, c)) continue;
      const t = cellText(sheet.get(r, c));
      if (!t) continue;
      const k = searchKey(t)
        .replace(/[:.*]+$/, '')
        .trim();
      if (k === codeKey || k === 'ma' || k === 'ma chi tieu') codeCol ||= c;
      else if (k === nameKey || k === 'ten chi tieu' || k === 'noi dung') nameCol ??= c;
      else {
        const key = labelKeys.get(k);
        if (key && cols[key] === undefined) cols[key] = c;
      }
    }
    if (codeCol && Object.keys(cols).length > 0) return { row: r, codeCol, nameCol, cols };
  }
  return null;
}

const looksLikeCode = (s: string): boolean => /^[A-Za-z][A-Za-z0-9_.-]{1,39}$/.test(s.replace(/\s+/g, ''));

/** Reads a filled form. Throws AppError('bad_file') only when the file itself cannot be opened. */
export async function readForm(
  bytes: Uint8Array,
  fileName: string,
  catalog: FormCatalog,
  options: ReadFormOptions = {},
): Promise<ParsedForm> {
  const grid = await loadGrid(bytes, fileName, options.reader ? { reader: options.reader } : {});
  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET || searchKey(s.name) === META_SHEET) ?? null;
  const table = findTable(grid, metaSheet, catalog.cellLabels);
  const identity = readIdentity(grid, metaSheet, table && { sheet: table.sheet, headerRow: table.header.row });
  if (!table) {
    return { format: grid.format, identity, rowsSeen: {}, values: [], findings: [noHeader(fileName, catalog)] };
  }
  const label = (k: CellKey): string => catalog.cellLabels[k];
  const rd: Reading = {
    ...table,
    byCode: new Map(catalog.dataElements.map((d) => [d.code.toUpperCase(), d])),
    expected: identity.metaRows ?? options.expectedRows ?? null,
    where: (d, row, k) =>
      `Dòng "${d.code}" (${d.name}${d.unit ? `, ${d.unit}` : ''}; dòng ${row} trong tệp)` +
      (k ? `, cột "${label(k)}"` : ''),
    findings: [],
    values: [],
    rowsSeen: {},
  };
  checkColumns(rd, label);
  readRows(rd);
  checkMissingRows(rd);
  return { format: grid.format, identity, rowsSeen: rd.rowsSeen, values: rd.values, findings: rd.findings };
}

/** The form sheet: by name, else the first sheet (visible first) that has a table header. */
function findTable(
  grid: Grid,
  metaSheet: GridSheet | null,
  cellLabels: Record<CellKey, string>,
): { sheet: GridSheet; header: HeaderInfo } | null {
  const formKey = searchKey(FORM_SHEET);
  const candidates = [
    ...grid.sheets.filter((s) => searchKey(s.name) === formKey),
    ...grid.sheets.filter((s) => s !== metaSheet && s.state === 'visible' && searchKey(s.name) !== formKey),
    ...grid.sheets.filter((s) => s !== metaSheet && s.state !== 'visible' && searchKey(s.name) !== formKey),
  ];
  for (const sheet of candidates) {
    const header = findHeader(sheet, cellLabels);
    if (header) return { sheet, header };
  }
  return null;
}

function noHeader(fileName: string, catalog: FormCatalog): Finding {
  return {
    code: 'NO_HEADER',
    severity: 'error',
    message:
      `Không tìm thấy bảng số liệu trong tệp "${fileName}": thiếu dòng tiêu đề có các cột "${FIXED_HEADERS.code}" và ` +
      `"${catalog.cellLabels.value}"/"${catalog.cellLabels.total}". Có thể đơn vị đã tự làm lại bảng hoặc đổi tên cột. ` +
      'Hãy yêu cầu đơn vị điền vào đúng mẫu biểu được gửi (không đổi tiêu đề cột) rồi gửi lại.',
  };
}

/** The table being read and what reading it produces. */
interface Reading {
  sheet: GridSheet;
  header: HeaderInfo;
  /** upper-case code → element */
  byCode: Map<string, DataElement>;
  /** the rows the form should have (from _meta or the caller); null when unknown */
  expected: string[] | null;
  where: Where;
  findings: Finding[];
  values: StoredValue[];
  rowsSeen: Record<string, number>;
}

/** MISSING_COLUMN for each value column an expected row needs and the table lacks. */
function checkColumns(rd: Reading, label: (k: CellKey) => string): void {
  const needed = new Set<CellKey>();
  for (const code of rd.expected ?? []) {
    const d = rd.byCode.get(code.toUpperCase());
    if (d && d.type !== 'text') d.cells.forEach((k) => needed.add(k));
  }
  for (const k of needed) {
    if (rd.header.cols[k] === undefined) {
      rd.findings.push({
        code: 'MISSING_COLUMN',
        severity: 'error',
        cell: k,
        message:
          `Bảng số liệu thiếu cột "${label(k)}" (có thể đã bị xóa hoặc đổi tên). Hãy yêu cầu đơn vị giữ nguyên các ` +
          'cột của mẫu biểu rồi gửi lại.',
      });
    }
  }
}

/** Every row below the header with a code in the code column. */
function readRows(rd: Reading): void {
  const { sheet, header } = rd;
  const valueCols = CELL_KEYS.filter((k) => header.cols[k] !== undefined);
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const slave = sheet.mergedFrom(r, header.codeCol);
    if (slave && slave[1] !== header.codeCol) continue; // a title or footer merged across the code column
    const rawCode = cellText(sheet.get(r, header.codeCol));
    if (!rawCode || !cleanText(rawCode)) continue;
    const d = rowElement(rd, r, rawCode, valueCols);
    if (!d) continue;
    if (d.type === 'text') readTextRow(rd, r, d);
    else readValueRow(rd, r, d, valueCols);
  }
}

/** The element of a row, or null (with a finding when it matters) for an unknown or repeated code. */
function rowElement(rd: Reading, r: number, rawCode: string, valueCols: CellKey[]): DataElement | null {
  const { sheet, header, rowsSeen } = rd;
  const d = rd.byCode.get(normCode(rawCode));
  if (!d) {
    // footers and notes typed in the code column are not rows; a code-like text or a number beside it is
    const hasValues = valueCols.some((k) => {
      const v = sheet.get(r, header.cols[k]!);
      return v.kind === 'number' || (v.kind === 'text' && parseViNumber(v.value) !== null);
    });
    if (looksLikeCode(rawCode) || hasValues) {
      rd.findings.push({
        code: 'UNKNOWN_CODE',
        severity: 'error',
        message:
          `Dòng ${r} trong tệp có mã số "${cleanText(rawCode)}" không có trong danh mục chỉ tiêu: đơn vị đã sửa mã số ` +
          'hoặc tự thêm dòng. Hãy yêu cầu đơn vị trả lại đúng mã số của mẫu biểu (không sửa cột "Mã số", không thêm ' +
          'dòng) rồi gửi lại.',
      });
    }
    return null;
  }
  if (rowsSeen[d.code] !== undefined) {
    rd.findings.push({
      code: 'DUPLICATE_CODE',
      severity: 'error',
      element: d.code,
      message:
        `Mã số "${d.code}" (${d.name}) xuất hiện hai lần, ở dòng ${rowsSeen[d.code]} và dòng ${r} trong tệp. ` +
        'Hãy yêu cầu đơn vị xóa dòng bị chép thừa, mỗi chỉ tiêu chỉ điền một dòng, rồi gửi lại.',
    });
    return null;
  }
  rowsSeen[d.code] = r;
  if (rd.expected && !rd.expected.some((x) => x.toUpperCase() === d.code.toUpperCase())) {
    rd.findings.push({
      code: 'UNEXPECTED_ROW',
      severity: 'warning',
      element: d.code,
      message: `${rd.where(d, r)} không thuộc mẫu biểu gửi cho đơn vị này; số liệu ở dòng này vẫn được đọc.`,
    });
  }
  return d;
}

/** A text element: one tall merged cell across the value columns; the first non-blank, "Số liệu" first. */
function readTextRow(rd: Reading, r: number, d: DataElement): void {
  const { cols } = rd.header;
  const order = (['value', ...CELL_KEYS.filter((k) => k !== 'value')] as CellKey[]).filter((k) => cols[k]);
  for (const k of order) {
    const v = toValue(d, rd.sheet.get(r, cols[k]!), r, 'value', rd.where, rd.findings);
    if (v) {
      rd.values.push({ element: d.code, cell: 'value', value: v });
      return;
    }
  }
}

/** The element's cells; anything written in its grey cells is a warning and not counted. */
function readValueRow(rd: Reading, r: number, d: DataElement, valueCols: CellKey[]): void {
  for (const k of valueCols) {
    const raw = rd.sheet.get(r, rd.header.cols[k]!);
    if (!d.cells.includes(k)) {
      if (raw.kind !== 'blank' || raw.formula) {
        rd.findings.push({
          code: 'VALUE_IN_GREY_CELL',
          severity: 'warning',
          element: d.code,
          cell: k,
          message:
            `${rd.where(d, r, k)}: ô này không áp dụng cho chỉ tiêu (ô nền xám) nhưng có ghi "${cellText(raw) ?? ''}". ` +
            'Giá trị này không được tính; nếu đơn vị điền nhầm cột, hãy đề nghị chuyển sang đúng ô nền vàng.',
        });
      }
      continue;
    }
    const v = toValue(d, raw, r, k, rd.where, rd.findings);
    if (v) rd.values.push({ element: d.code, cell: k, value: v });
  }
}

/** MISSING_ROW for each expected row the table does not have. */
function checkMissingRows(rd: Reading): void {
  for (const code of rd.expected ?? []) {
    const d = rd.byCode.get(code.toUpperCase());
    if (!d || rd.rowsSeen[d.code] !== undefined) continue;
    rd.findings.push({
      code: 'MISSING_ROW',
      severity: 'warning',
      element: d.code,
      message:
        `Không thấy dòng "${d.code}" (${d.name}) trong bảng: dòng này có thể đã bị xóa, chỉ tiêu được tính là ` +
        'chưa báo cáo. Nếu đơn vị có số liệu, hãy đề nghị điền lại vào đúng mẫu biểu.',
    });
  }
}
