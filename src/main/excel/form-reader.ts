/**
 * Reads a filled reporting form back into typed values. Identity comes from the hidden _meta sheet, or from the
 * visible header lines when a tool dropped it. The table is found by its header labels (ignoring case and
 * diacritics), columns by label and rows by "Mã số", so moved columns and re-ordered rows still read correctly.
 * Only type problems are reported here; catalogue validation rules (nữ ≤ tổng số…) belong to another module.
 */
import type { CellKey, DataElement } from '../../shared/domain/catalog';
import { CELL_KEYS } from '../../shared/domain/catalog';
import type { CellValue, Finding, StoredValue } from '../../shared/domain/records';
import { cleanText, formatNumber, parseViNumber, parseYesNo, searchKey } from '../../shared/text/vi';
import { loadGrid, type GridSheet, type LoadGridOptions, type RawCell } from './grid';
import { FIXED_HEADERS, FORM_SHEET, HEADER_LABELS, META_SHEET } from './template-writer';

export interface FormIdentity {
  source: 'meta' | 'header';
  templateCode: string | null;
  templateVersion: number | null;
  periodId: number | null;
  periodLabel: string | null;
  periodYear: number | null;
  unitCode: string | null;
  unitName: string | null;
  province: string | null;
  fingerprint: string | null;
  metaRows: string[] | null;
}

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

const NA_KEYS = new Set(['kad', 'khong ap dung', 'k/ad', 'k.a.d', 'n/a', 'na', 'kap dung', 'khong ap dung.']);
const DASH_KEYS = new Set(['-', '–', '—', '--', '---']);

function cellText(c: RawCell): string | null {
  switch (c.kind) {
    case 'text':
    case 'error':
    case 'date':
      return c.value;
    case 'number':
      return String(c.value);
    case 'bool':
      return c.value ? 'TRUE' : 'FALSE';
    default:
      return null;
  }
}

function readMeta(sheet: GridSheet): Map<string, string> {
  const out = new Map<string, string>();
  for (let r = 1; r <= sheet.rowCount; r++) {
    const k = cellText(sheet.get(r, 1));
    if (!k) continue;
    out.set(k.trim(), cleanText(cellText(sheet.get(r, 2)) ?? ''));
  }
  return out;
}

const num = (s: string | undefined | null): number | null => {
  if (s === undefined || s === null || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
const str = (s: string | undefined | null): string | null => (s === undefined || s === null || s === '' ? null : s);

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

/** "Đơn vị báo cáo: Phường X" or label cell + value cell to its right. */
function headerValue(sheet: GridSheet, lastRow: number, label: string): string | null {
  const key = searchKey(label).replace(/:$/, '');
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= sheet.colCount; c++) {
      if (sheet.mergedFrom(r, c)) continue;
      const t = cellText(sheet.get(r, c));
      if (!t) continue;
      const k = searchKey(t);
      if (!k.startsWith(key)) continue;
      const colon = t.indexOf(':');
      const inline = colon >= 0 ? cleanText(t.slice(colon + 1)) : '';
      if (inline) return inline;
      for (let c2 = c + 1; c2 <= sheet.colCount; c2++) {
        const m = sheet.mergedFrom(r, c2);
        if (m && m[1] <= c) continue; // still part of the label's merge
        const v = cellText(sheet.get(r, c2));
        if (v && cleanText(v)) return cleanText(v);
      }
      return null;
    }
  }
  return null;
}

const normCode = (s: string): string => cleanText(s).replace(/\s+/g, '').toUpperCase();
const looksLikeCode = (s: string): boolean => /^[A-Za-z][A-Za-z0-9_.-]{1,39}$/.test(s.replace(/\s+/g, ''));

