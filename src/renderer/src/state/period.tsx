/** The current period, shared by every screen: the latest open period unless the officer picks another. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Period } from '../../../shared/domain/records';
import { useOp } from '../api/client';
import { currentPeriod, PERIOD_KEY, readStored } from './period-choice';

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

// the choice itself has no React in it: the first-answers script makes it too, before the app loads
export { currentPeriod, defaultPeriod, readStored } from './period-choice';
const KEY = PERIOD_KEY;

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
