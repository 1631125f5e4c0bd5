/**
 * Issue 20: `imports.batch` reads ahead in the parse workers while this thread checks (services/imports/batch.ts,
 * excel/parse-pool.ts). With the workers started (so the read-ahead really runs in them), the batch answers and
 * stores exactly what the import did before any speed-up (tests/fixtures/imports/reference.json) and what the
 * batch gives without read-ahead; a hostile file mid-batch is refused in Vietnamese (time limit, out of memory)
 * and the files after it are imported; `imports.cancel` stops after the file in hand; the progress events come
 * 'read' for every file in order, then 'done' in order. Real files, real SQLite, the real worker.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { fillForm } from '../../../src/main/demo/form-filler';
import {
  configureParsePool,
  parseForm,
  parsePoolSettings,
  parsePoolState,
  shutdownParsePool,
  warmParsePool,
} from '../../../src/main/excel/parse-pool';
import { configureBatch, READ_AHEAD } from '../../../src/main/services/imports/batch';
import { getCatalog } from '../../../src/main/services/catalog';
import { createPeriod } from '../../../src/main/services/periods';
import { saveUnit } from '../../../src/main/services/units';
import { exportTemplates } from '../../../src/main/services/templates';
import type { ImportBatchResult } from '../../../src/shared/contract/imports';
import type { UnitKind } from '../../../src/shared/domain/catalog';
import type { Result } from '../../../src/shared/result';
import { hostileMerge } from '../../helpers/hostile';
import { tableCounts } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { dump, FIXTURE_UNITS, fixtureFiles, fresh, normalise, runCorpus } from './corpus';

const reference = JSON.parse(readFileSync(join(__dirname, '../../fixtures/imports/reference.json'), 'utf8')) as Record<
  string,
  unknown
>;
const TOO_COMPLEX = /^Tệp quá phức tạp hoặc bị hỏng nên không đọc được trong thời gian cho phép/;
const VI = /[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữựđ]/i;
const original = parsePoolSettings();
const dir = tmpDir('bdg-read-ahead-');

/** The workers started and answering (as a batch finds them a few files in), so the batch reads ahead in them. */
async function workersStarted(): Promise<void> {
  warmParsePool();
  const f = fixtureFiles().find((x) => x.name === 'so-y-te.xlsx')!;
  const catalog = JSON.parse(readFileSync(join(__dirname, '../../../resources/catalog.json'), 'utf8'));
  await parseForm(new Uint8Array(f.bytes), f.name, catalog, {}, 'worker');
  expect(parsePoolState().threadId).not.toBeNull();
}

async function batch(ctx: Ctx, input: Record<string, unknown>): Promise<ImportBatchResult> {
  const r = (await dispatch(ctx, 'imports.batch', input)) as Result<ImportBatchResult>;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

beforeAll(() => configureParsePool(original));
afterEach(() => {
  configureBatch({ readAhead: READ_AHEAD });
  configureParsePool(original);
});
afterAll(async () => {
  await shutdownParsePool();
  rmSync(dir, { recursive: true, force: true });
});

describe('a batch read ahead in the workers answers and stores exactly what it did before', () => {
  it('every batch of the equality corpus equals the reference, and the workers read many of its files', async () => {
    // the batch as it was: each file read when it is checked (the usual .xlsx in this thread)
    configureBatch({ readAhead: 0 });
    await workersStarted();
    const s0 = parsePoolState().answered;
    mkdirSync(join(dir, 'seq'));
    const sequential = await runCorpus(join(dir, 'seq'));
    const inWorkersBefore = parsePoolState().answered - s0;
    // read ahead, the workers started
    configureBatch({ readAhead: READ_AHEAD });
    await workersStarted();
    const s1 = parsePoolState().answered;
    mkdirSync(join(dir, 'ahead'));
    const ahead = await runCorpus(join(dir, 'ahead'));
    const inWorkersAhead = parsePoolState().answered - s1;
    for (const part of ['fixturesBatch', 'generated', 'plan', 'fixturesFile']) {
      expect(ahead[part], part).toEqual(reference[part]);
      expect(ahead[part], part).toEqual(sequential[part]);
    }
    // the fixtures' batch, the generated batches and the plan's: 30-odd forms the fast reader takes in this thread
    // when the batch does not read ahead, read in a worker when it does
    console.log(`read in a worker: ${inWorkersBefore} without read-ahead, ${inWorkersAhead} with`);
    expect(inWorkersAhead).toBeGreaterThanOrEqual(inWorkersBefore + 10);
  }, 300_000);
});

/** `n` units and their forms, filled like the bench's (the app's own forms, demo figures). */
async function province(name: string, n: number) {
  const kinds: UnitKind[] = ['so_nganh', 'doan_the', 'xa', 'khac'];
  const units = Array.from(
    { length: n },
    (_, i) => [`RA-${i + 1}`, `Đơn vị đọc trước ${i + 1}`, kinds[i % 4]!] as [string, string, UnitKind],
  );
  const ctx = createContext(join(dir, `${name}.sqlite`), { today: () => '2026-06-20' });
  for (const [code, unitName, kind] of units) saveUnit(ctx.db, { code, name: unitName, kind });
  const periodId = createPeriod(ctx.db, { year: 2026, kind: 'half_year' }).id;
  const catalog = getCatalog(ctx.db);
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const [i, f] of (await exportTemplates(ctx.db, periodId)).filter((x) => x.unit !== null).entries()) {
    const figures = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 3000 + i);
    files.push({ name: f.name, bytes: await fillForm(f.bytes, toFill(figures), catalog.cellLabels) });
  }
  return { ctx, periodId, files };
}

