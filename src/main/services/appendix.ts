/**
 * The ministry's appendix filled with the province's figures of a period (issue 17, part 4): an `appendix` layout
 * says which row is which indicator or data element and what each figure column means (result, target, the same
 * period of the previous year, or a data element's Tổng số / Nữ / Nam); the figures come from the consolidation
 * (indicators recomputed from the summed numerator and denominator, never averaged) and are written into a copy
 * of THAT workbook by excel/appendix-writer, which changes only the written cells.
 */
import { eq } from 'drizzle-orm';
import {
  layoutDefinitionSchema,
  type AppendixColumnRole,
  type LayoutDefinition,
  type LayoutRow,
} from '../../shared/contract/layouts';
import type { CatalogView } from '../../shared/contract/catalog';
import type { FilePayload } from '../../shared/contract/op';
import type { CellKey, DataElement, Indicator } from '../../shared/domain/catalog';
import type { Consolidation, ConsolidatedValue, IndicatorResult } from '../../shared/domain/report';
import { targetFor } from '../../shared/rules/aggregate';
import { AppError } from '../../shared/result';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { fillWorkbook, type CellWrite } from '../excel/appendix-writer';
import { inspectBytes } from '../excel/file-guard';
import { getCatalog } from './catalog';
import { periodConsolidation } from './consolidation';
import { getPeriodRow } from './periods';
import { asciiWords } from './templates';

export interface AppendixFill {
  name: string;
  bytes: Uint8Array;
  filled: number;
  empty: number;
}

type Figure = { value: number | string; percent?: boolean } | null;

/** What one mapped row stands for: an indicator of the catalogue, or a data element (maybe a strategy target). */
type RowTarget = { kind: 'indicator'; indicator: Indicator } | { kind: 'element'; element: DataElement };

const CELL_ROLES: ReadonlySet<AppendixColumnRole> = new Set(['total', 'female', 'male', 'value']);

function rowTarget(row: LayoutRow, elements: Map<string, DataElement>, indicators: Map<string, Indicator>): RowTarget {
  const code = row.code!;
  const el = elements.get(code);
  const ind = indicators.get(code);
  // an indicator row may name a strategy target that is a data element itself (CL.M4.4 = CSYT_LGBT)
  const strategyEl = [...elements.values()].find((e) => e.strategyCode === code);
  if (row.kind === 'indicator') {
    if (ind) return { kind: 'indicator', indicator: ind };
    if (strategyEl) return { kind: 'element', element: strategyEl };
  } else {
    if (el) return { kind: 'element', element: el };
    if (ind) return { kind: 'indicator', indicator: ind };
    if (strategyEl) return { kind: 'element', element: strategyEl };
  }
  throw new AppError(
    'invalid_input',
    `Dòng ${row.row} của mẫu phụ lục ("${row.label.slice(0, 80)}") chỉ tới mã "${code}" không có trong danh mục. ` +
      'Hãy mở mẫu phụ lục, chọn lại chỉ tiêu cho dòng này hoặc bỏ ánh xạ.',
  );
}

/** The element's one figure when it has a single cell (count, yes/no, amount), else its Tổng số. */
const mainCell = (e: DataElement): CellKey => (e.cells.includes('value') ? 'value' : 'total');

function elementFigure(e: DataElement, cell: CellKey, values: readonly ConsolidatedValue[] | undefined): Figure {
  if (!values || !e.cells.includes(cell)) return null;
  const v = values.find((x) => x.code === e.code && x.cell === cell);
  if (!v) return null;
  // a yes/no the province answers itself is Có/Không; a yes/no of the units is how many answered Có
  if (e.type === 'yesno' && e.collectedFrom === 'province') return { value: v.value ? 'Có' : 'Không' };
  return { value: v.value };
}

function indicatorFigure(ind: Indicator, r: IndicatorResult | undefined): Figure {
  if (!r || r.value === null) return null;
  return { value: r.value, percent: ind.unit === '%' };
}

/**
 * The cells to write for a layout and a period's consolidation: `writes`, every mapped cell with its figure (value
 * null when the period has none: the blank's cell stays as it is, but is checked like the others), and `empty`,
 * how many have none. A role that does not apply to a row (a
 * "Nữ" column on a row counted without sex, a target for an element without one) is neither.
 */
