/**
 * `npm run bench` (add `-- --json` for one JSON object on the last line): import, consolidation, trend, export and
 * scale figures, measured through the same code path as the screens (dispatch → handlers → services, the parse
 * worker included). It builds its own data: the app's own forms (exportTemplates) filled the way units fill them
 * (demo-data unitFigures + fillForm), a third of them re-saved by LibreOffice when `soffice` is on PATH.
 *
 * Figures:
 * - importSeconds: 120 filled unit files imported into a fresh database in ONE 'imports.batch' call, the path the
 *   officer uses (the import screen and `bdg import` send a folder as one batch; they split it only past 48 MB or
 *   2,000 files, and the 120 forms are 2 MB); the median of three runs, each into a database of its own. Until
 *   issue 20's read-ahead it measured 'imports.file' called 120 times in turn, which no screen does: that figure
 *   is kept as importFileSeconds (and importFileFloorRatio = importFileSeconds / floorSeconds), measured alike;
 * - bareSeconds: the same 120 files only loaded with `new ExcelJS.Workbook().xlsx.load(buf)`, in this process;
 *   the median of three passes;
 * - importRatio = importSeconds / bareSeconds. Both sides are measured alike: three runs each, interleaved
 *   (exceljs pass, import run, exceljs pass, …) in the same process, the median of each. No forced garbage
 *   collection: a forced one shrinks the heap, and exceljs then ran twice as slow, which would flatter the ratio;
 * - floorSeconds: the import's floor on the same 120 files (scripts/bench/floor.ts: the bytes hashed, the form
 *   sheet inflated and scanned once, one WAL synchronous=FULL transaction per file with the original and as many
 *   values as the import stored for it), median of three runs interleaved with the import runs;
 *   importFloorRatio = importSeconds / floorSeconds (goal ≤ 1.5);
 *   importCheckSeconds / importWriteSeconds: that batch run's two phases (read and check every file | write them),
 *   split at the first file answered; the write phase is what compares with the floor's transactions;
 * - peakRss1000MB: the peak RSS of a child process importing 1,000 forms of 1,000 units in ONE 'imports.batch'
 *   call, the code bundled as the app runs it (scripts/bench/peak-rss.ts; goal ≤ 250 MB; `--no-peak` skips it:
 *   making the forms takes minutes);
 * - `--only-import`: the import figures only (import, exceljs, floor; `--peak` adds peakRss1000MB);
 * - consolidateMs: 'consolidation.get' on the imported period (120 units), median of 20 warm runs;
 * - trendMs: the ten-year comparison, 20 periods × 120 units: ONE 'consolidation.trends' call that returns the
 *   trend of every indicator (median of 5 warm runs); the sum of one 'consolidation.trend' call per indicator is
 *   printed too (trendEachSumMs);
 * - exportMs: 'reports.workbook' of the imported period, median of 5 warm runs;
 * - scale1000Ms: 'consolidation.get' on a period with 1,000 units (values seeded straight into SQLite), median of 20;
 * - peakRssMB: peak resident memory of the process (parse worker thread included; the worker bundled as the app
 *   runs it, bundledParseWorker: since the batch reads ahead in it, a worker compiled by tsx added ~80 MB) sampled
 *   during the import;
 * - national*: a database as a ministry would hold it — 4,300 units (every commune and the provincial units) and
 *   20 periods (ten years), values seeded straight into SQLite: 'consolidation.get' (and the size of its JSON
 *   answer, consolidationBytes), 'consolidation.drill' of one figure, 'consolidation.trends', 'reports.workbook',
 *   'status.get', each the median of warm runs (`--no-national` skips it); the workbook once (its first call, the
 *   units' figures read then), and nationalWorkbookAfterImportMs: the next three, each after an import into the
 *   period (those figures brought up to date), their median;
 * - dashboardNationalMs, uiHeapMB (+ dashboardDomNodes, dashboardListRows, drawerNationalMs, drawerDomRows,
 *   dashboard120Ms, dashboardScaleRatio): the UI at national scale in Chromium, see scripts/bench/ui.ts (skipped
 *   with a line saying why when Chromium or the built renderer is missing; `--no-ui` skips it);
 * - cliStartMs: `node scripts/bdg.mjs --help` (the built command, as `npm run bdg` runs it), median of 5 starts;
 *   cliCommandMs: a real command to its answer (`period list --json` on a fresh database: the core loaded, the
 *   database opened, one query), median of 5, held to the same 300 ms; bareNodeMs: `node -e 0` on the same machine;
 *   Tests never assert on time; this script only prints.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { UnitKind } from '../src/shared/domain/catalog';
import type { StoredValue } from '../src/shared/domain/records';
import type { ImportResult } from '../src/shared/domain/report';
import { createContext, type Ctx } from '../src/main/api/context';
import { fillForm } from '../src/main/demo/form-filler';
import { configureParsePool, parseForm, shutdownParsePool, warmParsePool } from '../src/main/excel/parse-pool';
import { templateRowsFor } from '../src/main/excel/form-layout';
import { getCatalog } from '../src/main/services/catalog';
import { toFill, unitFigures } from '../src/main/demo/data';
import { createPeriod } from '../src/main/services/periods';
import { databaseId, setMeta } from '../src/main/services/settings';
import { exportTemplates } from '../src/main/services/templates';
import { floorRun } from './bench/floor';
import { peakRss1000 } from './bench/peak-rss';
import { seedSubmissions, seedUnits } from './bench/national';
import { benchLayout } from './bench/layout';
import { benchBackup } from './bench/backup';
import { benchUi, uiBenchMissing } from './bench/ui';
import { measureNational } from './bench/national-ops';
import { call, median, now, round, timed } from './bench/util';

const JSON_OUT = process.argv.includes('--json');
const FILES = 120;
const SCALE_UNITS = 1000;
const NATIONAL = !process.argv.includes('--no-national');
/** the import part only (importSeconds, bareSeconds, floorSeconds and their ratios), to iterate on the import */
const ONLY_IMPORT = process.argv.includes('--only-import');
/** peakRss1000MB: 1,000 forms imported in one batch in a child process (minutes to make the forms; `--no-peak`) */
/** `--dump=DIR`: the 120 filled forms are also written to DIR (to profile the import on the same files) */
const DUMP = process.argv.find((a) => a.startsWith('--dump='))?.slice('--dump='.length);
const PEAK = ONLY_IMPORT ? process.argv.includes('--peak') : !process.argv.includes('--no-peak');
const UI = NATIONAL && !process.argv.includes('--no-ui');
const YEARS = Array.from({ length: 10 }, (_, i) => 2017 + i);
const say = (s: string): void => void process.stderr.write(`${s}\n`);

