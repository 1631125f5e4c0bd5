/**
 * The import-equality corpus (issue 20): the existing fixtures (tests/fixtures/xlsx, its bad/ files, ../shared
 * fixtures) and bench-like generated files (the app's own forms filled with the demo figures, two rounds: new
 * revisions, unchanged files, a blanking refusal, duplicates in a batch), imported through `dispatch` into fresh
 * databases, one file at a time and as batches. `runCorpus` returns every answer and every row the import wrote
 * (submissions, values, findings, inbox entries, audit, originals' hashes and sizes), normalised so that two runs of
 * the same code give the same object: hashes numbered in order of appearance, timestamps replaced.
 *
 * `scripts/import-reference.ts` wrote tests/fixtures/imports/reference.json with the code BEFORE the import was
 * made faster; tests/integration/imports/equality.test.ts compares today's code with it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { fillForm } from '../../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { getCatalog } from '../../../src/main/services/catalog';
import { createPeriod } from '../../../src/main/services/periods';
import { saveUnit } from '../../../src/main/services/units';
import { exportTemplates } from '../../../src/main/services/templates';
import { readOriginal } from '../../../src/main/services/originals';
import type { UnitKind } from '../../../src/shared/domain/catalog';
import type { Result } from '../../../src/shared/result';
import { fillTasks, PLAN_FIXTURE, PLAN_UNITS, taskRowsOf } from '../../helpers/plan';

const ROOT = resolve(__dirname, '../../..');
const XLSX = join(ROOT, 'tests/fixtures/xlsx');

function sharedFixtures(): string | null {
  const c = [process.env.BDG_SHARED_DIR, resolve(ROOT, '../shared'), '/work/shared'].filter((x): x is string => !!x);
  const found = c.find((d) => existsSync(join(d, 'fixtures')));
  return found ? join(found, 'fixtures') : null;
}

/** Every fixture file a unit could send (good, bad, from outside the project), in a fixed order. */
export function fixtureFiles(): Array<{ name: string; bytes: Buffer }> {
  const dirs = [XLSX, join(XLSX, 'bad')];
  const shared = sharedFixtures();
  if (shared) dirs.push(shared, join(shared, 'hong'));
  const out: Array<{ name: string; bytes: Buffer }> = [];
  for (const d of dirs) {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (!statSync(p).isFile() || !/\.(xlsx|xls|xlsm)$/i.test(name)) continue;
      out.push({ name, bytes: readFileSync(p) });
    }
  }
  return out;
}

