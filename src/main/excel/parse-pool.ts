/**
 * Reads uploaded forms in a reusable worker thread with a memory limit and a per-file time limit.
 *
 * Hostile or broken workbooks can make a parser loop or eat gigabytes (a merged range over the whole sheet makes
 * exceljs create every cell; ENGINEERING.md §4). The worker is started once and reused; when a file takes longer
 * than the time limit, or the worker dies (out of memory, crash), the worker is terminated, the file gets a
 * Vietnamese refusal, and the next file gets a fresh worker. The result is the same `ParsedForm` (or the same
 * `AppError('bad_file')`) that `readForm` gives in-process. Up to `workers` threads (default one), each
 * holding at most two jobs (the one it reads and the next), so a batch can read ahead on another core while
 * this thread checks and writes (services/imports/batch.ts).
 *
 * Worker entry: `parse-worker.js` next to the bundle (Electron build: input `parse-worker`), or
 * `parse-worker.ts` beside this file when running from sources (tsx, vitest, the CLI), loaded through tsx.
 * Only when no worker can be started at all does the pool fall back to reading in-process.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../shared/result';
import { FastGridUnsupported } from './fast-grid';
import type { LayoutDefinition } from '../../shared/contract/layouts';
import type { FormCatalog, ParsedForm, ReadFormOptions } from './form-reader';
import type { LayoutReading } from './layout/read';
import type { ReadPlan } from './plan-reader';
import { runReadJob, type ReadJob, type ReadJobKind, type ReadJobResult } from './read-jobs';
import type { ColumnRole, UnitList } from './unit-list-reader';

/**
 * A read job (read-jobs.ts) for the worker: a filled form, a file read by a layout, a unit list, a plan. The
 * catalogue a form or layout job reads with is sent to a worker once (`catalog.value`) and named by its id after
 * that (structured clone of the slim catalogue cost about as much as a tenth of the read itself, per file); both
 * sides keep the last CATALOGS_KEPT ids, evicting alike.
 */
export type ParseRequest = {
  type: 'parse';
  id: number;
  bytes: Uint8Array;
  fileName: string;
  job: ReadJob;
  catalog?: { id: number; value?: FormCatalog };
};
/** `at`: the worker's clock (Date.now) when it finished this job, which is when it started its next one. */
export type ParseReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; at: number; result: ReadJobResult<ReadJobKind> }
  | { type: 'failed'; id: number; at: number; appError: AppErrorData | null; message?: string };

/** How many catalogues a worker keeps by id (the pool mirrors it, so it knows what to send). */
export const CATALOGS_KEPT = 4;

/**
 * How many jobs a worker holds at once: the one it reads and the next, already sent, so that it never waits for
 * this thread (busy checking or writing another file) to hand it more. The time limit runs per job from when the
 * worker starts it, never while it waits behind another.
 */
const DEPTH = 2;

export interface ParsePoolOptions {
  /** time limit per file, in ms (default 5000; env BDG_PARSE_TIMEOUT_MS) */
  timeoutMs: number;
  /**
   * V8 old-generation limit of the worker, in MB (default 1024; env BDG_PARSE_HEAP_MB). V8 grows a small heap in
   * small steps: at 256 MB the worker ran about 1.8× the CPU of an in-process read (dozens of full GCs per 100
   * forms), at 1024 MB about 1.3×, at 2048 MB the same as in-process. A runaway file is stopped by the time limit
   * long before it reaches the cap.
   */
  maxOldGenerationSizeMb: number;
  /** worker entry file (.js, or .ts loaded through tsx); default: found beside this module */
  entry: string | null;
  /**
   * read the usual .xlsx form in this thread with the fast reader, sending only what it is unsure of to the worker
   * (default true; env BDG_PARSE_FAST_IN_PROCESS=0 sends every file to the worker)
   */
  fastInProcess: boolean;
  /** read in-process, without a worker (only where worker threads are impossible) */
  inProcess: boolean;
  /**
   * how many worker threads at most (default 1; env BDG_PARSE_WORKERS). A lone file uses one; a batch reads ahead
   * in all of them while this thread checks (services/imports/batch.ts). Each worker is an isolate of its own,
   * about 40 MB more at the peak of a 1,000-file batch (188 → 226–229 MB with one; the goal is 250), so one by
   * default: with this thread it makes two readers, which is what a 2-core PC has; more cores may take more.
   */
  workers: number;
}

