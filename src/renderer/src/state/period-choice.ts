/**
 * Which period the screens work on, without React: read by the period provider (./period.tsx) and by the script
 * that asks for the first screen's answers before the app's own script has loaded (../first-answers.ts).
 */
import type { Period } from '../../../shared/domain/records';

/** sessionStorage key of the period the officer chose */
export const PERIOD_KEY = 'bdg.periodId';

/** Latest open period (by year, then data end, then id); the latest of all when none is open. */
export function defaultPeriod(periods: Period[]): Period | null {
  const sorted = [...periods].sort((a, b) => b.year - a.year || b.dataTo.localeCompare(a.dataTo) || b.id - a.id);
  return sorted.find((p) => p.status === 'open') ?? sorted[0] ?? null;
}

/** The period the screens work on: the one the officer chose (if it is still there), else the default. */
export function currentPeriod(periods: Period[], chosen: number | null): Period | null {
  return periods.find((p) => p.id === chosen) ?? defaultPeriod(periods);
}

export function readStored(): number | null {
  try {
    const v = Number(window.sessionStorage.getItem(PERIOD_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}
