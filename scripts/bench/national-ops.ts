/**
 * The bench's national part (issue 20): a database as a ministry would hold it (buildNationalDb: 4,300 units,
 * 20 periods), built ONCE, then each screen's operation timed through the dispatcher on the 2026 6-month period.
 *
 * For each operation two figures: `cold`, the first call after a write (what the screen waits for right after an
 * import: nothing kept, db/read-cache.ts), and the median of warm runs (the same screen asked again, or another
 * screen of the same period, until the next write). The goals are judged on the warm figure, the cold one is printed
 * next to it. Slow operations get fewer runs so the part ends in about three minutes on a loaded 2-core machine.
 *
 *   npx tsx scripts/bench/national-ops.ts [--units N] [--db path]   (alone; `npm run bench` calls measureNational)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type Ctx } from '../../src/main/api/context';
import { buildNationalDb, NATIONAL_UNITS } from './national';
import { call, median, now, round } from './util';

/**
 * A write as an import into the period makes, changing nothing the operations read: the next call is cold
 * (db/read-cache.ts drops what it keeps of the whole database, and the period's own sums and texts).
 */
function touch(ctx: Ctx, periodId: number): void {
  ctx.raw.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.touch', ?)").run(String(now()));
  ctx.raw
    .prepare('UPDATE submissions SET status = status WHERE id = (SELECT min(id) FROM submissions WHERE period_id = ?)')
    .run(periodId);
}

/**
 * An import as the pipeline writes it (services/imports/commit.ts): a unit's new revision with its values (one
 * number changed), the revision before it superseded, in one transaction. The next call finds the period's kept
 * sums, texts, revisions and latest revisions brought up to date (db/read-cache.ts: the change log), not read again.
 */
function importRevision(ctx: Ctx, periodId: number, nth: number): void {
  const c = ctx.raw
    .prepare('SELECT * FROM submissions WHERE period_id = ? AND superseded_by IS NULL ORDER BY id LIMIT 1 OFFSET ?')
    .get(periodId, nth) as {
    id: number;
    period_id: number;
    unit_id: number;
    revision: number;
    received_at: string;
    sha256: string;
  };
  ctx.raw.transaction(() => {
    const r = ctx.raw
      .prepare(
        'INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) ' +
          "VALUES (?, ?, ?, ?, 'bench.xlsx', ?)",
      )
      .run(c.period_id, c.unit_id, c.revision + 1, c.received_at, c.sha256);
    ctx.raw
      .prepare(
        'INSERT INTO submission_values SELECT ?, element, cell, state, ' +
          "CASE WHEN state = 'number' AND element = 'TT_LUOT' THEN num + 1 ELSE num END, text " +
          'FROM submission_values WHERE submission_id = ?',
      )
      .run(r.lastInsertRowid, c.id);
    ctx.raw.prepare('UPDATE submissions SET superseded_by = ? WHERE id = ?').run(r.lastInsertRowid, c.id);
  })();
}

/**
 * A write to a unit's details (not its kind): what reads the units' names and codes (texts, status lines, latest
 * revisions) is read again for every period; the partial sums, which read only the units' kinds, are kept. So
 * `nationalTrendsAllColdMs` is now the trends' first call on this handle (the periods not yet summed: the app's
 * start), and a change of a unit's kind (not timed here) sums every period again as before.
 */
function touchUnits(ctx: Ctx): void {
  ctx.raw.prepare('UPDATE units SET updated_at = updated_at WHERE id = (SELECT min(id) FROM units)').run();
}