/** Reads a filled form. Throws AppError('bad_file') only when the file itself cannot be opened. */
export async function readForm(
  bytes: Uint8Array,
  fileName: string,
  catalog: FormCatalog,
  options: ReadFormOptions = {},
): Promise<ParsedForm> {
  const grid = await loadGrid(bytes, fileName, options.reader ? { reader: options.reader } : {});
  const findings: Finding[] = [];
  const values: StoredValue[] = [];
  const rowsSeen: Record<string, number> = {};
  const byCode = new Map(catalog.dataElements.map((d) => [d.code.toUpperCase(), d]));

  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET || searchKey(s.name) === META_SHEET);
  const meta = metaSheet ? readMeta(metaSheet) : null;
  const useMeta = meta !== null && (meta.has('templateCode') || meta.has('unitCode'));

  // the form sheet: by name, else the first sheet (visible first) that has a table header
  const formKey = searchKey(FORM_SHEET);
  const candidates = [
    ...grid.sheets.filter((s) => searchKey(s.name) === formKey),
    ...grid.sheets.filter((s) => s !== metaSheet && s.state === 'visible' && searchKey(s.name) !== formKey),
    ...grid.sheets.filter((s) => s !== metaSheet && s.state !== 'visible' && searchKey(s.name) !== formKey),
  ];
  let sheet: GridSheet | null = null;
  let header: HeaderInfo | null = null;
  for (const s of candidates) {
    const h = findHeader(s, catalog.cellLabels);
    if (h) {
      sheet = s;
      header = h;
      break;
    }
  }

  const identity: FormIdentity = useMeta
    ? {
        source: 'meta',
        templateCode: str(meta.get('templateCode')),
        templateVersion: num(meta.get('templateVersion')),
        periodId: num(meta.get('periodId')),
        periodLabel: str(meta.get('periodLabel')),
        periodYear: num(meta.get('periodYear')),
        unitCode: str(meta.get('unitCode')),
        unitName: str(meta.get('unitName')),
        province: str(meta.get('province')),
        fingerprint: str(meta.get('fingerprint')),
        metaRows: meta.get('rows')
          ? meta
              .get('rows')!
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean)
          : null,
      }
    : {
        source: 'header',
        templateCode: null,
        templateVersion: null,
        periodId: null,
        periodLabel: null,
        periodYear: null,
        unitCode: null,
        unitName: null,
        province: null,
        fingerprint: null,
        metaRows: null,
      };

  const headerSheet = sheet ?? grid.sheets.find((s) => s.state === 'visible') ?? grid.sheets[0]!;
  const headerLast = header ? header.row - 1 : Math.min(headerSheet.rowCount, 30);
  const visibleUnitCode = headerValue(headerSheet, headerLast, HEADER_LABELS.unitCode);
  const visibleUnitName = headerValue(headerSheet, headerLast, HEADER_LABELS.unitName);
  if (identity.source === 'header') {
    identity.periodLabel = headerValue(headerSheet, headerLast, HEADER_LABELS.period);
    const y = identity.periodLabel ? /\b(20\d{2})\b/.exec(identity.periodLabel) : null;
    identity.periodYear = y ? Number(y[1]) : null;
  }
  // the generic copy has no unit in _meta: the unit wrote it in the header
  identity.unitCode ??= visibleUnitCode ? normCode(visibleUnitCode) : null;
  identity.unitName ??= visibleUnitName;

  if (!sheet || !header) {
    findings.push({
      code: 'NO_HEADER',
      severity: 'error',
      message:
        `Không tìm thấy bảng số liệu trong tệp "${fileName}": thiếu dòng tiêu đề có các cột "${FIXED_HEADERS.code}" và ` +
        `"${catalog.cellLabels.value}"/"${catalog.cellLabels.total}". Có thể đơn vị đã tự làm lại bảng hoặc đổi tên cột. ` +
        'Hãy yêu cầu đơn vị điền vào đúng mẫu biểu được gửi (không đổi tiêu đề cột) rồi gửi lại.',
    });
    return { format: grid.format, identity, rowsSeen, values, findings };
  }

  const label = (k: CellKey): string => catalog.cellLabels[k];
  const where = (d: DataElement, row: number, k?: CellKey): string =>
    `Dòng "${d.code}" (${d.name}${d.unit ? `, ${d.unit}` : ''}; dòng ${row} trong tệp)` +
    (k ? `, cột "${label(k)}"` : '');

  // columns the form needs
  const needed = new Set<CellKey>();
  const expected = identity.metaRows ?? options.expectedRows ?? null;
  for (const code of expected ?? []) {
    const d = byCode.get(code.toUpperCase());
    if (d && d.type !== 'text') d.cells.forEach((k) => needed.add(k));
  }
  for (const k of needed) {
    if (header.cols[k] === undefined) {
      findings.push({
        code: 'MISSING_COLUMN',
        severity: 'error',
        cell: k,
        message:
          `Bảng số liệu thiếu cột "${label(k)}" (có thể đã bị xóa hoặc đổi tên). Hãy yêu cầu đơn vị giữ nguyên các ` +
          'cột của mẫu biểu rồi gửi lại.',
      });
    }
  }
  const valueCols = CELL_KEYS.filter((k) => header.cols[k] !== undefined);

  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const slave = sheet.mergedFrom(r, header.codeCol);
    if (slave && slave[1] !== header.codeCol) continue; // a title or footer merged across the code column
    const codeCell = sheet.get(r, header.codeCol);
    const rawCode = cellText(codeCell);
    if (!rawCode || !cleanText(rawCode)) continue;
    const code = normCode(rawCode);
    const d = byCode.get(code);
    if (!d) {
      // footers and notes typed in the code column are not rows; a code-like text or a number beside it is
      const hasValues = valueCols.some((k) => {
        const v = sheet.get(r, header.cols[k]!);
        return v.kind === 'number' || (v.kind === 'text' && parseViNumber(v.value) !== null);
      });
      if (looksLikeCode(rawCode) || hasValues) {
        findings.push({
          code: 'UNKNOWN_CODE',
          severity: 'error',
          message:
            `Dòng ${r} trong tệp có mã số "${cleanText(rawCode)}" không có trong danh mục chỉ tiêu: đơn vị đã sửa mã số ` +
            'hoặc tự thêm dòng. Hãy yêu cầu đơn vị trả lại đúng mã số của mẫu biểu (không sửa cột "Mã số", không thêm ' +
            'dòng) rồi gửi lại.',
        });
      }
      continue;
    }
    if (rowsSeen[d.code] !== undefined) {
      findings.push({
        code: 'DUPLICATE_CODE',
        severity: 'error',
        element: d.code,
        message:
          `Mã số "${d.code}" (${d.name}) xuất hiện hai lần, ở dòng ${rowsSeen[d.code]} và dòng ${r} trong tệp. ` +
          'Hãy yêu cầu đơn vị xóa dòng bị chép thừa, mỗi chỉ tiêu chỉ điền một dòng, rồi gửi lại.',
      });
      continue;
    }
    rowsSeen[d.code] = r;
    if (expected && !expected.some((x) => x.toUpperCase() === d.code.toUpperCase())) {
      findings.push({
        code: 'UNEXPECTED_ROW',
        severity: 'warning',
        element: d.code,
        message: `${where(d, r)} không thuộc mẫu biểu gửi cho đơn vị này; số liệu ở dòng này vẫn được đọc.`,
      });
    }

    if (d.type === 'text') {
      // one tall merged cell across the value columns: take the first non-blank, "Số liệu" first
      const order = (['value', ...CELL_KEYS.filter((k) => k !== 'value')] as CellKey[]).filter((k) => header.cols[k]);
      for (const k of order) {
        const raw = sheet.get(r, header.cols[k]!);
        const v = toValue(d, raw, r, 'value', where, findings);
        if (v) {
          values.push({ element: d.code, cell: 'value', value: v });
          break;
        }
      }
      continue;
    }

    for (const k of valueCols) {
      const col = header.cols[k]!;
      const raw = sheet.get(r, col);
      if (!d.cells.includes(k)) {
        if (raw.kind !== 'blank' || raw.formula) {
          findings.push({
            code: 'VALUE_IN_GREY_CELL',
            severity: 'warning',
            element: d.code,
            cell: k,
            message:
              `${where(d, r, k)}: ô này không áp dụng cho chỉ tiêu (ô nền xám) nhưng có ghi "${cellText(raw) ?? ''}". ` +
              'Giá trị này không được tính; nếu đơn vị điền nhầm cột, hãy đề nghị chuyển sang đúng ô nền vàng.',
          });
        }
        continue;
      }
      const v = toValue(d, raw, r, k, where, findings);
      if (v) values.push({ element: d.code, cell: k, value: v });
    }
  }

  if (expected) {
    for (const code of expected) {
      const d = byCode.get(code.toUpperCase());
      if (!d || rowsSeen[d.code] !== undefined) continue;
      findings.push({
        code: 'MISSING_ROW',
        severity: 'warning',
        element: d.code,
        message:
          `Không thấy dòng "${d.code}" (${d.name}) trong bảng: dòng này có thể đã bị xóa, chỉ tiêu được tính là ` +
          'chưa báo cáo. Nếu đơn vị có số liệu, hãy đề nghị điền lại vào đúng mẫu biểu.',
      });
    }
  }
  return { format: grid.format, identity, rowsSeen, values, findings };
}

