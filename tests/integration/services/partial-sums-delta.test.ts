/**
 * Issue 20: after a write to a period, its kept partial sums are brought up to date in place (services/partial-sums.ts
 * updatePeriodSums: what the changed revisions counted before taken out, what they count now put in) instead of the
 * period being summed again, and only where that provably gives a fresh sum's figures. For each write (an import,
 * a correction, a withdrawal, a replaced revision, a history import) the kept sums must equal, bit for bit, both a
 * fresh one-pass sum on a second connection and the GROUP BY of the code before, and the whole consolidation must
 * equal the code before (reference/consolidation-v1.ts); `sumCounts` tells which path ran. Every unsure case falls
 * back: a fractional value or one of magnitude ≥ 2^53 (its element and cell summed again in the period's order),
 * a change of a unit's kind, another connection's commit, a value put into a revision under a key it did not hold
 * (summed again), and a rolled-back write is never taken as a change.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../src/main/api/context';
import { periodConsolidation, periodPartials, trends } from '../../../src/main/services/consolidation';
import { sumCounts, sumPeriodCells } from '../../../src/main/services/partial-sums';
import { updateCounts } from '../../../src/main/db/read-cache';
import { importSeededForm } from '../../helpers/province';
import { callOp, closeFixtures, currentOf, fixtureCtx } from '../../helpers/fixture-db';
import * as ref from './reference/consolidation-v1';
import { GROUP_BY_SQL } from './reference/group-by';

/** the fixture's open period (2025, year) and its closed one (2025, six months) */
const P = 2;
const Q = 1;
afterEach(closeFixtures);
const fixture = fixtureCtx;
const call = callOp;

/** A period's partial sums from scratch on a second connection: the one-pass sum, and the GROUP BY before it. */
function fresh(ctx: Ctx, periodId: number): { onePass: unknown; groupBy: unknown } {
  const other = new Database(ctx.dbPath, { readonly: true });
  try {
    const groupBy: Record<string, unknown[]> = {};
    for (const [kind, element, cell, state, sum, count] of other.prepare(GROUP_BY_SQL).raw(true).all(periodId) as Array<
      [string, string, string, string, number | null, number]
    >) {
      (groupBy[kind] ??= []).push({ element, cell, state, sum: sum ?? 0, count });
    }
    return { onePass: sumPeriodCells(other, periodId), groupBy };
  } finally {
    other.close();
  }
}

/** The kept sums of P equal a fresh sum, bit for bit, and the consolidation and trends equal the code before. */
function expectFresh(ctx: Ctx, periodId = P): void {
  const kept = periodPartials(ctx.db, periodId);
  const f = fresh(ctx, periodId);
  expect(kept).toEqual(f.onePass);
  expect(kept).toEqual(f.groupBy);
  const c = ref.periodConsolidation(ctx.db, periodId);
  const got = periodConsolidation(ctx.db, periodId, { allTexts: true });
  // v1 did not know history entries (it judges them on time or late): the figures only, where the period has some
  if (ctx.raw.prepare('SELECT 1 FROM submissions WHERE period_id = ? AND history = 1').get(periodId)) {
    expect([got.values, got.indicators, got.byKind, got.texts]).toEqual([c.values, c.indicators, c.byKind, c.texts]);
  } else {
    expect(got).toEqual({ ...c, textsTotal: c.texts.length });
  }
  expect(trends(ctx.db)).toEqual(ref.trends(ctx.db));
}

/** A value rewritten as a correction writes it (its row deleted and inserted again), bypassing the form's checks. */
function rewrite(ctx: Ctx, id: number, element: string, cell: string, num: number): void {
  ctx.raw.transaction(() => {
    ctx.raw
      .prepare('DELETE FROM submission_values WHERE submission_id = ? AND element = ? AND cell = ?')
      .run(id, element, cell);
    ctx.raw.prepare("INSERT INTO submission_values VALUES (?, ?, ?, 'number', ?, NULL)").run(id, element, cell, num);
  })();
}

/** How P's sums were obtained across `fn`: periods summed whole, kept sums brought up to date, columns summed. */
async function pathsOf(
  fn: () => unknown,
): Promise<{ periods: number; updates: number; columns: number; replays: number }> {
  const c0 = { ...sumCounts };
  await fn();
  return {
    periods: sumCounts.periods - c0.periods,
    updates: sumCounts.updates - c0.updates,
    columns: sumCounts.columns - c0.columns,
    replays: sumCounts.replays - c0.replays,
  };
}

/** Warms P's sums, writes, reads them again: which path ran, and the answers equal a fresh sum's and the old code's. */
async function afterWrite(ctx: Ctx, write: () => unknown, periodId = P) {
  expectFresh(ctx, periodId);
  const before = periodPartials(ctx.db, periodId);
  await write();
  const paths = await pathsOf(() => periodPartials(ctx.db, periodId));
  expectFresh(ctx, periodId);
  return { paths, before, after: periodPartials(ctx.db, periodId) };
}

