/**
 * The per-value comparison with the same period of the previous year (issue 17): each consolidated cell and
 * indicator gains `previous`, read from the period-level `Consolidation.previous` block already built (the
 * previous period is never consolidated twice). Province totals sum every unit of each year, so a merger does not
 * break the comparison: last year's sums include the communes dissolved since, this year's their successors.
 */
import type { ConsolidatedValue, Consolidation, IndicatorResult } from '../../shared/domain/report';

/** `values` and `indicators` with `previous` set: the same cell / indicator a year earlier, null when none. */
export function withPrevious(
  values: readonly ConsolidatedValue[],
  indicators: readonly IndicatorResult[],
  previous: Consolidation['previous'],
): { values: ConsolidatedValue[]; indicators: IndicatorResult[] } {
  const cells = new Map((previous?.values ?? []).map((v) => [`${v.code}.${v.cell}`, v.value]));
  const inds = new Map((previous?.indicators ?? []).map((i) => [i.code, i.value]));
  return {
    values: values.map((v) => ({ ...v, previous: cells.get(`${v.code}.${v.cell}`) ?? null })),
    indicators: indicators.map((i) => ({ ...i, previous: inds.get(i.code) ?? null })),
  };
}
