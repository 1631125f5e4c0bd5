/** The consolidated sheets' rows (a heading per section, then its non-text elements) and value lookups. */
import { useMemo, type ReactNode } from 'react';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import type { ConsolidatedValue } from '../../../../shared/domain/report';
import type { CatalogIndex } from '../../state/catalog';

export interface Row {
  key: string;
  section?: string;
  element?: DataElement;
}

export type VMap = Map<string, ConsolidatedValue>;
export const vkey = (code: string, cell: CellKey) => `${code}|${cell}`;
export const toMap = (values: ConsolidatedValue[]): VMap => new Map(values.map((v) => [vkey(v.code, v.cell), v]));
/** the figure that stands for an element: its total, or its only cell */
export const mainCell = (el: DataElement): CellKey => (el.cells.includes('total') ? 'total' : (el.cells[0] ?? 'value'));
/** section rows span the whole table; the other cells of the row give way */
export const hide = (r: Row) => (r.section ? { colSpan: 0 } : {});
/** an element's main figure in a table of values */
export const mainValue = (m: VMap | null | undefined, el: DataElement) => m?.get(vkey(el.code, mainCell(el)));

/** A right-aligned column of figures: empty on section rows, `show(element)` on the others. */
export function figureColumn(title: ReactNode, width: number, show: (el: DataElement) => ReactNode) {
  return {
    title,
    width,
    align: 'right' as const,
    onCell: hide,
    render: (_: unknown, r: Row) => (r.element ? show(r.element) : null),
  };
}

export function useRows(index: CatalogIndex): Row[] {
  return useMemo(() => {
    const cat = index.catalog;
    const out: Row[] = [];
    for (const sec of cat.sections) {
      const els = cat.dataElements.filter((e) => e.section === sec.code && e.type !== 'text');
      if (!els.length) continue;
      out.push({ key: `s-${sec.code}`, section: `${sec.code}. ${sec.name}` });
      for (const e of els) out.push({ key: e.code, element: e });
    }
    return out;
  }, [index]);
}
