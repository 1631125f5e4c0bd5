/**
 * `npm run bench` (add `-- --json` for one JSON object on the last line): import, consolidation, trend, export and
 * scale figures, measured through the same code path as the screens (dispatch → handlers → services, the parse
 * worker included). It builds its own data: the app's own forms (exportTemplates) filled the way units fill them
 * (demo-data unitFigures + fillForm), a third of them re-saved by LibreOffice when `soffice` is on PATH.
 *
 * Figures:
 * - importSeconds: 120 filled unit files imported into a fresh database (dispatch 'imports.file', one batchId);
 *   the median of three runs, each into a database of its own;
 * - bareSeconds: the same 120 files only loaded with `new ExcelJS.Workbook().xlsx.load(buf)`, in this process;
 *   the median of three passes;
 * - importRatio = importSeconds / bareSeconds. Both sides are measured alike: three runs each, interleaved
 *   (exceljs pass, import run, exceljs pass, …) in the same process, the median of each. No forced garbage
 *   collection: a forced one shrinks the heap, and exceljs then ran twice as slow, which would flatter the ratio;
 * - consolidateMs: 'consolidation.get' on the imported period (120 units), median of 20 warm runs;
 * - trendMs: the ten-year comparison, 20 periods × 120 units: ONE 'consolidation.trends' call that returns the
 *   trend of every indicator (median of 5 warm runs); the sum of one 'consolidation.trend' call per indicator is
 *   printed too (trendEachSumMs);
 * - exportMs: 'reports.workbook' of the imported period, median of 5 warm runs;
 * - scale1000Ms: 'consolidation.get' on a period with 1,000 units (values seeded straight into SQLite), median of 20;
 * - peakRssMB: peak resident memory of the process (parse worker thread included) sampled during the import;
 * - national*: a database as a ministry would hold it — 4,300 units (every commune and the provincial units) and
 *   20 periods (ten years), values seeded straight into SQLite: 'consolidation.get' (and the size of its JSON
 *   answer, consolidationBytes), 'consolidation.drill' of one figure, 'consolidation.trends', 'reports.workbook',
 *   'status.get', each the median of warm runs (`--no-national` skips it);
 * - cliStartMs: `node scripts/bdg.mjs --help` (the built command, as `npm run bdg` runs it), median of 5 starts.
 *   Tests never assert on time; this script only prints.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { UnitKind } from '../src/shared/domain/catalog';
import type { StoredValue } from '../src/shared/domain/records';
import type { ImportResult } from '../src/shared/domain/report';
import type { Result } from '../src/shared/result';
import { createContext, type Ctx } from '../src/main/api/context';
import { dispatch } from '../src/main/api/dispatch';
import { fillForm } from '../src/main/demo/form-filler';
import { parseForm, shutdownParsePool } from '../src/main/excel/parse-pool';
import { templateRowsFor } from '../src/main/excel/form-layout';
import { getCatalog } from '../src/main/services/catalog';
import { toFill, unitFigures } from '../src/main/demo/data';
import { createPeriod } from '../src/main/services/periods';
import { databaseId, setMeta } from '../src/main/services/settings';
import { exportTemplates } from '../src/main/services/templates';
import { buildNationalDb, NATIONAL_UNITS, seedSubmissions, seedUnits } from './bench/national';
import { benchLayout } from './bench/layout';

const JSON_OUT = process.argv.includes('--json');
const FILES = 120;
const SCALE_UNITS = 1000;
const NATIONAL = !process.argv.includes('--no-national');
const YEARS = Array.from({ length: 10 }, (_, i) => 2017 + i);
const say = (s: string): void => void process.stderr.write(`${s}\n`);

const now = (): number => performance.now();
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

async function call<T>(ctx: Ctx, op: string, input: unknown): Promise<T> {
  const r = (await dispatch(ctx, op, input)) as Result<T>;
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.data;
}

async function timed(runs: number, warm: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await fn();
    xs.push(now() - t0);
  }
  return median(xs);
}

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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-bench-'));
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

    // bare exceljs loads, warmed up by one file
    const bare = async (): Promise<number> => {
      const t0 = now();
      for (const f of files) await new ExcelJS.Workbook().xlsx.load(Buffer.from(f.bytes) as unknown as ExcelJS.Buffer);
      return (now() - t0) / 1000;
    };
    await new ExcelJS.Workbook().xlsx.load(Buffer.from(files[0]!.bytes) as unknown as ExcelJS.Buffer);

    // the import, through the dispatcher, one batch per run into a fresh database; the parse worker is started
    // and warmed like at app start
    await parseForm(files[0]!.bytes, files[0]!.name, catalog);
    let peakRss = process.memoryUsage.rss();
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
    let results: ImportResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      bareRuns.push(await bare());
      const r = await importRun(run);
      importRuns.push(r.seconds);
      results = r.results;
      // the last run's database goes on to the consolidation, trend and export figures
      if (run < RUNS) r.ctx.close();
      else ctx = r.ctx;
    }
    const importSeconds = median(importRuns);
    const bareSeconds = median(bareRuns);
    const accepted = results.filter((r) => r.status === 'accepted').length;
    for (const r of results.filter((x) => x.status !== 'accepted').slice(0, 3)) {
      say(`  ${r.file}: ${r.status} ${r.errors.map((e) => e.message).join(' | ')}`);
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
    if (NATIONAL) {
      say(`Quy mô cả nước: ${NATIONAL_UNITS.toLocaleString('vi-VN')} đơn vị, ${periods.size} kỳ…`);
      const built = buildNationalDb(join(dir, 'national.sqlite'));
      const nat = built.ctx;
      const natTarget = built.target;
      try {
        say(`  nạp xong trong ${round(built.seedSeconds)} s`);
        const answer = await call(nat, 'consolidation.get', { periodId: natTarget });
        national = {
          nationalUnits: NATIONAL_UNITS,
          nationalPeriods: periods.size,
          consolidationBytes: Buffer.byteLength(JSON.stringify(answer)),
          nationalConsolidateMs: round(
            await timed(5, 1, () => call(nat, 'consolidation.get', { periodId: natTarget })),
          ),
          nationalDrillMs: round(
            await timed(10, 2, () =>
              call(nat, 'consolidation.drill', { periodId: natTarget, element: 'TT_LUOT', cell: 'female' }),
            ),
          ),
          nationalTrendsMs: round(await timed(3, 1, () => call(nat, 'consolidation.trends', {}))),
          nationalWorkbookMs: round(await timed(3, 1, () => call(nat, 'reports.workbook', { periodId: natTarget }))),
          nationalStatusMs: round(await timed(10, 2, () => call(nat, 'status.get', { periodId: natTarget }))),
        };
      } finally {
        nat.close();
      }
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
    // layouts (issue 17): a province's own form, labelled in paraphrase, mapped by layouts.suggest
    const { misses: _misses, ...layoutBench } = await benchLayout();

    const out = {
      files: files.length,
      accepted,
      libreOfficeFiles: libre,
      importSeconds: round(importSeconds, 2),
      bareSeconds: round(bareSeconds, 2),
      importRatio: round(importSeconds / bareSeconds, 2),
      importRuns: importRuns.map((x) => round(x, 3)),
      bareRuns: bareRuns.map((x) => round(x, 3)),
      consolidateMs: round(consolidateMs),
      trendMs: round(trendMs),
      trendEachSumMs: round(trendEachSumMs),
      indicators: catalog.indicators.length,
      exportMs: round(exportMs),
      scale1000Ms: round(scale1000Ms),
      peakRssMB: Math.round(peakRss / 1024 / 1024),
      ...national,
      cliStartMs,
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
      cliStartMs: [300, 'ms'],
      layoutSuggestWrongConfident: [0, ''],
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
      ['trendEachSumMs', `${out.trendEachSumMs} ms (${out.indicators} lần 'consolidation.trend')`, ''],
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
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
