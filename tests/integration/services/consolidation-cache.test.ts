/**
 * Issue 20: what db/read-cache.ts keeps (a period's partial sums, texts, status, latest revisions, drilled cells'
 * columns) is dropped by every write that can change it. For each kind of write (import, correction, withdrawal, a
 * unit's kind, a unit's validity, the catalogue, a province value, another connection's commit), the answers are
 * first served from what was kept, then the write goes through the dispatcher, and the next answers must equal the
 * pre-change consolidation computed from scratch (reference/consolidation-v1.ts) and differ from the ones before the
 * write.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../src/main/api/context';
import { unitFigures } from '../../../src/main/demo/data';
import { getCatalog } from '../../../src/main/services/catalog';
import { periodConsolidation, unitValues } from '../../../src/main/services/consolidation';
import { unitFigures as workbookFigures } from '../../../src/main/services/reports-figures';
import { periodCachedRead } from '../../../src/main/db/read-cache';
import type { StoredValue } from '../../../src/shared/domain/records';
import type { Consolidation, StatusReport } from '../../../src/shared/domain/report';
import { filledForm, fillOf } from '../../helpers/province';
import { callOp, closeFixtures, currentOf, fixtureCtx } from '../../helpers/fixture-db';
import * as ref from './reference/consolidation-v1';

/** the fixture's open period (2025, year) */
const P = 2;
afterEach(closeFixtures);
const fixture = fixtureCtx;
const call = callOp;

interface Answers {
  consolidation: Consolidation;
  status: StatusReport;
  trends: unknown;
  /** the drill-down of one figure (the latest revisions are kept per period) */
  drill: unknown;
  /** every unit's latest values (the workbook's, print view's and report draft's; kept per period) */
  byUnit: unknown;
  /** the ministry workbook's lean per-unit read (services/reports-figures.ts), kept per period too */
  figures: unknown;
}

/** The figure drilled: a number every unit of the fixture reports. */
const DRILLED = { element: 'TT_LUOT', cell: 'female' } as const;

/** The figure elements the workbook's per-unit read is asked for here. */
const FIGURES = ['TT_LUOT', 'VB_BANHANH'];
/** Per unit, its values in element and cell order (the lean read keeps no order within a unit). */
const byKey = (units: readonly { unitCode: string; unitName: string; kind: string; values: StoredValue[] }[]) =>
  units.map((u) => ({
    unitCode: u.unitCode,
    unitName: u.unitName,
    kind: u.kind,
    values: [...u.values].sort((a, b) => `${a.element}.${a.cell}`.localeCompare(`${b.element}.${b.cell}`)),
  }));

/** The answers the screens get, asked twice (the second from what was kept). */
async function answers(ctx: Ctx): Promise<Answers> {
  const get = async (): Promise<Answers> => ({
    consolidation: await call<Consolidation>(ctx, 'consolidation.get', { periodId: P }),
    status: await call<StatusReport>(ctx, 'status.get', { periodId: P }),
    trends: await call(ctx, 'consolidation.trends', {}),
    drill: await call(ctx, 'consolidation.drill', { periodId: P, ...DRILLED }),
    byUnit: unitValues(ctx.db, P),
    figures: byKey(workbookFigures(ctx.db, P, FIGURES)),
  });
  const first = await get();
  expect(await get()).toEqual(first);
  return first;
}

/** What the answers must be: the pre-change code, from scratch. */
function truth(ctx: Ctx): Answers {
  const c = ref.periodConsolidation(ctx.db, P);
  return {
    consolidation: { ...c, texts: c.texts.slice(0, 50), textsTotal: c.texts.length },
    status: ref.periodStatus(ctx.db, P, ctx.today()),
    trends: ref.trends(ctx.db),
    drill: ref.drill(ctx.db, P, DRILLED.element, DRILLED.cell),
    byUnit: ref.unitValues(ctx.db, P),
    figures: byKey(
      ref.unitValues(ctx.db, P).map((u) => ({ ...u, values: u.values.filter((v) => FIGURES.includes(v.element)) })),
    ),
  };
}

