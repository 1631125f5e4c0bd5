/**
 * Issue 20: the national-scale paths (partial sums, status and latest revisions kept until the next write, texts
 * paged through `consolidation.texts`) give exactly the figures of the consolidation as it was before them
 * (reference/consolidation-v1.ts, main's code kept verbatim), on the committed database fixture, on the demo
 * province and on a generated national database (1,200 units, three years, a withdrawal, a province value, a
 * merger). Equality only: no time is asserted.
 */
import ExcelJS from 'exceljs';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { buildMinistryWorkbook } from '../../../src/main/documents/workbook';
import { buildDemo } from '../../../src/main/demo';
import { getCatalog } from '../../../src/main/services/catalog';
import { reportModel } from '../../../src/main/services/reports';
import { setProvinceValue } from '../../../src/main/services/periods';
import { withdrawSubmission } from '../../../src/main/services/submissions';
import { linkUnits } from '../../../src/main/services/units';
import type { Consolidation, StatusReport } from '../../../src/shared/domain/report';
import type { CellKey } from '../../../src/shared/domain/catalog';
import type { TrendPoint } from '../../../src/shared/contract';
import { buildNationalDb } from '../../../scripts/bench/national';
import { tmpDir } from '../../helpers/tmp';
import * as ref from './reference/consolidation-v1';
import { GROUP_BY_SQL } from './reference/group-by';
import * as refV2 from './reference/consolidation-v2';
import { sumPeriodCells } from '../../../src/main/services/partial-sums';

function groupBySums(ctx: Ctx, periodId: number): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [kind, element, cell, state, sum, count] of ctx.raw.prepare(GROUP_BY_SQL).raw(true).all(periodId) as Array<
    [string, string, string, string, number | null, number]
  >) {
    (out[kind] ??= []).push({ element, cell, state, sum: sum ?? 0, count });
  }
  return out;
}

const FIXTURE = resolve(__dirname, '../../fixtures/db/v0.1.0.sqlite');
const open: Ctx[] = [];
afterAll(() => {
  for (const c of open) c.close();
});

