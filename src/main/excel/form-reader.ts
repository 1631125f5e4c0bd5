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
import { FIXED_HEADERS, META_SHEET } from './form-layout';
import { normCode, readIdentity, type FormIdentity } from './form-identity';
import { colName, findHeader, type HeaderInfo } from './form-header';
import { toValue, type Where } from './form-values';
import { isTaskCode, readTaskAnswers, readTaskMeta, type TaskMeta } from './template-tasks';
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
  /** the plan tasks the form was written with (template-tasks.ts); absent on a form without tasks */
  taskMeta?: TaskMeta | null;
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

const looksLikeCode = (s: string): boolean => /^[A-Za-z][A-Za-z0-9_.-]{1,39}$/.test(s.replace(/\s+/g, ''));

/** upper-case code → element, built once per catalogue (the catalogue's element list is kept while it holds) */
const codeMaps = new WeakMap<DataElement[], Map<string, DataElement>>();
function codesOf(elements: DataElement[]): Map<string, DataElement> {
  let m = codeMaps.get(elements);
  if (!m) {
    m = new Map(elements.map((d) => [d.code.toUpperCase(), d]));
    codeMaps.set(elements, m);
  }
  return m;
}

/** Reads a filled form. Throws AppError('bad_file') only when the file itself cannot be opened. */
export async function readForm(
  bytes: Uint8Array,
  fileName: string,
  catalog: FormCatalog,
  options: ReadFormOptions = {},
): Promise<ParsedForm> {
  const grid = await loadGrid(bytes, fileName, options.reader ? { reader: options.reader } : {});
  return formFromGrid(grid, fileName, catalog, options);
}

/** readForm's reading of a grid already loaded (loadGrid): identity, table, values and findings. */
export function formFromGrid(
  grid: Grid,
  fileName: string,
  catalog: FormCatalog,
  options: Omit<ReadFormOptions, 'reader'> = {},
): ParsedForm {
  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET || searchKey(s.name) === META_SHEET) ?? null;
  const byCode = codesOf(catalog.dataElements);
  const found = findTable(grid, metaSheet, catalog.cellLabels, byCode);
  const table = found.table;
  const identity = readIdentity(grid, metaSheet, table && { sheet: table.sheet, headerRow: table.header.row });
  if (!table) {
    const findings = found.problem ? [found.problem] : [noHeader(fileName, catalog)];
    return { format: grid.format, identity, rowsSeen: {}, values: [], findings };
  }
  const label = (k: CellKey): string => catalog.cellLabels[k];
  const expected = identity.metaRows ?? options.expectedRows ?? null;
  const rd: Reading = {
    ...table,
    byCode,
    expected,
    expectedUpper: expected && new Set(expected.map((x) => x.toUpperCase())),
    where: (d, row, k) =>
      `Dòng "${d.code}" (${d.name}${d.unit ? `, ${d.unit}` : ''}; dòng ${row} trong tệp)` +
      (k ? `, cột "${label(k)}"` : ''),
    label,
    findings: found.warnings,
    values: [],
    rowsSeen: {},
  };
  checkColumns(rd, label);
  if (!rd.findings.some((f) => f.severity === 'error')) {
    readRows(rd);
    rd.values.push(...readTaskAnswers(rd.sheet, rd.findings));
    checkMissingRows(rd);
    checkNotEmpty(rd);
  }
  const taskMeta = readTaskMeta(metaSheet);
  return { format: grid.format, identity, rowsSeen: rd.rowsSeen, values: rd.values, findings: rd.findings, taskMeta };
}

/** Does a table have at least one row with a catalogue code under its header? */
function hasKnownRow(sheet: GridSheet, header: HeaderInfo, byCode: Map<string, DataElement>): boolean {
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const t = cellText(sheet.get(r, header.codeCol));
    if (t && byCode.has(normCode(t))) return true;
  }
  return false;
}

/**
 * The form sheet, found by its content (a header and catalogue codes), whatever its name. Two visible sheets
 * with a table: not sure which one the unit meant, refused naming both. A hidden sheet is used only when no
 * visible one has a table.
 */
