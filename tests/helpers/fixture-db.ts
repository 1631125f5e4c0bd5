/**
 * The committed database fixture (tests/fixtures/db/v0.1.0.sqlite, a province's real cycles), copied into a fresh
 * folder for one test and opened through the app's own context; `closeFixtures` (in an afterEach) closes every copy
 * opened. `callOp` goes through the dispatcher as a door does and throws on a refusal.
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext, type Ctx } from '../../src/main/api/context';
import { dispatch } from '../../src/main/api/dispatch';
import { tmpDir } from './tmp';

export const DB_FIXTURE = resolve(__dirname, '../fixtures/db/v0.1.0.sqlite');

const open: Ctx[] = [];

export function fixtureCtx(): Ctx {
  const path = join(tmpDir(), 'fixture.sqlite');
  copyFileSync(DB_FIXTURE, path);
  const ctx = createContext(path, { today: () => '2026-01-20' });
  open.push(ctx);
  return ctx;
}

export function closeFixtures(): void {
  while (open.length) open.pop()!.close();
}

export async function callOp<T>(ctx: Ctx, op: string, input: unknown): Promise<T> {
  const r = (await dispatch(ctx, op as never, input)) as { ok: boolean; data?: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${op}: ${r.error!.message}`);
  return r.data as T;
}

/** The id of the revision of `code` that counts in `periodId` (the fixture's open period by default). */
export const currentOf = (ctx: Ctx, code: string, periodId = 2): number =>
  (
    ctx.raw
      .prepare(
        'SELECT s.id FROM submissions s JOIN units u ON u.id = s.unit_id ' +
          'WHERE s.period_id = ? AND u.code = ? AND s.superseded_by IS NULL',
      )
      .get(periodId, code) as { id: number }
  ).id;