export const FIXTURE_UNITS: Array<[string, string, UnitKind]> = [
  ['LCA-S04', 'Sở Y tế', 'so_nganh'],
  ['LCA-D02', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
  ['LCA-X001', 'Phường Cam Đường', 'xa'],
  ['LCA-X005', 'Xã Bảo Thắng', 'xa'],
  ['LCA-S02', 'Sở Tài chính', 'so_nganh'],
];

/**
 * The generated forms' zip entries carry the time they were written (DOS time, 2-second steps), so whether two
 * fillings of an empty form are the same bytes depended on the clock. Each round's files get one fixed time
 * instead (the local and central headers' time and date fields; nothing else changes): round 1 and round 2 always
 * differ, two files of one round are the same bytes exactly when their contents are.
 */
export function stampZip(bytes: Uint8Array, round: number): Uint8Array {
  const b = Buffer.from(bytes);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return b;
  const entries = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const time = 0x6000 + round * 2; // 12:00:0(2·round)
  const date = ((2026 - 1980) << 9) | (6 << 5) | 1;
  for (let i = 0; i < entries; i++) {
    if (b.readUInt32LE(at) !== 0x02014b50) break;
    b.writeUInt16LE(time, at + 12);
    b.writeUInt16LE(date, at + 14);
    const local = b.readUInt32LE(at + 42);
    if (b.readUInt32LE(local) === 0x04034b50) {
      b.writeUInt16LE(time, local + 10);
      b.writeUInt16LE(date, local + 12);
    }
    at += 46 + b.readUInt16LE(at + 28) + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return b;
}

async function call<T>(ctx: Ctx, op: string, input: unknown): Promise<T | { error: unknown }> {
  const r = (await dispatch(ctx, op, input)) as Result<T>;
  return r.ok ? r.data : { error: r.error };
}

const tables: Array<[string, string]> = [
  ['files', 'SELECT sha256, size FROM files ORDER BY rowid'],
  [
    'submissions',
    'SELECT id, period_id, unit_id, revision, received_at, official_date, channel, file_name, sha256, status, ' +
      'superseded_by, withdrawn_at FROM submissions ORDER BY id',
  ],
  [
    'submission_values',
    'SELECT submission_id, element, cell, state, num, text FROM submission_values ORDER BY submission_id, element, cell',
  ],
  ['findings', 'SELECT * FROM findings ORDER BY id'],
  ['import_attempts', 'SELECT * FROM import_attempts ORDER BY id'],
  ['audit_log', 'SELECT * FROM audit_log ORDER BY id'],
];

/** `sizes: false` for generated files (their zip entries carry the time they were written, so sizes vary). */
export function dump(ctx: Ctx, sizes = true): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [name, sql] of tables) out[name] = ctx.raw.prepare(sql).all();
  // every original is whole wherever it is kept (in the database, or moved out into a pack after its batch):
  // read back through the app's one reader, its SHA-256 checked against the row's
  out.files = (out.files as Array<{ sha256: string; size: number }>).map((f) => {
    const bytes = readOriginal(ctx, f.sha256);
    const whole =
      !!bytes && bytes.length === f.size && createHash('sha256').update(bytes).digest('hex') === f.sha256 ? 1 : 0;
    return { ...f, whole };
  });
  if (!sizes) out.files = out.files!.map((f) => ({ ...(f as object), size: '<varies>' }));
  return out;
}

export function fresh(dir: string, name: string, units: Array<[string, string, UnitKind]>) {
  const ctx = createContext(join(dir, `${name}.sqlite`), { today: () => '2026-06-20' });
  for (const [code, n, kind] of units) saveUnit(ctx.db, { code, name: n, kind });
  const period = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
  return { ctx, periodId: period.id };
}

/** Hashes numbered in order of appearance, timestamps replaced: two runs of the same code give the same object. */
export function normalise(x: unknown): unknown {
  const hashes = new Map<string, string>();
  const text = JSON.stringify(x, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v))
    .replace(/\b[0-9a-f]{64}\b/g, (h) => {
      if (!hashes.has(h)) hashes.set(h, `sha#${hashes.size + 1}`);
      return hashes.get(h)!;
    })
    .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?/g, '<time>');
  return JSON.parse(text) as unknown;
}