/** Warms what is kept, writes, and checks the next answers are right and changed in `what`. */
async function expectDropped(
  ctx: Ctx,
  write: () => Promise<unknown> | unknown,
  changed: (a: Answers) => unknown,
): Promise<void> {
  const before = await answers(ctx);
  expect(before).toEqual(truth(ctx));
  await write();
  const after = await answers(ctx);
  expect(after).toEqual(truth(ctx));
  expect(changed(after)).not.toEqual(changed(before));
}

const unitRow = (ctx: Ctx, code: string) =>
  ctx.raw.prepare('SELECT id, code, name, kind, valid_from, valid_to FROM units WHERE code = ?').get(code) as {
    id: number;
    code: string;
    name: string;
    kind: string;
  };
const firstNumber = (ctx: Ctx, submissionId: number) =>
  ctx.raw
    .prepare(
      "SELECT element, cell, num FROM submission_values WHERE submission_id = ? AND state = 'number' AND num > 0 " +
        'ORDER BY element, cell LIMIT 1',
    )
    .get(submissionId) as { element: string; cell: string; num: number };
const values = (a: Answers) => a.consolidation.values;

describe('what is kept for the national scale is dropped by every write that can change it', () => {
  it('an import (a new revision)', async () => {
    const ctx = fixture();
    const c = getCatalog(ctx.db);
    const figures = unitFigures(c.dataElements, c.validationRules, c.cellLabels, 777, c.indicators);
    const file = await filledForm(ctx, P, 'LC-S03', fillOf(figures));
    await expectDropped(
      ctx,
      async () => {
        const r = await call<{ status: string }>(ctx, 'imports.file', {
          periodId: P,
          file,
          receivedAt: '2026-01-10',
          allowBlanking: true,
        });
        expect(r.status).toBe('accepted');
      },
      values,
    );
  }, 120_000);

  it('a correction of one value', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = firstNumber(ctx, id);
    await expectDropped(
      ctx,
      () =>
        call(ctx, 'submissions.correct', {
          id,
          element: v.element,
          cell: v.cell,
          value: { state: 'number', value: v.num + 1000 },
          reason: 'Đơn vị báo sửa số',
        }),
      values,
    );
  }, 120_000);

  it('a correction of the drilled figure (its cell column is kept per period)', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = ctx.raw
      .prepare('SELECT num FROM submission_values WHERE submission_id = ? AND element = ? AND cell = ?')
      .get(id, DRILLED.element, DRILLED.cell) as { num: number };
    await expectDropped(
      ctx,
      () =>
        call(ctx, 'submissions.correct', {
          id,
          element: DRILLED.element,
          cell: DRILLED.cell,
          value: { state: 'number', value: v.num + 1000 },
          reason: 'Đơn vị báo sửa số',
        }),
      (a) => a.drill,
    );
  }, 120_000);

  it('a withdrawal', async () => {
    const ctx = fixture();
    await expectDropped(
      ctx,
      () => call(ctx, 'submissions.withdraw', { periodId: P, unitCode: 'LC-X02', reason: 'Đơn vị gửi nhầm tệp' }),
      (a) => [a.consolidation.values, a.status.received, a.drill],
    );
  }, 120_000);

  it("a unit's kind", async () => {
    const ctx = fixture();
    const u = unitRow(ctx, 'LC-X02');
    await expectDropped(
      ctx,
      () => call(ctx, 'units.save', { id: u.id, code: u.code, name: u.name, kind: 'doan_the' }),
      (a) => a.consolidation.byKind,
    );
  }, 120_000);

  it("a unit's validity and details (name, contact)", async () => {
    const ctx = fixture();
    const u = unitRow(ctx, 'LC-X02');
    await expectDropped(
      ctx,
      () =>
        call(ctx, 'units.save', {
          id: u.id,
          code: u.code,
          name: 'Xã Bảo Thắng mới',
          kind: u.kind,
          contact: 'Chị Lan',
          validFrom: '2025-01-01',
          validTo: '2030-12-31',
        }),
      (a) => [a.status.units, a.consolidation.texts],
    );
  }, 120_000);

  it("the period's list of units that must report", async () => {
    const ctx = fixture();
    const ids = (
      ctx.raw.prepare('SELECT unit_id FROM period_units WHERE period_id = ? ORDER BY unit_id').all(P) as Array<{
        unit_id: number;
      }>
    ).map((r) => r.unit_id);
    await expectDropped(
      ctx,
      () => call(ctx, 'periods.setExpected', { id: P, unitIds: ids.slice(1) }),
      (a) => [a.status.expected, a.consolidation.reporting],
    );
  }, 120_000);

  it('the catalogue (a province target)', async () => {
    const ctx = fixture();
    const ind = ref.periodConsolidation(ctx.db, P).indicators.find((x) => x.value !== null)!;
    await expectDropped(
      ctx,
      () =>
        call(ctx, 'catalog.setProvinceTarget', {
          indicator: ind.code,
          year: 2025,
          target: { op: '>=', value: (ind.value ?? 0) + 1 },
        }),
      (a) => a.consolidation.indicators,
    );
  }, 120_000);

  it("the catalogue's text elements (a new one, of which a revision already holds an answer)", async () => {
    const ctx = fixture();
    const txt = getCatalog(ctx.db).dataElements.find((e) => e.type === 'text')!;
    const id = currentOf(ctx, 'LC-X02');
    // an answer under a code the catalogue does not have yet: not among the texts until the element exists
    ctx.raw
      .prepare("INSERT INTO submission_values VALUES (?, 'TXT_MOI', 'value', 'text', NULL, 'Ý kiến thêm của xã')")
      .run(id);
    await expectDropped(
      ctx,
      () =>
        call(ctx, 'catalog.saveElement', {
          code: 'TXT_MOI',
          name: 'Ý kiến khác',
          unit: '',
          type: 'text',
          cells: ['value'],
          section: txt.section,
          reportedBy: txt.reportedBy,
        }),
      (a) => [a.consolidation.textsTotal, a.consolidation.texts],
    );
  }, 120_000);

  it('a province value', async () => {
    const ctx = fixture();
    const el = getCatalog(ctx.db).dataElements.find((e) => e.collectedFrom === 'province' && e.type === 'integer')!;
    await expectDropped(
      ctx,
      () =>
        call(ctx, 'periods.setProvinceValue', {
          id: P,
          element: el.code,
          cell: el.cells[0],
          value: { state: 'number', value: 123457 },
        }),
      values,
    );
  }, 120_000);

  it("another connection's commit (a second program on the same file)", async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = firstNumber(ctx, id);
    await expectDropped(
      ctx,
      () => {
        const other = new Database(ctx.dbPath);
        other
          .prepare('UPDATE submission_values SET num = num + 7 WHERE submission_id = ? AND element = ? AND cell = ?')
          .run(id, v.element, v.cell);
        other.close();
      },
      values,
    );
  }, 120_000);

  it('inside a transaction nothing is kept: a rolled-back change is never served afterwards', async () => {
    const ctx = fixture();
    const id = currentOf(ctx, 'LC-X02');
    const v = firstNumber(ctx, id);
    const before = periodConsolidation(ctx.db, P);
    expect(() =>
      ctx.raw.transaction(() => {
        ctx.raw
          .prepare('UPDATE submission_values SET num = num + 5 WHERE submission_id = ? AND element = ? AND cell = ?')
          .run(id, v.element, v.cell);
        // read inside the transaction: sees its own change
        expect(periodConsolidation(ctx.db, P).values).not.toEqual(before.values);
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(periodConsolidation(ctx.db, P)).toEqual(before);
  }, 120_000);
});

/** The fixture's closed period (2025, six months): another period than P. */
const Q = 1;

describe("a period's sums are kept across writes to other periods, dropped by every write that can change them", () => {
  /** Counts the computations of a per-period entry of P: what was kept is served, a change computes again. */
  function counter(ctx: Ctx) {
    let computed = 0;
    const read = () =>
      periodCachedRead(ctx.raw, P, `test:${P}`, () => {
        computed++;
        return ctx.raw.prepare('SELECT count(*) AS n FROM submission_values').get();
      });
    return {
      /** reads twice; how many computations that took */
      computations(): number {
        const before = computed;
        read();
        read();
        return computed - before;
      },
    };
  }
  const subOf = (ctx: Ctx, period: number) =>
    (
      ctx.raw.prepare('SELECT id FROM submissions WHERE period_id = ? ORDER BY id LIMIT 1').get(period) as {
        id: number;
      }
    ).id;

  it('each write to the period, or to the units, or by another connection, computes again; others do not', () => {
    const ctx = fixture();
    const c = counter(ctx);
    const inP = subOf(ctx, P);
    const inQ = subOf(ctx, Q);
    expect(c.computations()).toBe(1);
    expect(c.computations()).toBe(0);
    // writes that cannot change P's sums: a setting, a value and a new revision of the other period
    ctx.raw.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('t', 'x')").run();
    ctx.raw.prepare('UPDATE submission_values SET num = num + 1 WHERE submission_id = ?').run(inQ);
    ctx.raw
      .prepare(
        'INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) ' +
          "SELECT period_id, unit_id, 9, received_at, 'q.xlsx', sha256 FROM submissions WHERE id = ?",
      )
      .run(inQ);
    const newQ = Number((ctx.raw.prepare('SELECT max(id) AS id FROM submissions').get() as { id: number }).id);
    ctx.raw.prepare("INSERT INTO submission_values VALUES (?, 'TT_CUOC', 'value', 'number', 5, NULL)").run(newQ);
    ctx.raw.prepare('DELETE FROM submission_values WHERE submission_id = ?').run(newQ);
    expect(c.computations()).toBe(0);
    // each write to P
    const writes: Array<[string, () => unknown]> = [
      [
        'a value updated',
        () => ctx.raw.prepare('UPDATE submission_values SET num = num + 1 WHERE submission_id = ?').run(inP),
      ],
      [
        'a value deleted',
        () =>
          ctx.raw
            .prepare(
              'DELETE FROM submission_values WHERE submission_id = ? AND element = (SELECT min(element) FROM submission_values WHERE submission_id = ?)',
            )
            .run(inP, inP),
      ],
      [
        'a value inserted into an existing revision (a blank filled)',
        () =>
          ctx.raw.prepare("INSERT INTO submission_values VALUES (?, 'ZZ_NEW', 'value', 'number', 3, NULL)").run(inP),
      ],
      [
        'a revision superseded',
        () => ctx.raw.prepare('UPDATE submissions SET superseded_by = id WHERE id = ?').run(inP),
      ],
      [
        'a new revision',
        () =>
          ctx.raw
            .prepare(
              'INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) ' +
                "SELECT period_id, unit_id, 9, received_at, 'p.xlsx', sha256 FROM submissions WHERE id = ?",
            )
            .run(inP),
      ],
      [
        // the new revision existed when the sums were last computed: its values count
        'a value of the newest revision, in a write of its own',
        () =>
          ctx.raw
            .prepare(
              "INSERT INTO submission_values SELECT max(id), 'TT_CUOC', 'value', 'number', 5, NULL FROM submissions",
            )
            .run(),
      ],
      ["a unit's kind", () => ctx.raw.prepare("UPDATE units SET kind = 'doan_the' WHERE id = 1").run()],
      [
        "another connection's commit",
        () => {
          const other = new Database(ctx.dbPath);
          other.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('other', 'y')").run();
          other.close();
        },
      ],
    ];
    for (const [what, write] of writes) {
      write();
      expect(c.computations(), what).toBe(1);
    }
    // inside a transaction nothing is served nor kept
    ctx.raw.transaction(() => {
      expect(c.computations()).toBe(2);
    })();
    expect(c.computations()).toBe(0);
  });

  it('an import into another period: this period kept, the trends follow the other one, all equal to the code before', async () => {
    const ctx = fixture();
    // make the closed period open to take a file
    ctx.raw.prepare("UPDATE periods SET status = 'open' WHERE id = ?").run(Q);
    const before = await answers(ctx);
    expect(before).toEqual(truth(ctx));
    const c = getCatalog(ctx.db);
    const figures = unitFigures(c.dataElements, c.validationRules, c.cellLabels, 4242, c.indicators);
    const file = await filledForm(ctx, Q, 'LC-S03', fillOf(figures));
    const r = await call<{ status: string }>(ctx, 'imports.file', {
      periodId: Q,
      file,
      receivedAt: '2025-07-10',
      allowBlanking: true,
    });
    expect(r.status).toBe('accepted');
    const after = await answers(ctx);
    expect(after).toEqual(truth(ctx));
    expect(after.trends).not.toEqual(before.trends);
  }, 120_000);
});