function findTable(
  grid: Grid,
  metaSheet: GridSheet | null,
  cellLabels: Record<CellKey, string>,
  byCode: Map<string, DataElement>,
): { table: { sheet: GridSheet; header: HeaderInfo } | null; problem: Finding | null; warnings: Finding[] } {
  const tables: Array<{ sheet: GridSheet; header: HeaderInfo }> = [];
  let headerOnly: { sheet: GridSheet; header: HeaderInfo } | null = null;
  for (const sheet of grid.sheets) {
    if (sheet === metaSheet) continue;
    const header = findHeader(sheet, cellLabels);
    if (!header) continue;
    if (hasKnownRow(sheet, header, byCode)) tables.push({ sheet, header });
    else headerOnly ??= { sheet, header };
  }
  const visible = tables.filter((t) => t.sheet.state === 'visible');
  if (visible.length > 1) {
    const names = visible.map((t) => `"${t.sheet.name}"`).join(' và ');
    return {
      table: null,
      warnings: [],
      problem: {
        code: 'TWO_FORMS',
        severity: 'error',
        message:
          `Tệp có ${visible.length} trang tính cùng chứa bảng số liệu (${names}); không rõ trang nào là báo cáo. ` +
          'Hãy đề nghị đơn vị xóa trang thừa, chỉ giữ một trang báo cáo, rồi gửi lại.',
      },
    };
  }
  const table = visible[0] ?? tables[0] ?? headerOnly;
  const warnings: Finding[] = [];
  if (table && table.sheet.state !== 'visible') {
    warnings.push({
      code: 'HIDDEN_FORM_SHEET',
      severity: 'warning',
      message: `Bảng số liệu nằm ở trang tính bị ẩn "${table.sheet.name}"; đã đọc trang đó. Hãy kiểm tra lại với đơn vị.`,
    });
  }
  return { table, problem: null, warnings };
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
  /** the same, upper-cased */
  expectedUpper: Set<string> | null;
  where: Where;
  label: (k: CellKey) => string;
  findings: Finding[];
  values: StoredValue[];
  rowsSeen: Record<string, number>;
}

/**
 * The table's columns must be sure: one column per label (two "Tổng số": which one?), no hidden column inside
 * the table, and every column an expected row needs (MISSING_COLUMN).
 */
