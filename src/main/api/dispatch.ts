/**
 * The one entry every door calls: validate the input with the contract's schema, run the handler,
 * and return a Result. Nothing throws across a door.
 */
import type { z } from 'zod';
import { contract, isOpName, type OpName } from '../../shared/contract';
import { AppError, INTERNAL_MESSAGE, type Result } from '../../shared/result';
import { databaseError } from '../db/errors';
import type { Ctx } from './context';
import { handlers } from './handlers';
import { configureZodVi } from './zod-vi';

configureZodVi();

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Writing operations run one at a time, per core (ctx): this is the ONE place that serialises them, whichever door
 * the call came through. Reads run at once (SQLite serves them from the last committed state).
 */
const writeQueues = new WeakMap<Ctx, Promise<unknown>>();

export function dispatch(ctx: Ctx, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (isOpName(name) && contract[name].writes) {
    const run = (writeQueues.get(ctx) ?? Promise.resolve()).then(() => dispatchNow(ctx, name, rawInput));
    writeQueues.set(
      ctx,
      run.catch(() => undefined),
    );
    return run;
  }
  return dispatchNow(ctx, name, rawInput);
}

async function dispatchNow(ctx: Ctx, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isOpName(name)) {
    return { ok: false, error: { code: 'unknown_operation', message: `Không có thao tác "${name}".` } };
  }
  const schema = contract[name].input;
  const parsed = schema.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: `Dữ liệu gửi lên không hợp lệ: ${describeIssues(parsed.error)}.` },
    };
  }
  try {
    const handler = handlers[name as OpName] as (input: unknown, ctx: Ctx) => unknown;
    const data = await handler(parsed.data, ctx);
    return { ok: true, data };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toData() };
    // the database itself (locked, busy, read-only, disk full, damaged): the cause, and what to do
    const db = databaseError(e, ctx.dbPath);
    if (db) return { ok: false, error: db.toData() };
    // an unexpected failure: keep the detail for the log, show the officer a plain message
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    if (process.env.BDG_DEBUG) console.error(detail);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: INTERNAL_MESSAGE,
        details: { cause: e instanceof Error ? e.message : String(e) },
      },
    };
  }
}