export const TOO_COMPLEX_MESSAGE = (fileName: string, seconds: number): string =>
  `Tệp quá phức tạp hoặc bị hỏng nên không đọc được trong thời gian cho phép (${String(seconds).replace('.', ',')} giây): ` +
  `"${fileName}". Tệp có thể chứa vùng gộp ô, định dạng hoặc dữ liệu phủ cả trang tính. Hãy đề nghị đơn vị ` +
  'chép số liệu sang mẫu biểu gốc (không chép cả trang tính), lưu dưới dạng .xlsx rồi gửi lại.';

const envTimeout = Number(process.env.BDG_PARSE_TIMEOUT_MS);
const settings: ParsePoolOptions = {
  timeoutMs: Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout : 5000,
  maxOldGenerationSizeMb: Number(process.env.BDG_PARSE_HEAP_MB) > 0 ? Number(process.env.BDG_PARSE_HEAP_MB) : 1024,
  entry: process.env.BDG_PARSE_WORKER || null,
  inProcess: process.env.BDG_PARSE_IN_PROCESS === '1',
  fastInProcess: process.env.BDG_PARSE_FAST_IN_PROCESS !== '0',
  workers: Number(process.env.BDG_PARSE_WORKERS) >= 1 ? Math.floor(Number(process.env.BDG_PARSE_WORKERS)) : 1,
};

/** Changes the pool's settings (tests, the bench, the doors). The current worker is replaced on its next use. */
export function configureParsePool(opts: Partial<ParsePoolOptions>): void {
  Object.assign(settings, opts);
  if (opts.entry !== undefined || opts.maxOldGenerationSizeMb !== undefined || opts.workers !== undefined)
    void shutdownParsePool();
}

export function parsePoolSettings(): Readonly<ParsePoolOptions> {
  return { ...settings };
}

/** The worker entry: the built parse-worker.js next to the bundle, else the TypeScript source beside this file. */
export function findWorkerEntry(): string | null {
  if (settings.entry) return settings.entry;
  const here = typeof __dirname === 'string' ? __dirname : null;
  if (!here) return null;
  const candidates = [
    join(here, 'parse-worker.js'),
    join(here, '..', 'parse-worker.js'),
    join(here, 'parse-worker.ts'),
    join(here, 'parse-worker.mjs'),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}

/**
 * The worker's young generation, in MB. 64 held the peak RSS of 1,000 forms in one batch at 244–246 MB (the goal is
 * 250; 188 before the batch read ahead in the worker), 16 at 226–229, 8 at 220; the worker's CPU per form did not
 * move measurably between 16 and 64 (scripts/bench/probe-read.ts, a loaded 2-core machine). With the guard's and
 * fast-grid's kept entries (file-guard.ts, fast-grid.ts) in both threads, 16 gave 249–251 and 8 gives 238–240
 * (`npx tsx scripts/bench/probe-peak.ts DIR`), so 8.
 */
const YOUNG_GENERATION_MB = 8;

function spawn(entry: string, maxOld: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxOld, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (!entry.endsWith('.ts')) return new Worker(entry, { resourceLimits });
  // from sources: register tsx's require hook in the worker, then load the TypeScript entry
  const tsx = createRequire(entry).resolve('tsx/cjs');
  const boot = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, resourceLimits });
}

const STARTUP_LIMIT_MS = 30_000;

interface Job {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  job: ReadJob;
  resolve(r: ReadJobResult<ReadJobKind>): void;
  reject(e: unknown): void;
  /** when it was posted to its worker (Date.now) */
  postedAt: number;
}

/** The catalogue of a form or layout job, named by an id per catalogue object (the cached view of a database). */
const catalogIds = new WeakMap<object, WeakMap<object, number>>();
let nextCatalogId = 1;
function catalogId(c: FormCatalog): number {
  let inner = catalogIds.get(c.dataElements);
  if (!inner) catalogIds.set(c.dataElements, (inner = new WeakMap()));
  let id = inner.get(c.cellLabels);
  if (id === undefined) inner.set(c.cellLabels, (id = nextCatalogId++));
  return id;
}