function checkColumns(rd: Reading, label: (k: CellKey) => string): void {
  const { header, sheet } = rd;
  for (const k of CELL_KEYS) {
    const list = header.allCols[k] ?? [];
    if (list.length > 1) {
      rd.findings.push({
        code: 'AMBIGUOUS_COLUMN',
        severity: 'error',
        cell: k,
        message:
          `Bảng số liệu có ${list.length} cột cùng tên "${label(k)}" (cột ${list.map(colName).join(', ')}` +
          `${list.some((c) => sheet.colHidden(c)) ? ', có cột bị ẩn' : ''}); không rõ cột nào là số liệu. Hãy đề nghị ` +
          'đơn vị xóa cột thừa rồi gửi lại.',
      });
    }
  }
  const used = [header.codeCol, ...(header.nameCol ? [header.nameCol] : []), ...Object.values(header.cols)];
  const first = Math.min(...used);
  const last = Math.max(...used);
  for (let c = first; c <= last; c++) {
    if (!sheet.colHidden(c)) continue;
    const heading = cellText(sheet.get(header.row, c)) ?? cellText(sheet.get(Math.max(1, header.row - 1), c));
    rd.findings.push({
      code: 'HIDDEN_COLUMN',
      severity: 'error',
      message:
        `Cột ${colName(c)}${heading ? ` ("${cleanText(heading)}")` : ''} trong bảng số liệu bị ẩn: đơn vị không nhìn ` +
        'thấy những gì ghi trong cột này. Hãy đề nghị đơn vị bỏ ẩn cột, kiểm tra lại số liệu rồi gửi lại.',
    });
  }
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
    if (!rawCode || !cleanText(rawCode) || isTaskCode(rawCode)) continue;
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
  if (rd.expectedUpper && !rd.expectedUpper.has(d.code.toUpperCase())) {
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

/** Input cells of the row that are merged with another cell: one typed value would count twice (or be lost). */
function mergedInputs(rd: Reading, r: number, d: DataElement, valueCols: CellKey[]): Finding | null {
  const { sheet, header } = rd;
  for (const k of valueCols) {
    if (!d.cells.includes(k)) continue;
    const m = sheet.mergeOf(r, header.cols[k]!);
    if (!m) continue;
    const [top, left, bottom, right] = m;
    const inMerge = valueCols.filter((x) => header.cols[x]! >= left && header.cols[x]! <= right);
    const cells = inMerge.map((x) => `"${rd.label(x)}"`).join(' và ');
    const rows = bottom > top ? `các dòng ${top}–${bottom}` : `dòng ${r}`;
    const typed = cellText(sheet.get(top, left));
    return {
      code: 'MERGED_INPUT',
      severity: 'error',
      element: d.code,
      message:
        `${d.name}: ô ${cells} ở ${rows} bị gộp thành một ô${typed ? ` (ghi "${cleanText(typed)}")` : ''}, nên không ` +
        'biết số đó thuộc ô nào. Hãy đề nghị đơn vị bỏ gộp ô, ghi riêng từng ô rồi gửi lại.',
    };
  }
  return null;
}

/** The element's cells; anything written in its grey cells is set apart (VALUE_IN_GREY_CELL) and not counted. */
function readValueRow(rd: Reading, r: number, d: DataElement, valueCols: CellKey[]): void {
  const merged = mergedInputs(rd, r, d, valueCols);
  if (merged) {
    rd.findings.push(merged);
    return;
  }
  // a form without a "Số liệu" column (a re-typed "Tổng số | Nữ | Nam" table): a one-figure element is written
  // under "Tổng số", the only column it can be written in
  const { cols } = rd.header;
  if (cols.value === undefined && cols.total !== undefined && d.cells.length === 1 && d.cells[0] === 'value') {
    const v = toValue(d, rd.sheet.get(r, cols.total), r, 'value', rd.where, rd.findings);
    if (v) rd.values.push({ element: d.code, cell: 'value', value: v });
    for (const k of valueCols) if (k !== 'total') greyCell(rd, r, d, k);
    return;
  }
  for (const k of valueCols) {
    const raw = rd.sheet.get(r, rd.header.cols[k]!);
    if (!d.cells.includes(k)) {
      greyCell(rd, r, d, k);
      continue;
    }
    const v = toValue(d, raw, r, k, rd.where, rd.findings);
    if (v) rd.values.push({ element: d.code, cell: k, value: v });
  }
}

/** Anything written in a cell that does not apply to the element: set apart, not counted. */
function greyCell(rd: Reading, r: number, d: DataElement, k: CellKey): void {
  const raw = rd.sheet.get(r, rd.header.cols[k]!);
  if (raw.kind === 'blank' && !raw.formula) return;
  rd.findings.push({
    code: 'VALUE_IN_GREY_CELL',
    severity: 'warning',
    element: d.code,
    cell: k,
    message:
      `Ô không áp dụng (nền xám) được ghi số liệu, không được tính: ${d.name} (${d.code}), dòng ${r}, cột ` +
      `"${rd.label(k)}" ghi "${cellText(raw) ?? ''}". Nếu đơn vị điền nhầm cột, hãy đề nghị chuyển sang đúng ô nền vàng.`,
  });
}

/** A form with not one figure is not a report (the blank template sent back, a re-typed table read as nothing). */
function checkNotEmpty(rd: Reading): void {
  if (rd.values.length > 0 || rd.findings.some((f) => f.severity === 'error')) return;
  if (rd.expected !== null && rd.expected.length === 0) return; // a form with no rows to fill (a kind that reports nothing)
  rd.findings.push({
    code: 'EMPTY_FORM',
    severity: 'error',
    message:
      'Biểu chưa điền số liệu nào (mọi ô số liệu đều để trống). Nếu đơn vị gửi nhầm mẫu trắng, hãy đề nghị điền ' +
      'số liệu rồi gửi lại; chỉ tiêu không có số liệu thì ghi 0, không áp dụng thì ghi KAD.',
  });
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
