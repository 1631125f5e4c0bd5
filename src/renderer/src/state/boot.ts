/**
 * The first screen's answers asked for at once, when the app starts, instead of one after the other as the
 * components mount (settings → the shell → the period list → the page → its figures: four round trips, each
 * after a render that keeps the page's thread busy for hundreds of milliseconds at national scale). Same
 * operations, same inputs, same query keys as the components' own `useOp`, so they find the answers in the cache
 * (or the request in flight) and nothing is asked twice; an error is left for the component, which asks again.
 * The answers are asked for earlier still by first-answers.js (api/first-answers.ts), before this script has even
 * loaded: each is taken from there when it is there.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Input, OpName, Output } from '../../../shared/contract';
import { call } from '../api/client';
import { dropFirstAnswers, onDashboard, takeFirstAnswer } from '../api/first-answers';
import { currentPeriod, readStored } from './period-choice';

/** Fetches into the cache the answer first-answers.js already asked for (taken now, once), else the host's. */
function prefetch<K extends OpName>(qc: QueryClient, op: K, input: Input<K>) {
  const early = takeFirstAnswer(op, input);
  return qc.fetchQuery({
    queryKey: [op, input],
    queryFn: async (): Promise<Output<K>> => {
      const got = await early;
      return got ? got.data : call(op, input);
    },
  });
}

/** The longest the first render waits for the settings and the period list (a slow host: render anyway). */
const HOLD_MS = 1_000;

/**
 * Asks for the settings, the app's info and the period list; on Tổng quan, once the period is known, its
 * completeness figures (status.get). Resolves when those requests are sent (or have failed, or after HOLD_MS):
 * rendering then, the page's thread is busy while the figures travel, not before they are asked for.
 */
export function prefetchFirstScreen(qc: QueryClient): Promise<void> {
  const swallow = () => undefined;
  const settings = prefetch(qc, 'settings.get', {});
  void prefetch(qc, 'app.info', {}).catch(swallow);
  const periods = prefetch(qc, 'periods.list', {});
  const sent = Promise.all([settings, periods]).then(([s, list]) => {
    const period = s.setupDone && onDashboard(window.location.hash) ? currentPeriod(list, readStored()) : null;
    if (period) void prefetch(qc, 'status.get', { periodId: period.id }).catch(swallow);
  });
  // what the first screen did not take is not kept for later screens (they ask the host)
  void sent.finally(dropFirstAnswers).catch(swallow);
  return Promise.race([sent, new Promise<void>((ok) => setTimeout(ok, HOLD_MS))]).catch(swallow);
}
