/** The current period, shared by every screen: the latest open period unless the officer picks another. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Period } from '../../../shared/domain/records';
import { useOp } from '../api/client';

interface PeriodState {
  periods: Period[];
  loading: boolean;
  periodId: number | null;
  period: Period | null;
  setPeriodId: (id: number | null) => void;
}

const Ctx = createContext<PeriodState>({
  periods: [],
  loading: false,
  periodId: null,
  period: null,
  setPeriodId: () => undefined,
});

const KEY = 'bdg.periodId';

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
    const v = Number(window.sessionStorage.getItem(KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function PeriodProvider({ children }: { children: ReactNode }) {
  const q = useOp('periods.list', {});
  const [chosen, setChosen] = useState<number | null>(readStored);
  const value = useMemo<PeriodState>(() => {
    const periods = q.data ?? [];
    const period = currentPeriod(periods, chosen);
    return {
      periods,
      loading: q.isLoading,
      periodId: period?.id ?? null,
      period,
      setPeriodId: (id) => {
        setChosen(id);
        try {
          if (id) window.sessionStorage.setItem(KEY, String(id));
          else window.sessionStorage.removeItem(KEY);
        } catch {
          // ignore
        }
      },
    };
  }, [q.data, q.isLoading, chosen]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePeriod(): PeriodState {
  return useContext(Ctx);
}