const integerValue = (ctx: Ctx, submissionId: number) =>
  ctx.raw
    .prepare(
      "SELECT element, cell, num FROM submission_values WHERE submission_id = ? AND state = 'number' AND num > 0 " +
        "AND num = CAST(num AS INTEGER) AND element <> 'KINHPHI' ORDER BY element, cell LIMIT 1",
    )
    .get(submissionId) as { element: string; cell: string; num: number };
const correct = (ctx: Ctx, id: number, element: string, cell: string, value: number) =>
  call(ctx, 'submissions.correct', {
    id,
    element,
    cell,
    value: { state: 'number', value },
    reason: 'Đơn vị báo sửa số',
  });

describe('after a write to the period its kept sums are brought up to date, equal to a fresh sum', () => {
  it('an import (a new revision of a unit that had one): updated in place, fractional groups summed again from their rows', async () => {
    const ctx = fixture();
    const { paths, before, after } = await afterWrite(ctx, () => importSeededForm(ctx, P, 'LC-S03', 777, '2026-01-10'));
    expect(paths).toMatchObject({ periods: 0, updates: 1, replays: 0 });
    // the fractional figures' groups (KINHPHI): their element and cell summed again, in the period's order, once
    expect(paths.columns).toBeGreaterThan(0);
    expect(after).not.toEqual(before);
    // the next import: those groups summed again from the rows kept then (no read)
    const next = await afterWrite(ctx, () => importSeededForm(ctx, P, 'LC-S03', 778, '2026-01-11'));
    expect(next.paths).toMatchObject({ periods: 0, updates: 1, columns: 0 });
    expect(next.paths.replays).toBeGreaterThan(0);
  }, 120_000);

  it("an import and a withdrawal: the period's texts, accepted revisions (status), latest revisions and drilled cell brought up to date too, equal to the code before", async () => {
    const ctx = fixture();
    const count = (k: string) => updateCounts.get(k) ?? 0;
    const kinds = ['texts', 'status-revisions', 'latest', 'cell'];
    const counts = () => kinds.map(count);
    const status = () => call(ctx, 'status.get', { periodId: P });
    const drill = () => call(ctx, 'consolidation.drill', { periodId: P, element: 'TT_LUOT', cell: 'female' });
    const check = async () => {
      expectFresh(ctx);
      expect(await status()).toEqual(ref.periodStatus(ctx.db, P, ctx.today()));
      expect(await drill()).toEqual(ref.drill(ctx.db, P, 'TT_LUOT', 'female'));
    };
    await check();
    const c0 = counts();
    const s0 = await status();
    const d0 = await drill();
    await importSeededForm(ctx, P, 'LC-S03', 909, '2026-01-10');
    await check();
    expect(counts()).toEqual(c0.map((n) => n + 1));
    const s1 = await status();
    const d1 = await drill();
    expect([s1, d1]).not.toEqual([s0, d0]);
    // a withdrawal: the unit back to its previous revision (not itself written: its unit's rows read again)
    await call(ctx, 'submissions.withdraw', { periodId: P, unitCode: 'LC-S03', reason: 'Đơn vị gửi nhầm tệp' });
    await check();
    expect(counts()).toEqual(c0.map((n) => n + 2));
    expect([await status(), await drill()]).not.toEqual([s1, d1]);
  }, 120_000);

  it('a replaced revision (a second import of the same unit) and an import of a unit that had none', async () => {
    const ctx = fixture();
    await importSeededForm(ctx, P, 'LC-S03', 101, '2026-01-10');
    const a = await afterWrite(ctx, () => importSeededForm(ctx, P, 'LC-S03', 202, '2026-01-11'));
    expect(a.paths).toMatchObject({ periods: 0, updates: 1 });
    const missing = (
      ctx.raw
        .prepare(
          'SELECT u.code FROM units u JOIN period_units p ON p.unit_id = u.id AND p.period_id = ? ' +
            'WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.unit_id = u.id AND s.period_id = p.period_id) ' +
            'ORDER BY u.code LIMIT 1',
        )
        .get(P) as { code: string } | undefined
    )?.code;
    if (missing) {
      const b = await afterWrite(ctx, () => importSeededForm(ctx, P, missing, 303, '2026-01-12'));
      expect(b.paths).toMatchObject({ periods: 0, updates: 1 });
    }
  }, 120_000);

  it('a correction of an integer value: updated in place, nothing summed again', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = integerValue(ctx, id);
    const { paths, before, after } = await afterWrite(ctx, () => correct(ctx, id, v.element, v.cell, v.num + 1000));
    expect(paths).toEqual({ periods: 0, updates: 1, columns: 0, replays: 0 });
    expect(after).not.toEqual(before);
  }, 120_000);

  it('a withdrawal (the unit back to its previous revision, or to none)', async () => {
    const ctx = fixture();
    await importSeededForm(ctx, P, 'LC-X02', 404, '2026-01-10');
    const { paths, before, after } = await afterWrite(ctx, () =>
      call(ctx, 'submissions.withdraw', { periodId: P, unitCode: 'LC-X02', reason: 'Đơn vị gửi nhầm tệp' }),
    );
    expect(paths).toMatchObject({ periods: 0, updates: 1 });
    expect(after).not.toEqual(before);
    const again = await afterWrite(ctx, () =>
      call(ctx, 'submissions.withdraw', { periodId: P, unitCode: 'LC-X02', reason: 'Rút nốt bản trước' }),
    );
    expect(again.paths).toMatchObject({ periods: 0, updates: 1 });
  }, 120_000);

  it('a history import into a past period (filed as history, no receipt date)', async () => {
    const ctx = fixture();
    ctx.raw.prepare("UPDATE periods SET status = 'open' WHERE id = ?").run(Q);
    const { paths } = await afterWrite(ctx, () => importSeededForm(ctx, Q, 'LC-S03', 505), Q);
    expect(
      ctx.raw.prepare('SELECT history FROM submissions WHERE id = (SELECT max(id) FROM submissions)').get(),
    ).toEqual({ history: 1 });
    expect(paths).toMatchObject({ periods: 0, updates: 1 });
  }, 120_000);
});

