/**
 * A layout proposed from a workbook (issue 17): the table found (table.ts), each data row's label matched to the
 * catalogue (match.ts; a weak match left unmapped, never guessed), where the unit is named (a header cell, else
 * the sheet's name, else the file's name) and the title that names the period, with a preview of the form as it
 * looks for the review screen. Pure: the caller passes the catalogue and how to look a unit's name up.
 */
import type { DataElement, Indicator } from '../../../shared/domain/catalog';
import type { LayoutPreviewRow, LayoutPurpose, LayoutRow, LayoutSuggestion } from '../../../shared/contract/layouts';
import { AppError } from '../../../shared/result';
import { cleanText } from '../../../shared/text/vi';
import { cellText, loadGrid, type Grid } from '../grid';
import { forAppendix } from './appendix';
import { makeMatcher, matchLabels, type MatchCandidate } from './match';
import { colName, findPeriodCell, findTable, findUnitCell, type FoundTable } from './table';

export interface SuggestOptions {
  elements: DataElement[];
  /** indicators a row may also be matched to (the appendix); none for an import layout */
  indicators: Indicator[];
  /** the register's unit a text names (a header cell's or the sheet's name; the file's name), or null */
  unitOf: (text: string, source: 'cell' | 'sheet' | 'file') => { code: string; name: string } | null;
  /** 'appendix': the ministry's blank appendix; its figure columns get their roles (appendix.ts) */
  purpose?: LayoutPurpose;
}

export const PREVIEW_ROWS = 400;
const PREVIEW_COLUMNS = 30;

export const NO_TABLE = (fileName: string): string =>
  `Không tìm thấy bảng số liệu trong tệp "${fileName}": không có dòng tiêu đề nào có cột "Tổng số", "Nữ", "Nam", ` +
  '"Số lượng", "Giá trị" hay "Kết quả". Hãy mở tệp, kiểm tra dòng tiêu đề của bảng (tên các cột) rồi thử lại.';

/** The candidates a row may be matched to: the catalogue's data elements (and indicators for an appendix). */
export function candidatesOf(elements: DataElement[], indicators: Indicator[]): MatchCandidate[] {
  return [
    ...elements.map((e) => ({ code: e.code, name: e.name, unit: e.unit ?? null, kind: 'element' as const })),
    ...indicators.map((i) => ({ code: i.code, name: i.name, unit: null, kind: 'indicator' as const })),
  ];
}

export async function suggestFromBytes(
  bytes: Uint8Array,
  fileName: string,
  opts: SuggestOptions,
): Promise<LayoutSuggestion> {
  const grid = await loadGrid(bytes, fileName);
  return suggestFromGrid(grid, fileName, opts);
}

export function suggestFromGrid(grid: Grid, fileName: string, opts: SuggestOptions): LayoutSuggestion {
  const table = findTable(grid);
  if (!table) throw new AppError('bad_file', NO_TABLE(fileName));
  const candidates = candidatesOf(opts.elements, opts.indicators);
  const byCode = new Map(candidates.map((c) => [`${c.kind}:${c.code}`, c]));
  const matcher = makeMatcher(candidates);
  const data = table.rows.filter((r) => !r.section);
  const matches = matchLabels(
    data.map((r) => r.label),
    matcher,
  );
  const kindOf = new Map(matcher.candidates.map((c) => [c.code, c.kind ?? 'element']));
  const rows: LayoutRow[] = data.map((r, i) => {
    const m = matches[i]!;
    const kind = m.code ? (kindOf.get(m.code) ?? 'element') : undefined;
    const c = m.code ? byCode.get(`${kind}:${m.code}`) : undefined;
    return {
      row: r.row,
      label: r.label.slice(0, 2000),
      code: m.code,
      confidence: m.confidence,
      ...(kind === 'indicator' ? { kind } : {}),
      name: c?.name ?? null,
    };
  });
  const { unit, unitFound } = findUnit(table, fileName, opts);
  const period = findPeriodCell(table.sheet, table.headerRows[0]! - 1);
  const suggestion: LayoutSuggestion = {
    sheet: table.sheet.name,
    headerRows: table.headerRows,
    columns: table.columns,
    rows,
    unit,
    period: { cell: period?.cell ?? null },
    labelColumn: colName(table.labelColumn),
    preview: preview(table),
    unitFound,
    periodFound: period?.period ?? null,
  };
  return opts.purpose === 'appendix' ? forAppendix(table, suggestion) : suggestion;
}

function findUnit(
  table: FoundTable,
  fileName: string,
  opts: SuggestOptions,
): { unit: LayoutSuggestion['unit']; unitFound: LayoutSuggestion['unitFound'] } {
  const cell = findUnitCell(table.sheet, table.headerRows[0]! - 1);
  if (cell) {
    const found = cell.name ? opts.unitOf(cell.name, 'cell') : null;
    // a blank "Đơn vị báo cáo:" line (a blank copy of the form): the unit is written there, the file may name it
    return {
      unit: { source: 'cell', cell: cell.cell },
      unitFound: found ?? (cell.name ? null : opts.unitOf(fileName, 'file')),
    };
  }
  const bySheet = opts.unitOf(table.sheet.name, 'sheet');
  if (bySheet) return { unit: { source: 'sheet', cell: null }, unitFound: bySheet };
  const byFile = opts.unitOf(fileName, 'file');
  if (byFile) return { unit: { source: 'file', cell: null }, unitFound: byFile };
  return { unit: { source: null, cell: null }, unitFound: null };
}

/** The first rows of the sheet as they look (shown text by column letter), for the review screen. */
function preview(table: FoundTable): LayoutSuggestion['preview'] {
  const { sheet } = table;
  const width = Math.min(sheet.colCount, PREVIEW_COLUMNS);
  const columns = Array.from({ length: width }, (_, i) => colName(i + 1));
  const rows: LayoutPreviewRow[] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, PREVIEW_ROWS); r++) {
    const cells: Record<string, string> = {};
    for (let c = 1; c <= width; c++) {
      const m = sheet.mergedFrom(r, c);
      if (m) continue; // a merged cell shows once, in its first cell
      const t = cellText(sheet.get(r, c));
      if (t && cleanText(t)) cells[colName(c)] = cleanText(t);
    }
    rows.push({ row: r, cells });
  }
  return { columns, rows };
}