function toValue(
  d: DataElement,
  raw: RawCell,
  row: number,
  k: CellKey,
  where: (d: DataElement, row: number, k?: CellKey) => string,
  findings: Finding[],
): CellValue | null {
  const fail = (code: string, message: string, severity: 'error' | 'warning' = 'error'): null => {
    findings.push({ code, severity, element: d.code, cell: k, message: `${where(d, row, k)}: ${message}` });
    return null;
  };
  switch (raw.kind) {
    case 'blank':
      if (raw.formula) {
        return fail(
          'FORMULA_NO_RESULT',
          `ô có công thức "=${raw.formula}" nhưng tệp không lưu kết quả tính. Hãy đề nghị đơn vị mở tệp bằng Excel, ` +
            'kiểm tra kết quả, lưu lại rồi gửi lại (hoặc ghi thẳng con số thay cho công thức).',
        );
      }
      return null;
    case 'error':
      return fail(
        'CELL_ERROR',
        `ô báo lỗi "${raw.value}" (công thức tham chiếu sai hoặc chia cho 0). Hãy đề nghị đơn vị sửa công thức ` +
          'hoặc ghi thẳng con số rồi gửi lại.',
      );
    case 'number':
      if (raw.externalFormula) {
        fail(
          'FORMULA_EXTERNAL',
          `ô có công thức "=${raw.externalFormula}" lấy số liệu từ một tệp Excel khác; đã dùng kết quả lưu trong tệp ` +
            `(${formatNumber(raw.value, 10)}). Hãy kiểm tra lại con số này với đơn vị.`,
          'warning',
        );
      }
      break;
    default:
      break;
  }
  const text = raw.kind === 'text' ? raw.value : null;
  if (text !== null) {
    const key = searchKey(text);
    if (NA_KEYS.has(key)) return { state: 'na' };
    if (d.type !== 'text' && DASH_KEYS.has(text.trim())) {
      fail(
        'DASH_AS_BLANK',
        `ô ghi "${text}", được hiểu là không có số liệu (để trống). Nếu số liệu bằng không, hãy ghi 0; nếu không ` +
          'áp dụng, hãy ghi KAD.',
        'warning',
      );
      return null;
    }
  }

  if (d.type === 'text') {
    const s = raw.kind === 'number' ? formatNumber(raw.value, 10) : cleanText(cellText(raw) ?? '');
    return s ? { state: 'text', value: s } : null;
  }

  if (d.type === 'yesno') {
    if (raw.kind === 'bool') return { state: 'yesno', value: raw.value };
    if (raw.kind === 'number' && (raw.value === 1 || raw.value === 0))
      return { state: 'yesno', value: raw.value === 1 };
    if (text !== null) {
      const yn = parseYesNo(text);
      if (yn !== null) return { state: 'yesno', value: yn };
    }
    return fail('TYPE_YESNO', `ô ghi "${cellText(raw) ?? ''}" trong khi chỉ được ghi "Có" hoặc "Không".`);
  }

  // integer / decimal
  let n: number | null = null;
  if (raw.kind === 'number') n = raw.value;
  else if (text !== null) {
    n = parseViNumber(text);
    if (n === null) {
      const hint = /%/.test(text)
        ? 'Hãy bỏ dấu % và chỉ ghi con số.'
        : 'Hãy chỉ ghi con số (ví dụ 1.234 hoặc 12,5), không ghi chữ hay đơn vị tính; chỉ tiêu không áp dụng thì ghi KAD.';
      return fail('TYPE_TEXT_IN_NUMBER', `ô ghi "${text}", không phải là số. ${hint}`);
    }
  } else if (raw.kind === 'bool') {
    return fail(
      'TYPE_TEXT_IN_NUMBER',
      `ô ghi giá trị đúng/sai (${raw.value ? 'TRUE' : 'FALSE'}) thay vì một con số. Hãy ghi con số.`,
    );
  } else if (raw.kind === 'date') {
    return fail(
      'TYPE_TEXT_IN_NUMBER',
      'ô đang ở dạng ngày tháng thay vì con số (thường do định dạng ô bị đổi). Hãy đổi định dạng ô về Số (Number) ' +
        'và ghi lại con số.',
    );
  }
  if (n === null) return null;
  if (n < 0)
    return fail('TYPE_NEGATIVE', `ô ghi số âm (${formatNumber(n, 6)}). Số liệu không được âm, hãy kiểm tra lại.`);
  if (d.type === 'integer') {
    const rounded = Math.round(n);
    if (Math.abs(n - rounded) > 1e-9) {
      return fail(
        'TYPE_NOT_INTEGER',
        `ô ghi ${formatNumber(n, 6)} trong khi chỉ tiêu đếm bằng số nguyên (${d.unit || 'số nguyên'}). ` +
          'Hãy ghi số nguyên; lưu ý dấu chấm là dấu phân cách hàng nghìn, dấu phẩy là dấu thập phân.',
      );
    }
    n = rounded;
  } else {
    n = Number(n.toPrecision(15));
  }
  return { state: 'number', value: n === 0 ? 0 : n };
}