type Progress = { batchId: string; index: number; total: number; file: string; phase: 'read' | 'done' };

/** A context whose progress events are collected (and handed to `on`, which may cancel). */
function listened(ctx: Ctx, on: (p: Progress) => void = () => {}): { ctx: Ctx; events: Progress[] } {
  const events: Progress[] = [];
  const emit = (event: string, payload: unknown): void => {
    if (event !== 'import.progress') return;
    events.push(payload as Progress);
    on(payload as Progress);
  };
  return { ctx: Object.assign(Object.create(ctx) as Ctx, { emit }), events };
}

describe('a hostile file in the middle of a batch read ahead', () => {
  it('runs away: refused within the time limit in Vietnamese; the files after it (held behind it) are imported', async () => {
    configureParsePool({ ...original, timeoutMs: 3000 });
    await workersStarted();
    const { ctx, periodId, files } = await province('hostile-time', 8);
    try {
      const before = parsePoolState().restarts;
      const hostile = { name: 'gop-o-ca-trang.xlsx', bytes: hostileMerge(files[1]!.bytes) };
      const sent = [files[0]!, hostile, ...files.slice(2)];
      const l = listened(ctx);
      const r = await batch(l.ctx, { periodId, files: sent, batchId: 'h-1', receivedAt: '2026-06-10' });
      expect(r.cancelled).toBe(false);
      expect(r.results.map((x) => x.file)).toEqual(sent.map((f) => f.name));
      const bad = r.results[1]!;
      expect(bad.status).toBe('rejected');
      expect(bad.errors.map((e) => e.code)).toEqual(['BAD_FILE']);
      expect(bad.errors[0]!.message).toMatch(TOO_COMPLEX);
      expect(bad.errors[0]!.message).toContain('gop-o-ca-trang.xlsx');
      expect(bad.errors[0]!.message).toMatch(VI);
      expect(r.results.filter((x, i) => i !== 1).map((x) => x.status)).toEqual(Array(7).fill('accepted'));
      expect(parsePoolState().restarts).toBe(before + 1);
      // every file 'read' in order, then every file 'done' in order
      expect(l.events.map((e) => `${e.phase}:${e.index}`)).toEqual([
        ...sent.map((_, i) => `read:${i}`),
        ...sent.map((_, i) => `done:${i}`),
      ]);
      // written: the seven good files, and the hostile one only in the inbox
      const counts = tableCounts(ctx);
      expect(counts.submissions).toBe(7);
      expect(counts.import_attempts).toBe(8);
    } finally {
      ctx.close();
    }
  }, 120_000);

  it('eats the memory: the worker is replaced, the file refused with the same message, the next files imported', async () => {
    configureParsePool({ ...original, timeoutMs: 120_000, maxOldGenerationSizeMb: 48 });
    await workersStarted();
    const { ctx, periodId, files } = await province('hostile-memory', 6);
    try {
      const hostile = { name: 'het-bo-nho.xlsx', bytes: hostileMerge(files[2]!.bytes) };
      const sent = [files[0]!, files[1]!, hostile, ...files.slice(3)];
      const r = await batch(ctx, { periodId, files: sent, batchId: 'h-2', receivedAt: '2026-06-10' });
      expect(r.results[2]!.status).toBe('rejected');
      expect(r.results[2]!.errors[0]!.message).toMatch(/^Tệp quá phức tạp hoặc bị hỏng/);
      expect(r.results.filter((x, i) => i !== 2).map((x) => x.status)).toEqual(Array(5).fill('accepted'));
    } finally {
      ctx.close();
    }
  }, 240_000);
});