describe('every unsure case falls back to summing again', () => {
  it('a fractional value: its element and cell summed again in the period order, then from its rows', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = integerValue(ctx, id);
    const { paths } = await afterWrite(ctx, () => rewrite(ctx, id, v.element, v.cell, v.num + 0.1));
    expect(paths).toEqual({ periods: 0, updates: 1, columns: 1, replays: 0 });
    // the group is fractional now: a later change to it is summed again from its rows (kept since), still equal
    const next = await afterWrite(ctx, () => rewrite(ctx, id, v.element, v.cell, v.num + 7));
    expect(next.paths).toEqual({ periods: 0, updates: 1, columns: 0, replays: 1 });
  }, 120_000);

  it('a value of magnitude 2^53 or more (no longer exact as a double sum): summed again', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = integerValue(ctx, id);
    const { paths } = await afterWrite(ctx, () => rewrite(ctx, id, v.element, v.cell, 2 ** 53 + 2));
    expect(paths).toEqual({ periods: 0, updates: 1, columns: 1, replays: 0 });
    // the group's magnitudes are past 2^53 now: taking the huge value out again is summed again from its rows
    const back = await afterWrite(ctx, () => rewrite(ctx, id, v.element, v.cell, v.num));
    expect(back.paths).toEqual({ periods: 0, updates: 1, columns: 0, replays: 1 });
  }, 120_000);

  it("a unit's kind: the period summed again (its name or contact: kept as is)", async () => {
    const ctx = fixture();
    const u = ctx.raw.prepare("SELECT id, code, name, kind FROM units WHERE code = 'LC-X02'").get() as {
      id: number;
      code: string;
      name: string;
      kind: string;
    };
    const renamed = await afterWrite(ctx, () =>
      call(ctx, 'units.save', { id: u.id, code: u.code, name: 'Xã mới', kind: u.kind, contact: 'Chị Lan' }),
    );
    expect(renamed.paths).toEqual({ periods: 0, updates: 0, columns: 0, replays: 0 });
    const kind = await afterWrite(ctx, () =>
      call(ctx, 'units.save', { id: u.id, code: u.code, name: u.name, kind: 'doan_the' }),
    );
    expect(kind.paths).toMatchObject({ periods: 1, updates: 0 });
    expect(kind.after).not.toEqual(kind.before);
  }, 120_000);

  it("another connection's commit: summed again", async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = integerValue(ctx, id);
    const { paths, before, after } = await afterWrite(ctx, () => {
      const other = new Database(ctx.dbPath);
      other
        .prepare('UPDATE submission_values SET num = num + 7 WHERE submission_id = ? AND element = ? AND cell = ?')
        .run(id, v.element, v.cell);
      other.close();
    });
    expect(paths).toMatchObject({ periods: 1, updates: 0 });
    expect(after).not.toEqual(before);
  }, 120_000);

  it('a value put into a revision under a key it did not hold (the log cannot vouch for it): summed again', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const { paths } = await afterWrite(ctx, () =>
      ctx.raw.prepare("INSERT INTO submission_values VALUES (?, 'TT_MOI', 'value', 'number', 5, NULL)").run(id),
    );
    expect(paths).toMatchObject({ periods: 1, updates: 0 });
  }, 120_000);

  it('a rolled-back write is not a change: kept as is after it, and the next real change is applied alone', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = integerValue(ctx, id);
    const rollback = await afterWrite(ctx, () => {
      expect(() =>
        ctx.raw.transaction(() => {
          ctx.raw
            .prepare(
              'UPDATE submission_values SET num = num + 5000 WHERE submission_id = ? AND element = ? AND cell = ?',
            )
            .run(id, v.element, v.cell);
          ctx.raw.prepare('UPDATE submissions SET superseded_by = id WHERE id = ?').run(id);
          throw new Error('rollback');
        })(),
      ).toThrow('rollback');
    });
    expect(rollback.paths).toEqual({ periods: 0, updates: 0, columns: 0, replays: 0 });
    expect(rollback.after).toEqual(rollback.before);
    const next = await afterWrite(ctx, () => correct(ctx, id, v.element, v.cell, v.num + 1));
    expect(next.paths).toEqual({ periods: 0, updates: 1, columns: 0, replays: 0 });
  }, 120_000);
});
