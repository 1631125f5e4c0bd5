/**
 * How many units a consolidated figure comes from, and what that means for what is said of it: a period still
 * waiting for units gives an assessment that is "tạm tính" (provisional), and a comparison with last year between
 * figures of different numbers of units is only indicative. The documents (main/documents/model.ts) and the
 * screens (Tổng quan, Tổng hợp) say the same thing from these.
 */
import type { CellKey, DataElement, Indicator } from '../domain/catalog';
import type { ConsolidatedValue } from '../domain/report';

/** How many units an indicator's inputs come from: the most of its numerator's and denominator's cells (null: only
 * province figures, which no unit reports). */
export function indicatorUnits(
  ind: Pick<Indicator, 'numerator' | 'denominator'>,
  elements: readonly DataElement[],
  values: readonly ConsolidatedValue[],
): number | null {
  let units: number | null = null;
  for (const expr of [ind.numerator, ind.denominator]) {
    const m = /^(?:count_yes|count_reported)\(([^)]+)\)$/.exec(expr.trim()) ?? /^([^.()]+)\.(\w+)$/.exec(expr.trim());
    if (!m) continue;
    const code = m[1]!.trim();
    const cell = (m[2] ?? 'value') as CellKey;
    const el = elements.find((e) => e.code === code);
    if (!el || el.collectedFrom === 'province') continue;
    const n = values.find((v) => v.code === code && v.cell === cell)?.units ?? 0;
    units = Math.max(units ?? 0, n);
  }
  return units;
}

/**
 * A comparison with last year between figures of different numbers of units (only indicative): last year's value
 * is there, and both counts are known (null: a province figure) and differ.
 */
export function coverageDiffers(
  units: number | null,
  previousUnits: number | null,
  previous: number | null | undefined,
): boolean {
  return (
    previous !== null && previous !== undefined && units !== null && previousUnits !== null && previousUnits !== units
  );
}

/** A figure from units (not a province figure) of a period that has not heard from every unit expected. */
export function isProvisional(units: number | null, reporting: { expected: number; received: number }): boolean {
  return units !== null && reporting.received < reporting.expected;
}
