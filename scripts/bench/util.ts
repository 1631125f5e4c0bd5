/** The bench parts' small tools: a clock, the median, rounding, a dispatcher call that throws, warm-then-timed runs. */
import type { Ctx } from '../../src/main/api/context';
import { dispatch } from '../../src/main/api/dispatch';
import type { Result } from '../../src/shared/result';

export const now = (): number => performance.now();

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

/** One operation through the dispatcher, as the screens call it; an error answer throws. */
export async function call<T>(ctx: Ctx, op: string, input: unknown): Promise<T> {
  const r = (await dispatch(ctx, op, input)) as Result<T>;
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.data;
}

/** `warm` untimed runs, then the median of `runs` timed ones, in ms. */
export async function timed(runs: number, warm: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await fn();
    xs.push(now() - t0);
  }
  return median(xs);
}
