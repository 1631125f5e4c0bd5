/**
 * The layout of the reporting form, shared by the writer (template-writer.ts), the reader (form-reader.ts), the
 * filler (form-filler.ts) and the import service: sheet names, the labels the reader looks for, the keys of the
 * hidden _meta sheet, which rows a unit's copy holds and the fingerprint of that structure.
 */
import { roman } from '../../shared/text/numbers';
import { createHash } from 'node:crypto';
import type { CellKey, DataElement, UnitKind } from '../../shared/domain/catalog';
import { CELL_KEYS } from '../../shared/domain/catalog';
import { kindReports, unitReports, type ReporterUnit } from '../../shared/domain/reporters';

/** The visible sheet the unit fills. */
export const FORM_SHEET = 'Báo cáo';
/** The hidden sheet that identifies template, period and unit (keys: META_KEYS, in column A; values in B). */
export const META_SHEET = '_meta';
/** The defined name of the table (header row to last data row). */
export const TABLE_NAME = 'BangSoLieu';

/** Fixed column labels before the value columns (the value columns are the catalogue's cell labels). */
export const FIXED_HEADERS = { stt: 'STT', code: 'Mã số', name: 'Chỉ tiêu', unit: 'Đơn vị tính' } as const;

/** Labels of the identity lines above the table (the form reader falls back on them without _meta). */
export const HEADER_LABELS = {
  period: 'Kỳ báo cáo:',
  window: 'Thời gian lấy số liệu:',
  deadline: 'Hạn gửi báo cáo:',
  unitName: 'Đơn vị báo cáo:',
  unitCode: 'Mã đơn vị:',
} as const;

/** The rows of the _meta sheet, in order. */
export const META_KEYS = [
  'templateCode',
  'templateVersion',
  'periodId',
  'periodLabel',
  'periodYear',
  'periodKind',
  'databaseId',
  'unitCode',
  'unitName',
  'unitKind',
  'province',
  'fingerprint',
  'rows',
  'generatedAt',
  'appVersion',
] as const;
export type MetaKey = (typeof META_KEYS)[number];

/** The table's columns: STT, Mã số, Chỉ tiêu, Đơn vị tính, then one per cell the catalogue labels, in CELL_KEYS order. */
export function formColumns(cellLabels: Record<CellKey, string>): { cellKeys: CellKey[]; headers: string[] } {
  const cellKeys = CELL_KEYS.filter((k) => k in cellLabels) as CellKey[];
  const headers = [
    FIXED_HEADERS.stt,
    FIXED_HEADERS.code,
    FIXED_HEADERS.name,
    FIXED_HEADERS.unit,
    ...cellKeys.map((k) => cellLabels[k]),
  ];
  return { cellKeys, headers };
}

/** The column of the first value cell (after the four fixed columns). */
export const FIRST_VALUE_COL = 5;

/**
 * code → element, built once per catalogue's element list (the catalogue is cached whole and replaced on change);
 * read only.
 */
const byCodeOf = new WeakMap<DataElement[], Map<string, DataElement>>();
export function elementsByCode(dataElements: DataElement[]): Map<string, DataElement> {
  let m = byCodeOf.get(dataElements);
  if (!m) {
    m = new Map(dataElements.map((d) => [d.code, d]));
    byCodeOf.set(dataElements, m);
  }
  return m;
}

/**
 * The rows of a template that a unit fills: unit-collected elements, in template order; for a unit only those it
 * reports (shared/domain/reporters.ts: the elements assigned to named units or roles go to those units only, the
 * others to every unit of their kinds). THE rule for the form written, the form read and the import's check.
 * `null`: the generic copy (every unit-collected row). A bare kind: a unit known only by its kind (no
 * assigned rows). Unknown codes are skipped.
 */
export function templateRowsFor(
  template: { rows: string[] },
  dataElements: DataElement[],
  unit: ReporterUnit | UnitKind | null,
): DataElement[] {
  const byCode = elementsByCode(dataElements);
  const out: DataElement[] = [];
  for (const code of template.rows) {
    const d = byCode.get(code);
    if (!d || d.collectedFrom !== 'units') continue;
    if (unit !== null && !(typeof unit === 'string' ? kindReports(d, unit) : unitReports(d, unit))) continue;
    out.push(d);
  }
  return out;
}

/**
 * The number printed before each section of a unit's form, in the order the rows meet them: I, II, III… with
 * no gap when a section has no row for the unit (a commune's form has no "Số liệu chuyên ngành").
 */
export function formSectionNumbers(rows: DataElement[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of rows) if (!out.has(d.section)) out.set(d.section, roman(out.size + 1));
  return out;
}

/** sha256 of the codes, cells and types of the rows, first 16 hex digits. */
export function structureFingerprint(rows: DataElement[]): string {
  const text = rows.map((r) => `${r.code}|${r.cells.join(',')}|${r.type}`).join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}