export function appendixWrites(
  layout: LayoutDefinition,
  c: Pick<Consolidation, 'values' | 'indicators' | 'previous'>,
  catalog: Pick<CatalogView, 'dataElements' | 'indicators' | 'provinceTargets'>,
  year: number,
): { writes: CellWrite[]; empty: number } {
  const columns = layout.appendixColumns ?? [];
  if (columns.length === 0) {
    throw new AppError(
      'invalid_input',
      'Mẫu phụ lục chưa nói cột nào ghi số liệu gì (kết quả, chỉ tiêu, cùng kỳ năm trước, Tổng số, Nữ…). ' +
        'Hãy mở mẫu phụ lục và gán vai trò cho các cột số liệu.',
    );
  }
  const seenCols = new Set<string>();
  for (const col of columns) {
    if (seenCols.has(col.column)) {
      throw new AppError('invalid_input', `Cột ${col.column} được gán hai vai trò trong mẫu phụ lục: hãy giữ một.`);
    }
    seenCols.add(col.column);
  }
  const elements = new Map(catalog.dataElements.map((e) => [e.code, e]));
  const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
  const provinceTargets = catalog.provinceTargets;
  const current = new Map(c.indicators.map((i) => [i.code, i]));
  const previous = new Map((c.previous?.indicators ?? []).map((i) => [i.code, i]));
  // the column a single figure goes to (unless the row names its own): "Số liệu", else the first cell column,
  // else "result"
  const firstOf = (role: AppendixColumnRole) => columns.find((x) => x.role === role)?.column ?? null;
  const singleDefault = firstOf('value') ?? firstOf('total') ?? firstOf('female') ?? firstOf('male');
  const hasCellColumns = singleDefault !== null;
  const singleHome = singleDefault ?? firstOf('result');

  const writes: CellWrite[] = [];
  let empty = 0;
  for (const row of layout.rows) {
    if (!row.code) continue;
    const target = rowTarget(row, elements, indicators);
    for (const { column, role } of columns) {
      let figure: Figure | undefined; // undefined: the role does not apply to this row
      if (target.kind === 'indicator') {
        const ind = target.indicator;
        if (role === 'result' || role === 'value') figure = indicatorFigure(ind, current.get(ind.code));
        else if (role === 'previous') figure = c.previous ? indicatorFigure(ind, previous.get(ind.code)) : null;
        else if (role === 'target') {
          const tg = current.get(ind.code)?.target ?? targetFor(ind, year, provinceTargets);
          figure = tg ? { value: tg.value, percent: ind.unit === '%' } : null;
        }
      } else {
        const e = target.element;
        const single = e.cells.length === 1 && e.cells[0] === 'value';
        if (e.type === 'text') figure = undefined;
        else if (role === 'previous') figure = elementFigure(e, mainCell(e), c.previous?.values);
        else if (role === 'target') {
          if (e.strategyCode) {
            const tg = targetFor({ code: e.strategyCode, targets: e.targets }, year, provinceTargets);
            // a yes/no target (CL.M5.1: the content is taught) reads Có/Không like the figure
            figure = !tg ? null : e.type === 'yesno' ? { value: tg.value ? 'Có' : 'Không' } : { value: tg.value };
          }
        } else if (single) {
          // one figure (a count, a yes/no, an amount): in the row's own column, else the first figure column
          if (column === (row.column ?? singleHome)) figure = elementFigure(e, 'value', c.values);
        } else if (role === 'result') {
          // Tổng số / Nữ / Nam go to their own columns when the appendix has them, else the total to "result"
          if (!hasCellColumns) figure = elementFigure(e, mainCell(e), c.values);
        } else if (CELL_ROLES.has(role) && e.cells.includes(role as CellKey)) {
          figure = elementFigure(e, role as CellKey, c.values);
        }
      }
      if (figure === undefined) continue;
      if (figure === null) empty++;
      writes.push({ ref: `${column}${row.row}`, ...(figure ?? { value: null }) });
    }
    // a single figure the officer put in a column that has no role of its own
    if (target.kind === 'element' && row.column && !columns.some((x) => x.column === row.column)) {
      const e = target.element;
      if (e.type !== 'text' && e.cells.length === 1 && e.cells[0] === 'value') {
        const figure = elementFigure(e, 'value', c.values);
        if (figure === null) empty++;
        writes.push({ ref: `${row.column}${row.row}`, ...(figure ?? { value: null }) });
      }
    }
  }
  return { writes, empty };
}

/** The stored appendix layout, checked again against the contract's schema (it is JSON in the database). */
function appendixLayout(db: Db, layoutId: number): LayoutDefinition {
  const row = db.select().from(t.layouts).where(eq(t.layouts.id, layoutId)).get();
  if (!row) {
    throw new AppError('not_found', `Không tìm thấy mẫu biểu số ${layoutId}. Hãy xem danh sách mẫu biểu đã lưu.`);
  }
  if (row.purpose !== 'appendix') {
    throw new AppError(
      'invalid_input',
      `Mẫu biểu "${row.name}" dùng để nhập báo cáo của đơn vị, không phải mẫu phụ lục của Bộ. ` +
        'Hãy chọn một mẫu phụ lục (lập từ tệp phụ lục trống của Bộ).',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(row.definition);
  } catch {
    json = null;
  }
  const parsed = layoutDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('invalid_input', `Mẫu phụ lục "${row.name}" lưu trong cơ sở dữ liệu bị hỏng: hãy lập lại.`);
  }
  return parsed.data;
}

export async function fillAppendix(
  db: Db,
  input: { periodId: number; layoutId: number; file: FilePayload },
): Promise<AppendixFill> {
  const period = getPeriodRow(db, input.periodId);
  const layout = appendixLayout(db, input.layoutId);
  const inspection = inspectBytes(input.file.bytes, input.file.name);
  if (inspection.format !== 'xlsx') {
    throw new AppError(
      'bad_file',
      `Tệp "${input.file.name}" ở định dạng Excel cũ (.xls). Hãy mở bằng Excel, chọn Lưu thành "Excel Workbook ` +
        '(*.xlsx)" rồi chọn lại tệp.',
    );
  }
  const catalog = getCatalog(db);
  const consolidation = periodConsolidation(db, input.periodId);
  const { writes, empty } = appendixWrites(layout, consolidation, catalog, period.year);
  const filled = await fillWorkbook(input.file.bytes, input.file.name, layout.sheet, writes);
  const base = asciiWords(input.file.name.replace(/\.xls[xm]?$/i, ''), 60) || 'Phu-luc';
  const label = asciiWords(period.label.charAt(0).toUpperCase() + period.label.slice(1), 40);
  return { name: `${base}_${label}.xlsx`, bytes: filled.bytes, filled: filled.written, empty };
}