function resaveWithLibreOffice(dir: string, files: Array<{ name: string; bytes: Uint8Array }>): number {
  const inDir = join(dir, 'lo-in');
  const outDir = join(dir, 'lo-out');
  mkdirSync(inDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  for (const f of files) writeFileSync(join(inDir, f.name), f.bytes);
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'xlsx',
        '--outdir',
        outDir,
        ...files.map((f) => join(inDir, f.name)),
      ],
      { stdio: 'ignore', timeout: 600_000 },
    );
  } catch {
    return 0;
  }
  let n = 0;
  for (const f of files) {
    try {
      f.bytes = readFileSync(join(outDir, f.name));
      n++;
    } catch {
      // this one stays as exported
    }
  }
  return n;
}

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const RUNS = 3;

/**
 * A fresh database with the bench's 120 units and its 20 periods (ten years); the same ids every time, and the
 * same database identity as the one the forms were exported from (else every form is refused as another
 * database's, which is what the import must do).
 */
function freshDatabase(path: string, identity?: string) {
  const ctx = createContext(path, { today: () => '2026-06-10' });
  if (identity) setMeta(ctx.db, 'databaseId', identity);
  const units = seedUnits(ctx, FILES);
  const periods = new Map<string, number>();
  for (const year of YEARS) {
    for (const kind of ['half_year', 'year'] as const)
      periods.set(`${year}-${kind}`, createPeriod(ctx.db, { year, kind }).id);
  }
  return { ctx, units, periods, target: periods.get('2026-half_year')! };
}

/**
 * The parse worker as the app runs it: bundled the way scripts/build-cli.mjs bundles the command's (into out/, so
 * the bundle finds node_modules), as peakRss1000MB's child does. From the sources, tsx would compile every module
 * again inside the worker thread and keep them with their source maps: ~80 MB of peakRssMB that the app never
 * holds, and seconds of start. Only the worker: this process still runs the sources.
 */