export interface NationalFigures {
  nationalUnits: number;
  nationalPeriods: number;
  nationalSeedSeconds: number;
  consolidationBytes: number;
  nationalConsolidateMs: number;
  nationalConsolidateColdMs: number;
  nationalDrillMs: number;
  nationalDrillColdMs: number;
  nationalTrendsMs: number;
  nationalTrendsColdMs: number;
  /** trends right after a write to a unit's details, the first trends call of the handle (see touchUnits) */
  nationalTrendsAllColdMs: number;
  /** consolidation.get right after such a write */
  nationalConsolidateAllColdMs: number;
  /** the first call after an import of a new revision into the period (importRevision) */
  nationalImportConsolidateColdMs: number;
  nationalImportDrillColdMs: number;
  nationalImportTrendsColdMs: number;
  nationalImportStatusColdMs: number;
  nationalWorkbookMs: number;
  /** the next workbook, after an import of a new revision into the period (importRevision): median of three */
  nationalWorkbookAfterImportMs: number;
  /**
   * the CPU time of the workbook's own thread during that call (Linux: /proc; absent elsewhere): on a loaded machine
   * the wall time above counts the waits for a core, this does not (the zlib threads' deflating is not in it)
   */
  nationalWorkbookMainCpuMs?: number;
  nationalStatusMs: number;
  nationalStatusColdMs: number;
  nationalTextsPageMs: number;
}

/** CPU time (ms) of this process's main thread so far, from Linux's schedstat; null where there is none. */
function mainThreadCpuMs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/** Times one operation: its cold call (after a write), then `runs` warm calls; [cold, warm median]. */
async function coldWarm(
  ctx: Ctx,
  runs: number,
  fn: () => Promise<unknown>,
  write: () => void,
): Promise<[number, number]> {
  write();
  const t0 = now();
  await fn();
  const cold = now() - t0;
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t1 = now();
    await fn();
    xs.push(now() - t1);
  }
  return [cold, median(xs)];
}