class ParseWorker {
  readonly worker: Worker;
  ready = false;
  dead = false;
  /** the jobs posted (or to post once ready), in the order the worker runs them: the first is the one it reads */
  jobs: Job[] = [];
  timer: NodeJS.Timeout | null = null;
  /** when the worker finished its last job (or became ready): the start of the job it reads now */
  lastAt = 0;
  /** the catalogue ids this worker keeps, oldest first (the worker evicts alike) */
  private catalogs: number[] = [];
  constructor(
    entry: string,
    private readonly pool: Pool,
  ) {
    this.worker = spawn(entry, settings.maxOldGenerationSizeMb);
    this.worker.unref();
    this.worker.on('message', (m: ParseReply) => this.onMessage(m));
    this.worker.on('error', (e) => this.onDeath(e));
    this.worker.on('exit', (code) => this.onDeath(new Error(`parse worker exited (${code})`)));
  }

  get room(): number {
    return DEPTH - this.jobs.length;
  }

  run(job: Job): void {
    this.jobs.push(job);
    this.worker.ref();
    if (this.ready) {
      this.post(job);
      if (this.jobs.length === 1) this.arm();
    }
    // a worker that cannot even start (missing loader, broken bundle) is given up on: read in-process instead
    else this.timer ??= setTimeout(() => this.onTimeout(), STARTUP_LIMIT_MS);
  }

  private post(job: Job): void {
    job.postedAt = Date.now();
    const request: ParseRequest = { type: 'parse', id: job.id, bytes: job.bytes, fileName: job.fileName, job: job.job };
    if (job.job.kind === 'form' || job.job.kind === 'layout') {
      const catalog = job.job.args.catalog;
      const id = catalogId(catalog);
      // the worker has it: only its id crosses (the job's own catalogue field is filled in there)
      if (this.catalogs.includes(id)) {
        request.catalog = { id };
        request.job = { ...job.job, args: { ...job.job.args, catalog: null } } as unknown as ReadJob;
      } else {
        request.catalog = { id, value: catalog };
        this.catalogs.push(id);
        if (this.catalogs.length > CATALOGS_KEPT) this.catalogs.shift();
      }
    }
    // a copy of the bytes is moved, not cloned (the caller keeps its own: the batch hashes and stores them). A copy
    // made by the constructor: a Buffer's slice() is a view of the same memory, and moving it would empty the caller's
    const bytes = new Uint8Array(job.bytes);
    request.bytes = bytes;
    this.worker.postMessage(request, [bytes.buffer]);
  }

  /** The time limit of the job the worker reads now, counted from when it started it. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const head = this.jobs[0];
    if (!head) return;
    const started = Math.max(head.postedAt, this.lastAt);
    this.timer = setTimeout(() => this.onTimeout(), Math.max(0, started + settings.timeoutMs - Date.now()));
  }

  private onMessage(m: ParseReply): void {
    if (m.type === 'ready') {
      this.ready = true;
      this.lastAt = Date.now();
      for (const job of this.jobs) this.post(job);
      // a worker started ahead (warm) with nothing to read must not keep the process alive: the unref() of the
      // constructor does not hold for a thread still starting (a warmed, idle worker kept `bdg import` from exiting)
      if (!this.jobs.length) this.worker.unref();
      this.arm();
      this.pool.next();
      return;
    }
    const job = this.jobs[0];
    if (!job || m.id !== job.id) return;
    this.jobs.shift();
    this.lastAt = m.at;
    this.arm();
    if (!this.jobs.length) this.worker.unref();
    this.pool.answered++;
    if (m.type === 'done') job.resolve(m.result);
    else if (m.appError) job.reject(new AppError(m.appError.code, m.appError.message, m.appError.details));
    else job.reject(new Error(m.message ?? 'parse failed'));
    this.pool.next();
  }

  private onTimeout(): void {
    this.kill(null);
  }

  private onDeath(e: unknown): void {
    if (this.dead) return;
    this.kill(e);
  }

  /** Stops the thread; returns the jobs it held (none of them answered). */
  stop(): Job[] {
    this.dead = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const jobs = this.jobs;
    this.jobs = [];
    void this.worker.terminate();
    return jobs;
  }