describe('imports.cancel on a batch read ahead', () => {
  let p: Awaited<ReturnType<typeof province>>;
  beforeAll(async () => {
    p = await province('cancel', 12);
  }, 120_000);
  afterAll(() => p.ctx.close());

  it('while reading: stops after the file in hand, writes nothing, even when the cancel comes a moment later', async () => {
    await workersStarted();
    const before = tableCounts(p.ctx);
    // the cancel arrives as the officer's click does: from the event loop, after the 'read' of file 4 was sent
    const l = listened(p.ctx, (e) => {
      if (e.phase === 'read' && e.index === 4)
        setImmediate(() => void dispatch(p.ctx, 'imports.cancel', { batchId: 'c-1' }));
    });
    const r = await batch(l.ctx, { periodId: p.periodId, files: p.files, batchId: 'c-1', receivedAt: '2026-06-10' });
    expect(r.cancelled).toBe(true);
    expect(r.results).toEqual([]);
    expect(l.events.map((e) => `${e.phase}:${e.index}`)).toEqual([0, 1, 2, 3, 4].map((i) => `read:${i}`));
    expect(tableCounts(p.ctx)).toEqual(before);
  }, 120_000);

  it('while writing: the files answered before the cancel are written, none after', async () => {
    await workersStarted();
    const l = listened(p.ctx, (e) => {
      if (e.phase === 'done' && e.index === 3)
        setImmediate(() => void dispatch(p.ctx, 'imports.cancel', { batchId: 'c-2' }));
    });
    const r = await batch(l.ctx, { periodId: p.periodId, files: p.files, batchId: 'c-2', receivedAt: '2026-06-10' });
    expect(r.cancelled).toBe(true);
    expect(r.results.map((x) => x.status)).toEqual(Array(4).fill('accepted'));
    expect(l.events.map((e) => `${e.phase}:${e.index}`)).toEqual([
      ...p.files.map((_, i) => `read:${i}`),
      ...[0, 1, 2, 3].map((i) => `done:${i}`),
    ]);
    expect(tableCounts(p.ctx).submissions).toBe(4);
  }, 120_000);
});

describe('the same batch with and without read-ahead', () => {
  it('gives the same answers and rows on a fresh database (bench-like forms, a duplicate pair, an exact copy)', async () => {
    const runs = [];
    for (const readAhead of [0, READ_AHEAD]) {
      configureBatch({ readAhead });
      await workersStarted();
      const { ctx, periodId, files } = await province(`same-${readAhead}`, 20);
      try {
        const sent = [...files, { ...files[3]!, name: 'ban-sao.xlsx' }];
        // two different files of one unit: neither is written
        const other = await fillForm(
          (await exportTemplates(ctx.db, periodId)).find((f) => f.unit === 'RA-5')!.bytes,
          {},
          getCatalog(ctx.db).cellLabels,
        );
        sent.push({ name: 'ra-5-lan-2.xlsx', bytes: other });
        const r = await batch(ctx, { periodId, files: sent, batchId: 'same', receivedAt: '2026-06-10' });
        runs.push(normalise({ r, db: dump(ctx, false) }));
      } finally {
        ctx.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    const statuses = (runs[1] as { r: ImportBatchResult }).r.results.map((x) => x.status);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'unchanged')).toHaveLength(1);
  }, 240_000);
});

describe('the fixtures as one batch read ahead, the worker busy from the first file', () => {
  it('equals the reference', async () => {
    await workersStarted();
    const { ctx, periodId } = fresh(dir, 'fixtures-ahead', FIXTURE_UNITS);
    try {
      const files = fixtureFiles();
      const r = await batch(ctx, {
        periodId,
        files: files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
        receivedAt: '2026-06-03',
        batchId: 'batch-1',
      });
      expect(normalise({ result: r, db: dump(ctx) })).toEqual(reference.fixturesBatch);
    } finally {
      ctx.close();
    }
  }, 120_000);
});

describe('with two workers (a PC with more cores, BDG_PARSE_WORKERS=2)', () => {
  it('the fixtures batch equals the reference, and a hostile file is refused while the other worker reads on', async () => {
    configureParsePool({ ...original, workers: 2, timeoutMs: 3000 });
    await workersStarted();
    const { ctx, periodId } = fresh(dir, 'fixtures-two', FIXTURE_UNITS);
    try {
      const files = fixtureFiles();
      const r = await batch(ctx, {
        periodId,
        files: files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
        receivedAt: '2026-06-03',
        batchId: 'batch-1',
      });
      expect(normalise({ result: r, db: dump(ctx) })).toEqual(reference.fixturesBatch);
      expect(parsePoolState().workers).toBe(2);
    } finally {
      ctx.close();
    }
    const { ctx: c2, periodId: p2, files } = await province('hostile-two', 8);
    try {
      const sent = [files[0]!, { name: 'gop-o.xlsx', bytes: hostileMerge(files[1]!.bytes) }, ...files.slice(2)];
      const r = await batch(c2, { periodId: p2, files: sent, batchId: 'h-3', receivedAt: '2026-06-10' });
      expect(r.results[1]!.errors[0]!.message).toMatch(TOO_COMPLEX);
      expect(r.results.filter((x, i) => i !== 1).map((x) => x.status)).toEqual(Array(7).fill('accepted'));
    } finally {
      c2.close();
    }
  }, 180_000);
});
