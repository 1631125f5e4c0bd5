/** The review screen's model: a row's confidence in words, each column's header text, the definition saved. */
import type {
  LayoutColumns,
  LayoutDefinition,
  LayoutPurpose,
  LayoutRow,
  LayoutSuggestion,
} from '../../../../shared/contract/layouts';

export const PURPOSE_LABEL: Record<LayoutPurpose, string> = {
  import: 'Nhập báo cáo',
  appendix: 'Phụ lục của Bộ',
};

/** a proposal at least this sure is shown as "Chắc chắn" (the bar for a wrong match: none at ≥ 0,8) */
export const SURE = 0.8;

export type RowState = 'confirmed' | 'sure' | 'review' | 'none';

export const ROW_STATE: Record<RowState, { label: string; color: string }> = {
  confirmed: { label: 'Đã xác nhận', color: 'blue' },
  sure: { label: 'Chắc chắn', color: 'green' },
  review: { label: 'Cần xem lại', color: 'orange' },
  none: { label: 'Không khớp', color: 'default' },
};

/** A row's state: set by the officer (confirmed), else by the suggestion's confidence; no code: not mapped. */
export function rowState(r: LayoutRow, reviewed: ReadonlySet<number>): RowState {
  if (reviewed.has(r.row)) return r.code ? 'confirmed' : 'none';
  if (!r.code) return 'none';
  return r.confidence >= SURE ? 'sure' : 'review';
}

/** the layout's figure columns, in the contract's order, with their Vietnamese names */
export const COLUMN_ROLES: Array<{ key: keyof LayoutColumns; label: string }> = [
  { key: 'total', label: 'Tổng số' },
  { key: 'female', label: 'Nữ' },
  { key: 'male', label: 'Nam' },
  { key: 'value', label: 'Giá trị' },
];

/** What the header rows write above each column ("Số liệu / Tổng số"), by column letter. */
export function headerTexts(s: Pick<LayoutSuggestion, 'preview' | 'headerRows'>): Map<string, string> {
  const out = new Map<string, string>();
  const heads = s.preview.rows.filter((r) => s.headerRows.includes(r.row));
  for (const col of s.preview.columns) {
    const parts: string[] = [];
    for (const r of heads) {
      const t = (r.cells[col] ?? '').trim();
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    out.set(col, parts.join(' / '));
  }
  return out;
}

/** The column's roles as a short text ("Tổng số"), for the preview's column heads. */
export function roleOf(columns: LayoutColumns, col: string): string | null {
  const roles = COLUMN_ROLES.filter((r) => columns[r.key] === col).map((r) => r.label);
  return roles.length ? roles.join(', ') : null;
}

/** A column chosen for two roles: the first such role pair, to refuse the save with its names. */
export function columnTwice(columns: LayoutColumns): { col: string; roles: string[] } | null {
  for (const r of COLUMN_ROLES) {
    const col = columns[r.key];
    if (!col) continue;
    const roles = COLUMN_ROLES.filter((x) => columns[x.key] === col).map((x) => x.label);
    if (roles.length > 1) return { col, roles };
  }
  return null;
}

/**
 * What `layouts.save` takes: the suggestion as reviewed, without the preview and what was found in this copy;
 * anything else the suggestion carries (the label column, …) is kept as it came.
 */
export function definitionOf(
  s: LayoutSuggestion,
  rows: LayoutRow[],
  columns: LayoutColumns,
  appendixColumns: LayoutDefinition['appendixColumns'],
): LayoutDefinition {
  const { preview: _p, unitFound: _u, periodFound: _f, appendixColumns: _a, ...definition } = s;
  return { ...definition, columns, rows, ...(appendixColumns?.length ? { appendixColumns } : {}) };
}

/** The row's label without the numbering ("1.", "a)", "I.") and units in brackets: a new element's name. */
export function nameFromLabel(label: string): string {
  return label
    .replace(/^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s*/iu, '')
    .replace(/\s*\([^)]*\)\s*$/u, '')
    .replace(/^\s*-\s*/u, '')
    .trim()
    .slice(0, 500);
}