  /**
   * Ends this worker: the job it was reading is refused (or, when the worker never started, every job is read
   * in-process); the jobs sent behind it were not read yet and go to another worker.
   */
  private kill(cause: unknown): void {
    const neverStarted = !this.ready;
    const [job, ...behind] = this.stop();
    this.pool.dropped(this, neverStarted, cause);
    if (job) {
      if (neverStarted) for (const j of [job, ...behind]) this.pool.inProcess(j);
      else {
        this.pool.requeue(behind);
        const secs = Math.round(settings.timeoutMs / 100) / 10;
        job.reject(
          new AppError('bad_file', TOO_COMPLEX_MESSAGE(job.fileName, secs), {
            cause: cause instanceof Error ? cause.message : cause === null ? 'timeout' : String(cause),
          }),
        );
      }
    }
    this.pool.next();
  }
}

class Pool {
  private workers: ParseWorker[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  /** set when worker threads turned out to be unusable here: read in-process from then on */
  private broken = false;
  restarts = 0;
  /** jobs answered by a worker (read or refused there), since the process started */
  answered = 0;

  submit(bytes: Uint8Array, fileName: string, job: ReadJob): Promise<ReadJobResult<ReadJobKind>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, fileName, job, resolve, reject, postedAt: 0 });
      this.next();
    });
  }

  /** Jobs a dropped worker held but had not read: first in line again, in their order. */
  requeue(jobs: Job[]): void {
    this.queue.unshift(...jobs);
  }

  next(): void {
    while (this.queue.length) {
      if (settings.inProcess || this.broken) {
        this.inProcess(this.queue.shift()!);
        continue;
      }
      const w = this.pick();
      if (w === 'broken') continue;
      if (!w) return;
      w.run(this.queue.shift()!);
    }
  }

  /**
   * An idle started worker, else a new one while under the limit, else the started one with most room, else one
   * still starting; null: all are full.
   */
  private pick(): ParseWorker | 'broken' | null {
    this.workers = this.workers.filter((w) => !w.dead);
    const roomiest = (ws: ParseWorker[]): ParseWorker | null =>
      ws.reduce<ParseWorker | null>((b, w) => (w.room > 0 && (!b || w.room > b.room) ? w : b), null);
    const started = roomiest(this.workers.filter((w) => w.ready));
    if (started && started.jobs.length === 0) return started;
    if (this.workers.length < this.size) {
      const w = this.spawn();
      if (w) return w;
      if (!this.workers.length) {
        this.broken = true;
        return 'broken';
      }
    }
    return started ?? roomiest(this.workers.filter((w) => !w.ready));
  }

  private get size(): number {
    return Math.max(1, settings.workers);
  }

  private spawn(): ParseWorker | null {
    const entry = findWorkerEntry();
    if (!entry) return null;
    try {
      const w = new ParseWorker(entry, this);
      this.workers.push(w);
      return w;
    } catch {
      return null; // no worker can start here
    }
  }

  /** Starts the workers up to the limit (a batch about to read ahead), so they are ready a few files later. */
  warm(): void {
    if (settings.inProcess || this.broken) return;
    this.workers = this.workers.filter((w) => !w.dead);
    while (this.workers.length < this.size && this.spawn());
  }

  dropped(w: ParseWorker, neverStarted: boolean, _cause: unknown): void {
    this.workers = this.workers.filter((x) => x !== w);
    this.restarts++;
    if (neverStarted) this.broken = true;
  }

  inProcess(job: Job): void {
    runReadJob(job.job, job.bytes, job.fileName).then(job.resolve, job.reject);
  }

  /** How many jobs the started workers take at once (0: none started yet, or none can run here). */
  get capacity(): number {
    if (settings.inProcess || this.broken) return 0;
    return this.workers.filter((w) => w.ready && !w.dead).length * DEPTH;
  }

  async shutdown(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    this.broken = false;
    const held: Job[] = [];
    await Promise.all(
      ws
        .filter((w) => !w.dead)
        .map((w) => {
          held.push(...w.stop());
          return w.worker.terminate();
        }),
    );
    // jobs in flight are not lost: a new worker (with the new settings) reads them
    if (held.length) {
      this.requeue(held);
      this.next();
    }
  }

  get liveWorkers(): number {
    return this.workers.filter((w) => !w.dead).length;
  }

  get workerThreadId(): number | null {
    return this.workers.find((w) => !w.dead)?.worker.threadId ?? null;
  }
}

