/**
 * The first screen's answers asked for by a small classic script (first-answers-entry.ts, built on its own as
 * `first-answers.js` and loaded at the top of index.html) while the browser still downloads and runs the app's
 * own script (~1 MB of React and antd: hundreds of milliseconds on the officer's machine before main.tsx runs).
 * The same operations with the same inputs as state/boot.ts asks for (settings, app info, the period list and, on
 * Tổng quan, the current period's completeness figures); boot.ts takes each answer once (`takeFirstAnswer`) instead
 * of asking again. Only successful answers are kept: anything else is asked again by boot.ts, whose own call
 * gives the officer the usual message. Nothing here runs at import: the entry calls `startFirstAnswers`.
 */
import type { Input, OpName, Output } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { currentPeriod, readStored } from '../state/period-choice';
import { createHttpApi, TOKEN_KEY } from './http';

/** the global the script leaves its answers in, one promise per `op input` key */
const GLOBAL = '__bdgFirstAnswers';

type Answers = Map<string, Promise<{ data: unknown } | null>>;
type Holder = { [GLOBAL]?: Answers; api?: Record<string, (input: unknown) => Promise<Result<unknown>>> };

const keyOf = (op: string, input: unknown) => `${op} ${JSON.stringify(input)}`;

/** Tổng quan is the screen shown at `#/` (and when there is no route yet). */
export const onDashboard = (hash: string) => hash === '' || hash === '#' || hash === '#/';

/** The web door's token as api/http.ts will take it (the address's `?token=`, else the session's), not moved. */
function peekToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) return fromUrl;
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

type Door = NonNullable<Holder['api']>;

/** The door there is: Electron's preload api when present, else the web host's HTTP client (api/http.ts). */
const doorNow = (): Door =>
  (window as unknown as Holder).api ?? (createHttpApi({ token: peekToken() }) as unknown as Door);

/** One operation through that door: its data when it succeeded, else null. */
async function ask(door: Door, op: string, input: unknown): Promise<{ data: unknown } | null> {
  try {
    const r = await door[op]!(input);
    return r && typeof r === 'object' && r.ok ? { data: r.data } : null;
  } catch {
    return null;
  }
}

/** Asks for the first screen's answers at once (settings, app info, periods; then Tổng quan's status). */
export function startFirstAnswers(): void {
  const answers: Answers = new Map();
  (window as unknown as Holder)[GLOBAL] = answers;
  const door = doorNow();
  const put = (op: string, input: unknown) => {
    const p = ask(door, op, input);
    answers.set(keyOf(op, input), p);
    return p;
  };
  const settings = put('settings.get', {});
  put('app.info', {});
  const periods = put('periods.list', {});
  void Promise.all([settings, periods]).then(([s, list]) => {
    if (!s || !list || !(s.data as Output<'settings.get'>).setupDone || !onDashboard(window.location.hash)) return;
    const period = currentPeriod(list.data as Output<'periods.list'>, readStored());
    if (period) put('status.get', { periodId: period.id });
  });
}

/**
 * The answer the script got for `op` with `input`, taken once (a later call asks the host again); undefined when
 * it has none, null when its call did not succeed (then ask the host).
 */
export function takeFirstAnswer<K extends OpName>(
  op: K,
  input: Input<K>,
): Promise<{ data: Output<K> } | null> | undefined {
  const answers = (window as unknown as Holder)[GLOBAL];
  const key = keyOf(op, input);
  const p = answers?.get(key);
  answers?.delete(key);
  return p as Promise<{ data: Output<K> } | null> | undefined;
}

/** Forgets the answers nobody took (the first screen is asked for: anything later asks the host). */
export function dropFirstAnswers(): void {
  delete (window as unknown as Holder)[GLOBAL];
}