async function call<T>(ctx: Ctx, op: string, input: unknown): Promise<T> {
  const r = (await dispatch(ctx, op, input)) as { ok: boolean; data?: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${op}: ${r.error!.message}`);
  return r.data as T;
}

const hasHistory = (ctx: Ctx, periodId: number): boolean =>
  ctx.raw.prepare('SELECT 1 FROM submissions WHERE period_id = ? AND history = 1').get(periodId) !== undefined;

const periodIds = (ctx: Ctx): number[] =>
  (ctx.raw.prepare('SELECT id FROM periods ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);

/** Every text answer of a period through the paged operation, `size` at a time. */
async function allTextPages(ctx: Ctx, periodId: number, size: number): Promise<Consolidation['texts']> {
  const out: Consolidation['texts'] = [];
  for (;;) {
    const page = await call<{ total: number; items: Consolidation['texts'] }>(ctx, 'consolidation.texts', {
      periodId,
      offset: out.length,
      limit: size,
    });
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) return out;
  }
}

/** The new answers equal the reference's, every period, twice (the second call is served from what was kept). */
async function expectSameAsBefore(
  ctx: Ctx,
  opts: { drills?: number; alsoDrill?: Array<{ code: string; cell: CellKey }> } = {},
): Promise<void> {
  const catalog = getCatalog(ctx.db);
  let texts = 0;
  let drilled = 0;
  for (const id of periodIds(ctx)) {
    // the status as it was at the start of this session (reference/consolidation-v2.ts: it judges history entries,
    // which v1 did not know); where no entry is history, v1 gives the same
    const statusBefore = refV2.periodStatus(ctx.db, id, ctx.today());
    if (!hasHistory(ctx, id)) expect(ref.periodStatus(ctx.db, id, ctx.today())).toEqual(statusBefore);
    const v1 = ref.periodConsolidation(ctx.db, id);
    const before: Consolidation = {
      ...v1,
      reporting: {
        expected: statusBefore.expected,
        received: statusBefore.received,
        onTime: statusBefore.onTime,
        history: statusBefore.history,
      },
    };
    // the one-pass sums (services/partial-sums.ts) are the GROUP BY's rows, to the last bit
    const sums = sumPeriodCells(ctx.raw, id);
    expect(sums).not.toBeNull();
    expect(sums, `sums of period ${id}`).toEqual(groupBySums(ctx, id));
    for (let round = 0; round < 2; round++) {
      const now = await call<Consolidation>(ctx, 'consolidation.get', { periodId: id });
      const { texts: firstPage, textsTotal, ...rest } = now;
      const { texts: allBefore, ...restBefore } = before;
      expect(rest, `period ${id}`).toEqual(restBefore);
      expect(firstPage).toEqual(allBefore.slice(0, 50));
      expect(textsTotal).toBe(allBefore.length);
      expect(await call<StatusReport>(ctx, 'status.get', { periodId: id })).toEqual(statusBefore);
    }
    expect(await allTextPages(ctx, id, 37)).toEqual(before.texts);
    // the documents' model lists every text answer
    expect(reportModel(ctx.db, id, { today: ctx.today() }).consolidation).toEqual({
      ...before,
      textsTotal: before.texts.length,
    });
    texts += before.texts.length;
    // drills of the first figures of each kind of cell
    for (const v of [...before.values.slice(0, opts.drills ?? 6), ...(opts.alsoDrill ?? [])]) {
      const was = ref.drill(ctx.db, id, v.code, v.cell);
      expect(refV2.drill(ctx.db, id, v.code, v.cell)).toEqual(was);
      // twice: the second from the cell's columns kept per period
      for (let round = 0; round < 2; round++) {
        const now = await call<{ rows: unknown[] }>(ctx, 'consolidation.drill', {
          periodId: id,
          element: v.code,
          cell: v.cell,
        });
        expect(now, `drill ${v.code}.${v.cell} of period ${id}`).toEqual(was);
        if (round === 0) drilled += now.rows.length;
      }
    }
  }
  for (const kind of [undefined, 'half_year', 'year'] as const) {
    const was = ref.trends(ctx.db, kind);
    expect(await call(ctx, 'consolidation.trends', kind ? { kind } : {})).toEqual(was);
    expect(await call(ctx, 'consolidation.trends', kind ? { kind } : {})).toEqual(was);
  }
  for (const ind of catalog.indicators.slice(0, 3)) {
    expect(await call<TrendPoint[]>(ctx, 'consolidation.trend', { indicator: ind.code })).toEqual(
      ref.trend(ctx.db, ind.code),
    );
  }
  // the guard compares something: the fixtures have figures, text answers and drilled units
  expect(texts).toBeGreaterThan(0);
  expect(drilled).toBeGreaterThan(0);
}

/** Every cell of every sheet, as values (what the ministry reads). */
async function workbookCells(bytes: Uint8Array): Promise<Record<string, unknown[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const out: Record<string, unknown[]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push(row.values));
    out[ws.name] = rows;
  });
  return out;
}

/** The ministry workbook as the reference's model gives it (the model of main, from the reference's figures). */
async function workbookBefore(ctx: Ctx, periodId: number): Promise<Uint8Array> {
  const model = reportModel(ctx.db, periodId, { today: ctx.today() });
  model.consolidation = ref.periodConsolidation(ctx.db, periodId);
  model.status = ref.periodStatus(ctx.db, periodId);
  model.byUnit = ref.unitValues(ctx.db, periodId).map((u) => ({
    unitCode: u.unitCode,
    unitName: u.unitName,
    kind: u.kind,
    values: u.values,
  }));
  return new Uint8Array(await buildMinistryWorkbook(model));
}

describe('the national-scale paths give the figures of the consolidation before them', () => {
  it('on the committed database fixture (merger, revision, correction, refusal, province values): every op and the workbook', async () => {
    const path = join(tmpDir(), 'fixture.sqlite');
    copyFileSync(FIXTURE, path);
    const ctx = createContext(path, { today: () => '2026-06-15' });
    open.push(ctx);
    await expectSameAsBefore(ctx);
    for (const id of periodIds(ctx)) {
      const now = await call<{ bytes: Uint8Array }>(ctx, 'reports.workbook', { periodId: id });
      expect(await workbookCells(now.bytes)).toEqual(await workbookCells(await workbookBefore(ctx, id)));
    }
  }, 240_000);

  it('on the fixture with the edge cases: history entries, withdrawn and replaced revisions, a unit valid part of the period, blanks, zeros and "không áp dụng", blank and long texts', async () => {
    const path = join(tmpDir(), 'edges.sqlite');
    copyFileSync(FIXTURE, path);
    const ctx = createContext(path, { today: () => '2026-06-15' });
    open.push(ctx);
    const P = 2;
    const run = (sql: string, ...args: unknown[]) => ctx.raw.prepare(sql).run(...args);
    const current = (code: string) =>
      ctx.raw
        .prepare(
          'SELECT s.id, s.unit_id AS unitId FROM submissions s JOIN units u ON u.id = s.unit_id ' +
            'WHERE s.period_id = ? AND u.code = ? AND s.superseded_by IS NULL',
        )
        .get(P, code) as { id: number; unitId: number } | undefined;
    const reported = ctx.raw
      .prepare(
        'SELECT u.code FROM submissions s JOIN units u ON u.id = s.unit_id WHERE s.period_id = ? ' +
          'AND s.superseded_by IS NULL ORDER BY u.code',
      )
      .all(P) as Array<{ code: string }>;
    expect(reported.length).toBeGreaterThanOrEqual(4);
    const [h, w, r, z] = reported.map((x) => current(x.code)!);
    // a history entry (its first revision), and one in the other period
    run('UPDATE submissions SET history = 1, official_date = NULL WHERE id = ?', h!.id);
    run('UPDATE submissions SET history = 1 WHERE id = (SELECT min(id) FROM submissions WHERE period_id = 1)');
    // a second revision, then withdrawn (the first counts again); another unit's second revision stays
    const newRevision = (of: { id: number }, change: string) => {
      run(
        'INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) ' +
          "SELECT period_id, unit_id, revision + 1, '2026-01-12', 'r2.xlsx', sha256 FROM submissions WHERE id = ?",
        of.id,
      );
      const id = (ctx.raw.prepare('SELECT max(id) AS id FROM submissions').get() as { id: number }).id;
      run(
        `INSERT INTO submission_values SELECT ?, element, cell, state, ${change}, text FROM submission_values WHERE submission_id = ?`,
        id,
        of.id,
      );
      run('UPDATE submissions SET superseded_by = ? WHERE id = ?', id, of.id);
      return id;
    };
    newRevision(w!, 'num * 3');
    withdrawSubmission(ctx.db, { periodId: P, unitId: w!.unitId, reason: 'Đơn vị gửi nhầm tệp' });
    const r2 = newRevision(r!, 'num + 1');
    // a unit valid only part of the period
    run("UPDATE units SET valid_to = '2025-08-31' WHERE id = ?", r!.unitId);
    // blanks, zeros and "không áp dụng" in one revision; blank and long texts
    const nums = ctx.raw
      .prepare(
        "SELECT element, cell FROM submission_values WHERE submission_id = ? AND state = 'number' ORDER BY element, cell LIMIT 3",
      )
      .all(z!.id) as Array<{ element: string; cell: string }>;
    expect(nums.length).toBe(3);
    run(
      'UPDATE submission_values SET num = 0 WHERE submission_id = ? AND element = ? AND cell = ?',
      z!.id,
      nums[0]!.element,
      nums[0]!.cell,
    );
    run(
      'DELETE FROM submission_values WHERE submission_id = ? AND element = ? AND cell = ?',
      z!.id,
      nums[1]!.element,
      nums[1]!.cell,
    );
    run(
      "UPDATE submission_values SET state = 'na', num = NULL WHERE submission_id = ? AND element = ? AND cell = ?",
      z!.id,
      nums[2]!.element,
      nums[2]!.cell,
    );
    run("UPDATE submission_values SET text = '   ' WHERE submission_id = ? AND state = 'text'", z!.id);
    run(
      "UPDATE submission_values SET text = ? WHERE submission_id = ? AND state = 'text'",
      'Đã tổ chức tuyên truyền về bình đẳng giới. '.repeat(40),
      r2,
    );
    // a value of an element the catalogue does not have (summed by name), a number stored without its figure
    run("INSERT INTO submission_values VALUES (?, 'ZZ_NOT_IN_CATALOGUE', 'value', 'number', 2.5, NULL)", z!.id);
    run("INSERT INTO submission_values VALUES (?, 'ZZ_NOT_IN_CATALOGUE', 'total', 'number', NULL, NULL)", r2);
    expect(hasHistory(ctx, P)).toBe(true);
    await expectSameAsBefore(ctx, {
      drills: 100,
      alsoDrill: nums.map((n) => ({ code: n.element, cell: n.cell as CellKey })),
    });
  }, 240_000);

  it('on the demo province', async () => {
    const path = join(tmpDir(), 'demo.sqlite');
    await buildDemo(path);
    const ctx = createContext(path, { today: () => '2026-06-15' });
    open.push(ctx);
    await expectSameAsBefore(ctx);
  }, 240_000);

  it('on a generated national database: 1,200 units, six periods, a withdrawal, a province value, a merger', async () => {
    const built = buildNationalDb(join(tmpDir(), 'national.sqlite'), { units: 1200, years: [2024, 2025, 2026] });
    const ctx = built.ctx;
    open.push(ctx);
    const target = built.target;
    const [a, b, c] = built.units;
    // a second revision of one unit, then withdrawn: the first counts again
    ctx.raw
      .prepare(
        'INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) ' +
          "SELECT period_id, unit_id, 2, '2026-06-20', 'r2.xlsx', sha256 FROM submissions WHERE period_id = ? AND unit_id = ?",
      )
      .run(target, a!.id);
    const r2 = ctx.raw
      .prepare('SELECT id FROM submissions WHERE period_id = ? AND unit_id = ? AND revision = 2')
      .get(target, a!.id) as { id: number };
    ctx.raw
      .prepare(
        "INSERT INTO submission_values SELECT ?, element, cell, state, num * 3, text || ' (lần 2)' FROM submission_values " +
          'WHERE submission_id = (SELECT id FROM submissions WHERE period_id = ? AND unit_id = ? AND revision = 1)',
      )
      .run(r2.id, target, a!.id);
    ctx.raw
      .prepare('UPDATE submissions SET superseded_by = ? WHERE period_id = ? AND unit_id = ? AND revision = 1')
      .run(r2.id, target, a!.id);
    // another unit's second revision stays current
    ctx.raw
      .prepare(
        'INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) ' +
          "SELECT period_id, unit_id, 2, '2026-06-21', 'r2.xlsx', sha256 FROM submissions WHERE period_id = ? AND unit_id = ?",
      )
      .run(target, b!.id);
    const b2 = ctx.raw
      .prepare('SELECT id FROM submissions WHERE period_id = ? AND unit_id = ? AND revision = 2')
      .get(target, b!.id) as { id: number };
    ctx.raw
      .prepare(
        'INSERT INTO submission_values SELECT ?, element, cell, state, num + 1, text FROM submission_values ' +
          'WHERE submission_id = (SELECT id FROM submissions WHERE period_id = ? AND unit_id = ? AND revision = 1)',
      )
      .run(b2.id, target, b!.id);
    ctx.raw
      .prepare('UPDATE submissions SET superseded_by = ? WHERE period_id = ? AND unit_id = ? AND revision = 1')
      .run(b2.id, target, b!.id);
    withdrawSubmission(ctx.db, { periodId: target, unitId: a!.id, reason: 'Đơn vị gửi nhầm tệp' });
    const pv = getCatalog(ctx.db).dataElements.find((e) => e.collectedFrom === 'province' && e.type !== 'text');
    if (pv)
      setProvinceValue(ctx.db, {
        id: target,
        element: pv.code,
        cell: pv.cells[0]!,
        value: { state: 'number', value: 42 },
      });
    linkUnits(ctx.db, [c!.id], [b!.id], '2025-07-01');
    await expectSameAsBefore(ctx, { drills: 4 });
  }, 600_000);
});