export async function runCorpus(dir: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const files = fixtureFiles();
  out.fixtureNames = files.map((f) => f.name);

  // 1. the fixtures, one file at a time, then again (unchanged / refused again)
  {
    const { ctx, periodId } = fresh(dir, 'fixtures-file', FIXTURE_UNITS);
    try {
      const results: unknown[] = [];
      for (const round of [1, 2]) {
        for (const f of files) {
          results.push(
            await call(ctx, 'imports.file', {
              periodId,
              file: { name: f.name, bytes: new Uint8Array(f.bytes) },
              receivedAt: `2026-06-0${round}`,
              batchId: `file-${round}`,
            }),
          );
        }
      }
      out.fixturesFile = normalise({ results, db: dump(ctx) });
    } finally {
      ctx.close();
    }
  }

  // 2. the fixtures as one batch (the duplicates of one unit, exact copies)
  {
    const { ctx, periodId } = fresh(dir, 'fixtures-batch', FIXTURE_UNITS);
    try {
      const r = await call(ctx, 'imports.batch', {
        periodId,
        files: files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
        receivedAt: '2026-06-03',
        batchId: 'batch-1',
      });
      out.fixturesBatch = normalise({ result: r, db: dump(ctx) });
    } finally {
      ctx.close();
    }
  }

  // 3. bench-like generated files: the app's forms filled with the demo figures, two rounds
  {
    const kinds: UnitKind[] = ['so_nganh', 'doan_the', 'xa', 'khac'];
    const units = Array.from(
      { length: 16 },
      (_, i) => [`BM-${i + 1}`, `Đơn vị thử ${i + 1}`, kinds[i % 4]!] as [string, string, UnitKind],
    );
    const { ctx, periodId } = fresh(dir, 'generated', units);
    try {
      const catalog = getCatalog(ctx.db);
      const exported = (await exportTemplates(ctx.db, periodId)).filter((f) => f.unit !== null);
      let round = 1;
      const fill = async (f: (typeof exported)[number], seed: number, drop = 0) => {
        let figures = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, seed);
        if (drop) figures = figures.filter((_, j) => j % drop !== 0);
        return { name: f.name, bytes: stampZip(await fillForm(f.bytes, toFill(figures), catalog.cellLabels), round) };
      };
      const first = [];
      for (let i = 0; i < exported.length; i++) first.push(await fill(exported[i]!, 1000 + i));
      round = 2;
      const r1 = await call(ctx, 'imports.batch', { periodId, files: first, receivedAt: '2026-06-04', batchId: 'g-1' });
      const second = [];
      for (let i = 0; i < exported.length; i++) {
        if (i % 4 === 0)
          second.push(first[i]!); // unchanged
        else if (i % 4 === 1)
          second.push(await fill(exported[i]!, 2000 + i)); // a new revision
        else if (i % 4 === 2)
          second.push(await fill(exported[i]!, 1000 + i, 3)); // leaves figures blank: refused
        else second.push(await fill(exported[i]!, 2000 + i), await fill(exported[i]!, 2000 + i, 7)); // two of one unit
      }
      second.push({ ...first[1]!, name: 'ban-sao.xlsx' });
      const r2 = await call(ctx, 'imports.batch', {
        periodId,
        files: second,
        receivedAt: '2026-06-12',
        batchId: 'g-2',
      });
      // the blanking refusal, then allowed
      round = 3;
      const blank = await fill(exported[2]!, 1000 + 2, 3);
      const r3 = await call(ctx, 'imports.file', {
        periodId,
        file: blank,
        receivedAt: '2026-06-13',
        allowBlanking: true,
        batchId: 'g-3',
      });
      out.generated = normalise({ r1, r2, r3, db: dump(ctx, false) });
    } finally {
      ctx.close();
    }
  }

  // 4. the year's plan: forms with task rows (statuses, results, activity counts, some unclear), as one batch
  {
    const { ctx, periodId } = fresh(
      dir,
      'plan',
      PLAN_UNITS.map(([code, name, kind]) => [code, name, kind] as [string, string, UnitKind]),
    );
    try {
      const plan = await call(ctx, 'plan.import', {
        year: 2026,
        file: { name: 'ke-hoach-2026.xlsx', bytes: new Uint8Array(readFileSync(PLAN_FIXTURE)) },
      });
      const catalog = getCatalog(ctx.db);
      const exported = (await exportTemplates(ctx.db, periodId)).filter((f) => f.unit !== null);
      const statuses = ['Đã hoàn thành', 'đang thực hiện', 'Chưa thực hiện', 'xong rồi', '', 'x'];
      const files = [];
      for (let i = 0; i < exported.length; i++) {
        const f = exported[i]!;
        const figures = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 500 + i);
        let bytes: Uint8Array = await fillForm(f.bytes, toFill(figures), catalog.cellLabels);
        const rows = await taskRowsOf(bytes);
        const fill: Record<number, { status?: string; result?: string; activities?: number | string }> = {};
        rows.forEach((r, j) => {
          fill[Number(r.code.slice(3))] = {
            status: statuses[(i + j) % statuses.length]!,
            result: j % 2 ? `Đã tổ chức ${j + 1} hội nghị` : '',
            activities: j % 3 === 2 ? 'ba' : j + i,
          };
        });
        if (rows.length) bytes = await fillTasks(bytes, fill);
        files.push({ name: f.name, bytes });
      }
      const r = await call(ctx, 'imports.batch', { periodId, files, receivedAt: '2026-06-04', batchId: 'p-1' });
      out.plan = normalise({ plan, result: r, db: dump(ctx, false) });
    } finally {
      ctx.close();
    }
  }
  return out;
}