export async function measureNational(
  dir: string,
  opts: { units?: number; db?: string; say?: (s: string) => void } = {},
): Promise<NationalFigures> {
  const say = opts.say ?? ((s: string) => void process.stderr.write(`${s}\n`));
  const units = opts.units ?? NATIONAL_UNITS;
  const path = opts.db ?? join(dir, 'national.sqlite');
  let ctx: Ctx;
  let target: number;
  let periods: number;
  let seedSeconds = 0;
  if (existsSync(path)) {
    ctx = createContext(path, { today: () => '2026-06-10' });
    target = (
      ctx.raw.prepare("SELECT id FROM periods WHERE year = 2026 AND kind = 'half_year'").get() as { id: number }
    ).id;
    periods = (ctx.raw.prepare('SELECT count(*) AS n FROM periods').get() as { n: number }).n;
  } else {
    say(`Quy mô cả nước: dựng ${units.toLocaleString('vi-VN')} đơn vị × 20 kỳ…`);
    const built = buildNationalDb(path, { units });
    ctx = built.ctx;
    target = built.target;
    periods = built.periods.size;
    seedSeconds = built.seedSeconds;
    say(`  nạp xong trong ${round(seedSeconds)} s`);
  }
  try {
    const get = () => call(ctx, 'consolidation.get', { periodId: target });
    const answer = await get();
    const consolidationBytes = Buffer.byteLength(JSON.stringify(answer));
    const write = () => touch(ctx, target);
    const [consAllCold] = await coldWarm(ctx, 0, get, () => touchUnits(ctx));
    const [consCold, cons] = await coldWarm(ctx, 5, get, write);
    say(`  consolidation.get: ${round(cons)} ms (lần đầu sau khi ghi ${round(consCold)} ms), ${consolidationBytes} B`);
    const [drillCold, drill] = await coldWarm(
      ctx,
      5,
      () => call(ctx, 'consolidation.drill', { periodId: target, element: 'TT_LUOT', cell: 'female' }),
      write,
    );
    say(`  consolidation.drill: ${round(drill)} ms (lần đầu ${round(drillCold)} ms)`);
    const [statusCold, status] = await coldWarm(ctx, 5, () => call(ctx, 'status.get', { periodId: target }), write);
    say(`  status.get: ${round(status)} ms (lần đầu ${round(statusCold)} ms)`);
    const [, textsPage] = await coldWarm(
      ctx,
      5,
      () => call(ctx, 'consolidation.texts', { periodId: target, offset: 1000, limit: 50, search: 'de xuat' }),
      write,
    );
    const trendsOp = () => call(ctx, 'consolidation.trends', {});
    // before the units' write below (it drops what reads the units' names: not what an import costs)
    let nth = 0;
    const imported = () => importRevision(ctx, target, (nth += 37));
    const [importCons] = await coldWarm(ctx, 0, get, imported);
    const [importDrill] = await coldWarm(
      ctx,
      0,
      () => call(ctx, 'consolidation.drill', { periodId: target, element: 'TT_LUOT', cell: 'female' }),
      imported,
    );
    const [importStatus] = await coldWarm(ctx, 0, () => call(ctx, 'status.get', { periodId: target }), imported);
    const [trendsAllCold] = await coldWarm(ctx, 0, trendsOp, () => touchUnits(ctx));
    // trends read no unit's name: after the units' write, as after an import alone
    const [importTrends] = await coldWarm(ctx, 0, trendsOp, imported);
    say(
      `  lần đầu sau khi nhập một bản mới vào kỳ: consolidation.get ${round(importCons)} ms, drill ` +
        `${round(importDrill)} ms, trends ${round(importTrends)} ms, status ${round(importStatus)} ms`,
    );
    const [trendsCold, trends] = await coldWarm(ctx, 2, trendsOp, write);
    say(
      `  consolidation.trends: ${round(trends)} ms (lần đầu sau khi nhập vào kỳ ${round(trendsCold)} ms, ` +
        `sau khi sửa đơn vị ${round(trendsAllCold)} ms)`,
    );
    say(`  consolidation.get sau khi sửa đơn vị (mọi kỳ tính lại): ${round(consAllCold)} ms`);
    // the workbook is slow at this scale: one run, after the others warmed what it reads
    const cpu0 = mainThreadCpuMs();
    const t0 = now();
    await call(ctx, 'reports.workbook', { periodId: target });
    const workbook = now() - t0;
    const cpu1 = mainThreadCpuMs();
    const workbookCpu = cpu0 === null || cpu1 === null ? null : round(cpu1 - cpu0);
    say(
      `  reports.workbook: ${round(workbook)} ms${workbookCpu === null ? '' : ` (CPU của luồng chính ${workbookCpu} ms)`}`,
    );
    // the officer's next export, after a unit's new revision came in: the figures kept by the first call brought
    // up to date (services/reports-figures.ts), the sheets written again; median of three, each after an import
    const again: number[] = [];
    for (let i = 0; i < 3; i++) {
      imported();
      const t1 = now();
      await call(ctx, 'reports.workbook', { periodId: target });
      again.push(now() - t1);
    }
    const workbookAfterImport = median(again);
    say(`  reports.workbook lần sau, sau khi nhập một bản mới vào kỳ: ${round(workbookAfterImport)} ms`);
    return {
      nationalUnits: units,
      nationalPeriods: periods,
      nationalSeedSeconds: round(seedSeconds),
      consolidationBytes,
      nationalConsolidateMs: round(cons),
      nationalConsolidateColdMs: round(consCold),
      nationalDrillMs: round(drill),
      nationalDrillColdMs: round(drillCold),
      nationalTrendsMs: round(trends),
      nationalTrendsColdMs: round(trendsCold),
      nationalTrendsAllColdMs: round(trendsAllCold),
      nationalConsolidateAllColdMs: round(consAllCold),
      nationalImportConsolidateColdMs: round(importCons),
      nationalImportDrillColdMs: round(importDrill),
      nationalImportTrendsColdMs: round(importTrends),
      nationalImportStatusColdMs: round(importStatus),
      nationalWorkbookMs: round(workbook),
      nationalWorkbookAfterImportMs: round(workbookAfterImport),
      ...(workbookCpu === null ? {} : { nationalWorkbookMainCpuMs: workbookCpu }),
      nationalStatusMs: round(status),
      nationalStatusColdMs: round(statusCold),
      nationalTextsPageMs: round(textsPage),
    };
  } finally {
    ctx.close();
  }
}

if (require.main === module) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const dir = mkdtempSync(join(tmpdir(), 'bdg-national-'));
  const db = arg('--db');
  measureNational(dir, { ...(arg('--units') ? { units: Number(arg('--units')) } : {}), ...(db ? { db } : {}) })
    .then((f) => console.log(JSON.stringify(f)))
    .finally(() => rmSync(dir, { recursive: true, force: true }))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