async function bundledParseWorker(): Promise<{ entry: string; dir: string }> {
  const dir = join(__dirname, '..', 'out', `bench-worker-${process.pid}`);
  const { buildCli } = (await import(join(__dirname, 'build-cli.mjs'))) as {
    buildCli: (outDir: string) => Promise<string>;
  };
  await buildCli(dir);
  return { entry: join(dir, 'parse-worker.js'), dir };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-bench-'));
  let worker: { entry: string; dir: string } | null = null;
  // the forms are exported from a database of their own; every import run gets a fresh one with the same ids
  const setup = freshDatabase(join(dir, 'setup.sqlite'));
  let ctx = setup.ctx;
  try {
    const catalog = getCatalog(ctx.db);
    const { units, periods, target } = setup;
    const identity = databaseId(ctx.db) ?? undefined;

    // the 120 forms, filled as units fill them
    say('Tạo 120 tệp báo cáo đã điền…');
    const figures = units.map((_, i) =>
      unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 1000 + i),
    );
    const exported = (await exportTemplates(ctx.db, target)).filter((f) => f.unit !== null);
    const byCode = new Map(units.map((u, i) => [u.code, i]));
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const f of exported) {
      const i = byCode.get(f.unit!)!;
      files.push({ name: f.name, bytes: await fillForm(f.bytes, toFill(figures[i]!), catalog.cellLabels) });
    }
    let libre = 0;
    if (hasSoffice()) {
      say('Lưu lại một phần ba số tệp bằng LibreOffice…');
      libre = resaveWithLibreOffice(
        dir,
        files.filter((_, i) => i % 3 === 2),
      );
    }

    ctx.close();
    if (DUMP) {
      mkdirSync(DUMP, { recursive: true });
      for (const f of files) writeFileSync(join(DUMP, f.name), f.bytes);
    }

    // bare exceljs loads, warmed up by one file
    const bare = async (): Promise<number> => {
      const t0 = now();
      for (const f of files) await new ExcelJS.Workbook().xlsx.load(Buffer.from(f.bytes) as unknown as ExcelJS.Buffer);
      return (now() - t0) / 1000;
    };
    await new ExcelJS.Workbook().xlsx.load(Buffer.from(files[0]!.bytes) as unknown as ExcelJS.Buffer);

    // the import, through the dispatcher, into a fresh database per run; the reader is warmed, and the parse
    // workers started (a batch starts them itself and reads its first files here meanwhile; from the sources, as
    // here, tsx compiles the worker for a second or more, which the bundled app does not pay)
    await parseForm(files[0]!.bytes, files[0]!.name, catalog);
    worker = await bundledParseWorker();
    configureParsePool({ entry: worker.entry });
    warmParsePool();
    await parseForm(files[0]!.bytes, files[0]!.name, catalog, {}, 'worker');
    let peakRss = process.memoryUsage.rss();
    // the officer's path: the 120 files in one imports.batch call
    const batchRun = async (
      run: number,
    ): Promise<{ seconds: number; checkSeconds: number; results: ImportResult[]; ctx: Ctx }> => {
      const fresh = freshDatabase(join(dir, `batch-${run}.sqlite`), identity);
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, 10);
      // the batch's two phases (services/imports/batch.ts): every file read and checked, then every file written;
      // the first 'done' progress event is the end of the first
      let checkedAt = 0;
      fresh.ctx.emit = (event, payload) => {
        if (!checkedAt && event === 'import.progress' && (payload as { phase?: string }).phase === 'done')
          checkedAt = now();
      };
      const t0 = now();
      const r = await call<{ results: ImportResult[] }>(fresh.ctx, 'imports.batch', {
        periodId: fresh.target,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
        receivedAt: '2026-06-05',
        batchId: `bench-batch-${run}-${Date.now()}`,
      });
      const seconds = (now() - t0) / 1000;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      const checkSeconds = checkedAt ? (checkedAt - t0) / 1000 : seconds;
      return { seconds, checkSeconds, results: r.results, ctx: fresh.ctx };
    };
    // the former figure: imports.file called once per file, in turn
    const importRun = async (run: number): Promise<{ seconds: number; results: ImportResult[]; ctx: Ctx }> => {
      const fresh = freshDatabase(join(dir, `import-${run}.sqlite`), identity);
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, 10);
      const batchId = `bench-${run}-${Date.now()}`;
      const t0 = now();
      const results: ImportResult[] = [];
      for (const f of files) {
        results.push(
          await call<ImportResult>(fresh.ctx, 'imports.file', {
            periodId: fresh.target,
            file: { name: f.name, bytes: f.bytes },
            receivedAt: '2026-06-05',
            batchId,
          }),
        );
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }
      const seconds = (now() - t0) / 1000;
      clearInterval(sampler);
      return { seconds, results, ctx: fresh.ctx };
    };
    const bareRuns: number[] = [];
    const importRuns: number[] = [];
    const importFileRuns: number[] = [];
    const floorRuns: number[] = [];
    const checkRuns: number[] = [];
    let results: ImportResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      bareRuns.push(await bare());
      const one = await importRun(run);
      importFileRuns.push(one.seconds);
      one.ctx.close();
      const r = await batchRun(run);
      importRuns.push(r.seconds);
      checkRuns.push(r.checkSeconds);
      results = r.results;
      // the floor (scripts/bench/floor.ts) on the same files, with as many values as this run stored for each
      const countOf = r.ctx.raw.prepare('SELECT count(*) AS n FROM submission_values WHERE submission_id = ?');
      const counts = r.results.map((x) =>
        x.status === 'accepted' ? (countOf.get(x.submissionId) as { n: number }).n : 0,
      );
      floorRuns.push(floorRun(join(dir, `floor-${run}.sqlite`), files, counts));
      // the last run's database goes on to the consolidation, trend and export figures
      if (run < RUNS) r.ctx.close();
      else ctx = r.ctx;
    }
    const importSeconds = median(importRuns);
    const importFileSeconds = median(importFileRuns);
    const bareSeconds = median(bareRuns);
    const floorSeconds = median(floorRuns);
    // the median batch run's first phase (RUNS is odd: that run is one of them)
    const checkSeconds = checkRuns[importRuns.indexOf(importSeconds)] ?? median(checkRuns);
    const accepted = results.filter((r) => r.status === 'accepted').length;
    for (const r of results.filter((x) => x.status !== 'accepted').slice(0, 3)) {
      say(`  ${r.file}: ${r.status} ${r.errors.map((e) => e.message).join(' | ')}`);
    }
    const importFigures = {
      files: files.length,
      accepted,
      libreOfficeFiles: libre,
      importSeconds: round(importSeconds, 2),
      bareSeconds: round(bareSeconds, 2),
      importRatio: round(importSeconds / bareSeconds, 2),
      importRuns: importRuns.map((x) => round(x, 3)),
      bareRuns: bareRuns.map((x) => round(x, 3)),
      floorSeconds: round(floorSeconds, 3),
      importFloorRatio: round(importSeconds / floorSeconds, 2),
      floorRuns: floorRuns.map((x) => round(x, 3)),
      importFileSeconds: round(importFileSeconds, 2),
      importFileFloorRatio: round(importFileSeconds / floorSeconds, 2),
      importFileRuns: importFileRuns.map((x) => round(x, 3)),
      // the batch split in its two phases (the median run): every file read and checked (nothing can be written
      // before: one unit, one file per batch), then every file written (one transaction each, as the floor's)
      importCheckSeconds: round(checkSeconds, 3),
      importWriteSeconds: round(importSeconds - checkSeconds, 3),
    };
    const floorLines = [
      ['floorSeconds (đọc + giải nén + quét + 1 giao dịch/tệp)', `${importFigures.floorSeconds} s`, ''],
      [
        '  các lần chạy (nhập | sàn)',
        `${importFigures.importRuns.join(' ')} | ${importFigures.floorRuns.join(' ')} s`,
        `trung vị của ${RUNS}`,
      ],
      [
        'importFileSeconds (imports.file từng tệp)',
        `${importFigures.importFileSeconds} s (${importFigures.importFileRuns.join(' ')})`,
        `×${importFigures.importFileFloorRatio} sàn`,
      ],
      [
        '  hai pha của đợt (đọc + kiểm tra | ghi)',
        `${importFigures.importCheckSeconds} | ${importFigures.importWriteSeconds} s`,
        `ghi = ×${round(importFigures.importWriteSeconds / floorSeconds, 2)} sàn`,
      ],
      [
        'importFloorRatio',
        `${importFigures.importFloorRatio}`,
        `≤ 1.5 ${importFigures.importFloorRatio <= 1.5 ? 'đạt' : 'CHƯA ĐẠT'}`,
      ],
    ];
    const peakFigures: { peakRss1000MB?: number; peakAccepted?: number } = {};
    if (PEAK) {
      say('1.000 tệp trong một đợt nhập (tiến trình riêng)…');
      const peak = await peakRss1000(join(dir, 'peak'));
      peakFigures.peakRss1000MB = peak.peakRss1000MB;
      peakFigures.peakAccepted = peak.accepted;
      floorLines.push([
        'peakRss1000MB (1.000 tệp, một đợt)',
        `${peak.peakRss1000MB} MB (${peak.accepted} đã nhận)`,
        `≤ 250 MB ${peak.peakRss1000MB <= 250 ? 'đạt' : 'CHƯA ĐẠT'}`,
      ]);
    }
    if (ONLY_IMPORT) {
      const lines = [
        ['files (đã nhận)', `${files.length} (${accepted}; ${libre} qua LibreOffice)`, '120'],
        ['importSeconds', `${importFigures.importSeconds} s`, ''],
        ['bareSeconds (exceljs load)', `${importFigures.bareSeconds} s`, ''],
        [
          'importRatio',
          `${importFigures.importRatio}`,
          `≤ 1.3 ${importFigures.importRatio <= 1.3 ? 'đạt' : 'CHƯA ĐẠT'}`,
        ],
        ...floorLines,
      ];
      const w0 = Math.max(...lines.map((l) => l[0]!.length));
      for (const l of lines) console.log(`${l[0]!.padEnd(w0)}  ${l[1]}  ${l[2]}`);
      if (JSON_OUT) console.log(JSON.stringify({ ...importFigures, ...peakFigures }));
      return;
    }

    // ten years of history: the other 19 periods seeded straight into SQLite
    say('Nạp số liệu 19 kỳ còn lại (10 năm)…');
    const tpl = ctx.raw.prepare('SELECT rows FROM templates ORDER BY id DESC LIMIT 1').get() as { rows: string };
    const rowsByKind = new Map<UnitKind, Set<string>>();
    for (const k of ['so_nganh', 'doan_the', 'xa'] as UnitKind[]) {
      rowsByKind.set(
        k,
        new Set(
          templateRowsFor({ rows: JSON.parse(tpl.rows) as string[] }, catalog.dataElements, k).map((e) => e.code),
        ),
      );
    }
    const kindFigures = (i: number): StoredValue[] => {
      const keep = rowsByKind.get(units[i % units.length]!.kind)!;
      return figures[i % figures.length]!.filter((v) => keep.has(v.element));
    };
    for (const [key, id] of periods) if (key !== '2026-half_year') seedSubmissions(ctx, id, units, kindFigures);

    const consolidateMs = await timed(20, 3, () => call(ctx, 'consolidation.get', { periodId: target }));
    const trendMs = await timed(5, 1, () => call(ctx, 'consolidation.trends', {}));
    let trendEachSumMs = 0;
    for (const ind of catalog.indicators) {
      const t1 = now();
      await call(ctx, 'consolidation.trend', { indicator: ind.code });
      trendEachSumMs += now() - t1;
    }
    const exportMs = await timed(5, 1, () => call(ctx, 'reports.workbook', { periodId: target }));

    // 1,000 units in one period, in a database of its own
    say('Kỳ có 1.000 đơn vị…');
    const big = createContext(join(dir, 'scale.sqlite'), { today: () => '2026-06-10' });
    let scale1000Ms = 0;
    try {
      const bigUnits = seedUnits(big, SCALE_UNITS);
      const p = createPeriod(big.db, { year: 2026, kind: 'half_year' });
      seedSubmissions(big, p.id, bigUnits, (i) =>
        figures[i % figures.length]!.filter((v) => rowsByKind.get(bigUnits[i]!.kind)!.has(v.element)),
      );
      scale1000Ms = await timed(20, 3, () => call(big, 'consolidation.get', { periodId: p.id }));
    } finally {
      big.close();
    }

    let national: Record<string, number> = {};
    // built once, each operation cold (after a write) and warm: scripts/bench/national-ops.ts
    if (NATIONAL) national = { ...(await measureNational(dir, { say })) };

    // backups that cost what changed (issue 20): scripts/bench/backup.ts
    const bk = benchBackup({ national: NATIONAL, say });
    const backups = {
      backupMs: bk.backupMs,
      backupFirstMs: bk.backupFirstMs,
      backupDiskRatio: bk.backupDiskRatio,
      ...(bk.backupNationalMs !== undefined
        ? { backupNationalMs: bk.backupNationalMs, backupNationalFirstMs: bk.backupNationalFirstMs ?? 0 }
        : {}),
    };
    // the UI at national scale, in Chromium
    let ui: Record<string, number> = {};
    const uiMissing = UI ? uiBenchMissing() : null;
    if (uiMissing) say(`Bỏ qua số đo giao diện (Chromium): ${uiMissing}.`);
    else if (UI) {
      // the national database the ops part built (closed, so one file) is copied, not built again
      const built = join(dir, 'national.sqlite');
      const f = await benchUi({ dir, say, ...(NATIONAL && existsSync(built) ? { db: built } : {}) });
      ui = {
        dashboardNationalMs: f.dashboardNationalMs,
        uiHeapMB: f.uiHeapMB,
        dashboardDomNodes: f.dashboardDomNodes,
        dashboardListRows: f.dashboardListRows,
        drawerNationalMs: f.drawerNationalMs,
        drawerDomRows: f.drawerDomRows,
        dashboard120Ms: f.dashboard120Ms,
        dashboardScaleRatio: f.dashboardScaleRatio,
      };
    }

    // the command's start, as `npm run bdg` runs it (the first call builds the bundle if it is stale)
    const bdg = join(__dirname, 'bdg.mjs');
    execFileSync(process.execPath, [bdg, '--help'], { stdio: 'ignore' });
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      execFileSync(process.execPath, [bdg, '--help'], { stdio: 'ignore' });
      starts.push(now() - t0);
    }
    const cliStartMs = round(median(starts));
    // …and a real command to its answer: `period list --json` on a fresh database (the core loaded, the database
    // opened and migrated, one query, one JSON object)
    const cliDb = join(dir, 'cli.sqlite');
    execFileSync(process.execPath, [bdg, 'init', '--db', cliDb, '--json'], { stdio: 'ignore' });
    const commands: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      execFileSync(process.execPath, [bdg, 'period', 'list', '--db', cliDb, '--json'], { stdio: 'ignore' });
      commands.push(now() - t0);
    }
    const cliCommandMs = round(median(commands));
    const bareNode: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      bareNode.push(now() - t0);
    }
    const bareNodeMs = round(median(bareNode));
    // layouts (issue 17): a province's own form, labelled in paraphrase, mapped by layouts.suggest
    const { misses: _misses, ...layoutBench } = await benchLayout();

    const out = {
      ...importFigures,
      ...peakFigures,
      consolidateMs: round(consolidateMs),
      trendMs: round(trendMs),
      trendEachSumMs: round(trendEachSumMs),
      indicators: catalog.indicators.length,
      exportMs: round(exportMs),
      scale1000Ms: round(scale1000Ms),
      peakRssMB: Math.round(peakRss / 1024 / 1024),
      ...national,
      ...backups,
      ...ui,
      cliStartMs,
      cliCommandMs,
      bareNodeMs,
      ...layoutBench,
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
    };
    const targets = {
      importRatio: [1.3, ''],
      consolidateMs: [50, 'ms'],
      trendMs: [300, 'ms'],
      exportMs: [1000, 'ms'],
      scale1000Ms: [300, 'ms'],
      peakRssMB: [400, 'MB'],
      ...(NATIONAL
        ? {
            nationalConsolidateMs: [50, 'ms'],
            nationalDrillMs: [30, 'ms'],
            nationalTrendsMs: [200, 'ms'],
            nationalWorkbookMs: [1000, 'ms'],
            nationalStatusMs: [20, 'ms'],
            consolidationBytes: [200_000, 'B'],
          }
        : {}),
      ...(ui.dashboardNationalMs !== undefined ? { dashboardNationalMs: [1500, 'ms'], uiHeapMB: [100, 'MB'] } : {}),
      cliStartMs: [300, 'ms'],
      cliCommandMs: [300, 'ms'],
      layoutSuggestWrongConfident: [0, ''],
      backupMs: [50, 'ms'],
      ...(NATIONAL ? { backupNationalMs: [500, 'ms'] } : {}),
      backupDiskRatio: [3, ''],
    } as Record<string, [number, string]>;
    const lines = [
      ['Số đo', 'Kết quả', 'Mục tiêu'],
      ['files (đã nhận)', `${out.files} (${out.accepted}; ${out.libreOfficeFiles} qua LibreOffice)`, '120'],
      ['importSeconds', `${out.importSeconds} s`, ''],
      ['bareSeconds (exceljs load)', `${out.bareSeconds} s`, ''],
      [
        '  các lần chạy (nhập | exceljs)',
        `${out.importRuns.join(' ')} | ${out.bareRuns.join(' ')} s`,
        `trung vị của ${RUNS}`,
      ],
      ...Object.entries(targets).map(([k, [lim, unit]]) => {
        const v = out[k as keyof typeof out] as number;
        return [
          k,
          `${v}${unit ? ' ' + unit : ''}`,
          `≤ ${lim}${unit ? ' ' + unit : ''} ${v <= lim ? 'đạt' : 'CHƯA ĐẠT'}`,
        ];
      }),
      [
        'layoutSuggestRight',
        `${out.layoutSuggestRight} (${out.layoutSuggestRows} dòng diễn đạt lại)`,
        'càng gần 1 càng tốt',
      ],
      ...floorLines,
      ...(ui.dashboardNationalMs !== undefined
        ? [
            [
              '  giao diện (Chromium)',
              `${ui.dashboard120Ms} ms với 120 đơn vị (×${ui.dashboardScaleRatio}); ${ui.dashboardDomNodes} nút DOM, ${ui.dashboardListRows} dòng; chi tiết ${ui.drawerNationalMs} ms, ${ui.drawerDomRows} dòng`,
              '',
            ],
          ]
        : []),
      ['trendEachSumMs', `${out.trendEachSumMs} ms (${out.indicators} lần 'consolidation.trend')`, ''],
      ['backupFirstMs (lần đầu: chuyển tệp gốc ra kho)', `${bk.backupFirstMs} ms`, ''],
      ...(NATIONAL ? [['backupNationalFirstMs (lần đầu, cả nước)', `${bk.backupNationalFirstMs} ms`, '']] : []),
      [
        '  các lần sao lưu sau một đợt',
        `${bk.backupRuns.join(' ')} ms${bk.backupNationalRuns ? ` | cả nước ${bk.backupNationalRuns.join(' ')} ms` : ''}`,
        `trung vị`,
      ],
      ['  đĩa: các bản sao lưu | dữ liệu', `${bk.backupDiskMB} MB | ${bk.liveMB} MB`, ''],
      ...(NATIONAL
        ? ['nationalConsolidateColdMs', 'nationalDrillColdMs', 'nationalStatusColdMs', 'nationalTrendsColdMs'].map(
            (k) => [k, `${national[k]} ms`, 'lần đầu sau một lần ghi (không có gì giữ sẵn)'],
          )
        : []),
      ['bareNodeMs (node -e 0, cùng máy)', `${out.bareNodeMs} ms`, ''],
      ['máy', `${out.cpus} lõi, ${out.cpu}, Node ${out.node}`, ''],
    ];
    const w0 = Math.max(...lines.map((l) => l[0]!.length));
    const w1 = Math.max(...lines.map((l) => l[1]!.length));
    for (const l of lines) console.log(`${l[0]!.padEnd(w0)}  ${l[1]!.padEnd(w1)}  ${l[2]}`);
    if (JSON_OUT) console.log(JSON.stringify(out));
  } finally {
    ctx.close();
    await shutdownParsePool();
    rmSync(dir, { recursive: true, force: true });
    if (worker) rmSync(worker.dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