const pool = new Pool();

const isZip = (b: Uint8Array): boolean =>
  b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Where a file is read: 'auto' (the usual .xlsx by the fast reader in this thread, the rest in a worker) or
 * 'worker' (in a worker whatever it is: a batch reading ahead while this thread checks the file before).
 */
export type ReadVia = 'auto' | 'worker';

/**
 * Runs a read job off the calling thread, within the time and memory limits: resolves to what the job gives in
 * this thread, or rejects with the same `AppError('bad_file')` (a too complex or crashing file included).
 */
function read(
  job: ReadJob,
  bytes: Uint8Array,
  fileName: string,
  via: ReadVia = 'auto',
): Promise<ReadJobResult<ReadJobKind>> {
  if (via === 'auto' && settings.fastInProcess && isZip(bytes)) {
    // The usual .xlsx goes the short way, in this thread: the file guard (every size, count and ratio capped before
    // anything is inflated past its limit) and the fast reader are linear in the capped input. Anything the fast
    // reader is not sure of (exceljs needed, a legacy .xls, an odd part) goes to the worker, which has the time
    // and memory limits. (In a worker the same reader runs first, then exceljs: the same answer.)
    return runReadJob(job, bytes, fileName, 'fast').catch((e: unknown) => {
      if (e instanceof FastGridUnsupported) return pool.submit(bytes, fileName, job);
      throw e;
    });
  }
  return pool.submit(bytes, fileName, job);
}

/** Only what the readers use crosses to the worker (not the whole catalogue: rules, indicators, sections). */
const slimCatalog = (catalog: FormCatalog): FormCatalog => ({
  dataElements: catalog.dataElements,
  cellLabels: catalog.cellLabels,
});

/** Reads a filled form off the calling thread (same contract as `readForm`). */
export function parseForm(
  bytes: Uint8Array,
  fileName: string,
  catalog: FormCatalog,
  options: ReadFormOptions = {},
  via: ReadVia = 'auto',
): Promise<ParsedForm> {
  const slim = slimCatalog(catalog);
  return read({ kind: 'form', args: { catalog: slim, options } }, bytes, fileName, via) as Promise<ParsedForm>;
}

/** Reads a file by a saved layout off the calling thread (same contract as loadGrid + readByLayout). */
export function parseByLayout(
  bytes: Uint8Array,
  fileName: string,
  definition: LayoutDefinition,
  layoutName: string,
  catalog: FormCatalog,
  via: ReadVia = 'auto',
): Promise<LayoutReading> {
  const slim = slimCatalog(catalog);
  const job: ReadJob = { kind: 'layout', args: { catalog: slim, definition, layoutName } };
  return read(job, bytes, fileName, via) as Promise<LayoutReading>;
}

/** Reads a list of units off the calling thread (same contract as readUnitList). */
export function parseUnitList(
  bytes: Uint8Array,
  fileName: string,
  columns: Record<string, ColumnRole> = {},
): Promise<UnitList> {
  return read({ kind: 'unitList', args: { columns } }, bytes, fileName) as Promise<UnitList>;
}

/** Reads the year's plan list off the calling thread (same contract as readPlan). */
export function parsePlan(bytes: Uint8Array, fileName: string): Promise<ReadPlan> {
  return read({ kind: 'plan', args: {} }, bytes, fileName) as Promise<ReadPlan>;
}

/** Stops the workers (a new one starts on the next file; jobs in flight are read by it). */
export function shutdownParsePool(): Promise<void> {
  return pool.shutdown();
}

/**
 * How many files the started workers read at once (0: none has started yet, or none can run here and every file
 * is read in this thread). A batch hands them no more than this, reading the rest itself meanwhile.
 */
export function parsePoolCapacity(): number {
  return pool.capacity;
}

/** Starts the workers (up to `workers`) now, so they are ready by the time a batch's read-ahead needs them. */
export function warmParsePool(): void {
  pool.warm();
}

/**
 * For tests and the bench: the first live worker's thread id, how many are alive, how many were dropped and how
 * many jobs the workers answered so far.
 */
export function parsePoolState(): { threadId: number | null; restarts: number; workers: number; answered: number } {
  return { threadId: pool.workerThreadId, restarts: pool.restarts, workers: pool.liveWorkers, answered: pool.answered };
}
