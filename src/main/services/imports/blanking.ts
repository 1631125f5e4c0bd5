/**
 * No silent wipe: a new revision that leaves blank the cells the current revision has figures for is refused
 * (code BLANKING, the cells listed) unless the officer confirms it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CatalogView } from '../../../shared/contract';
import type { CellKey, UnitKind } from '../../../shared/domain/catalog';
import type { ReporterUnit } from '../../../shared/domain/reporters';
import type { StoredValue } from '../../../shared/domain/records';
import type { ImportResult } from '../../../shared/domain/report';
import { formatNumber } from '../../../shared/text/vi';
import type * as t from '../../db/schema';
import { templateRowsFor } from '../../excel/form-layout';
import { storedCells, type Revision } from './commit';
import type { Msg } from './result';

export type Blanked = NonNullable<ImportResult['blanked']>[number];

function shown(c: { state: string; num: number | null; text: string | null }): string {
  if (c.state === 'number') return formatNumber(c.num ?? 0, 6);
  if (c.state === 'yesno') return (c.num ?? 0) !== 0 ? 'Có' : 'Không';
  if (c.state === 'na') return 'Không áp dụng';
  const s = c.text ?? '';
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The cells of the unit's form that the current revision has and the new values leave blank. */
export function blankedCells(
  raw: BetterSqlite3.Database,
  current: Revision,
  values: StoredValue[],
  catalog: CatalogView,
  tpl: typeof t.templates.$inferSelect,
  unit: ReporterUnit | UnitKind,
): Blanked[] {
  const onForm = new Map(templateRowsFor(tpl, catalog.dataElements, unit).map((d) => [d.code, d]));
  const now = new Set(values.map((v) => `${v.element}|${v.cell}`));
  const out: Blanked[] = [];
  for (const c of storedCells(raw, current.id)) {
    const d = onForm.get(c.element);
    if (!d || now.has(`${c.element}|${c.cell}`)) continue;
    if (d.type !== 'text' && !d.cells.includes(c.cell as CellKey)) continue;
    out.push({ element: c.element, name: d.name, cell: c.cell, previous: shown(c) });
  }
  return out;
}

export function blankingError(blanked: Blanked[], revision: number): Msg {
  const few = blanked
    .slice(0, 3)
    .map((b) => `${b.name} (${b.previous})`)
    .join('; ');
  return {
    code: 'BLANKING',
    message:
      `Bản gửi mới để trống ${formatNumber(blanked.length)} ô mà lần gửi thứ ${revision} có số liệu: ${few}` +
      `${blanked.length > 3 ? '; …' : ''}. Nếu đơn vị thật sự muốn bỏ các số liệu này, hãy nhập lại và xác nhận ` +
      '"vẫn nhập"; nếu không, đề nghị đơn vị điền đủ rồi gửi lại.',
  };
}
