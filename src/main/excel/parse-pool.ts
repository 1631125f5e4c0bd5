/**
 * Reads uploaded forms in a reusable worker thread with a memory limit and a per-file time limit.
 *
 * Hostile or broken workbooks can make a parser loop or eat gigabytes (a merged range over the whole sheet makes
 * exceljs create every cell; ENGINEERING.md §4). The worker is started once and reused; when a file takes longer
 * than the time limit, or the worker dies (out of memory, crash), the worker is terminated, the file gets a
 * Vietnamese refusal, and the next file gets a fresh worker. The result is the same `ParsedForm` (or the same
 * `AppError('bad_file')`) that `readForm` gives in-process.
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

/** A read job (read-jobs.ts) for the worker: a filled form, a file read by a layout, a unit list, a plan. */
export type ParseRequest = {
  type: 'parse';
  id: number;
  bytes: Uint8Array;
  fileName: string;
  job: ReadJob;
};
export type ParseReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: ReadJobResult<ReadJobKind> }
  | { type: 'failed'; id: number; appError: AppErrorData | null; message?: string };

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
};

/** Changes the pool's settings (tests, the bench, the doors). The current worker is replaced on its next use. */
export function configureParsePool(opts: Partial<ParsePoolOptions>): void {
  Object.assign(settings, opts);
  if (opts.entry !== undefined || opts.maxOldGenerationSizeMb !== undefined) void shutdownParsePool();
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

function spawn(entry: string, maxOld: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxOld, maxYoungGenerationSizeMb: 64 };
  if (!entry.endsWith('.ts')) return new Worker(entry, { resourceLimits });
  // from sources: register tsx's require hook in the worker, then load the TypeScript entry
  const tsx = createRequire(entry).resolve('tsx/cjs');
  const boot = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, resourceLimits });
}

const STARTUP_LIMIT_MS = 30_000;

interface Job {
  id: number;
  request: ParseRequest;
  resolve(r: ReadJobResult<ReadJobKind>): void;
  reject(e: unknown): void;
}

class ParseWorker {
  readonly worker: Worker;
  ready = false;
  dead = false;
  job: Job | null = null;
  timer: NodeJS.Timeout | null = null;
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

  run(job: Job): void {
    this.job = job;
    this.worker.ref();
    if (this.ready) this.post();
    // a worker that cannot even start (missing loader, broken bundle) is given up on: read in-process instead
    else this.timer ??= setTimeout(() => this.onTimeout(), STARTUP_LIMIT_MS);
  }

  private post(): void {
    const job = this.job!;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onTimeout(), settings.timeoutMs);
    this.worker.postMessage(job.request);
  }

  private onMessage(m: ParseReply): void {
    if (m.type === 'ready') {
      this.ready = true;
      if (this.job) this.post();
      return;
    }
    const job = this.job;
    if (!job || m.id !== job.id) return;
    this.finish();
    if (m.type === 'done') job.resolve(m.result);
    else if (m.appError) job.reject(new AppError(m.appError.code, m.appError.message, m.appError.details));
    else job.reject(new Error(m.message ?? 'parse failed'));
    this.pool.next();
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.job = null;
    if (!this.dead) this.worker.unref();
  }

  private onTimeout(): void {
    this.kill(null);
  }

  private onDeath(e: unknown): void {
    if (this.dead) return;
    this.kill(e);
  }

  /** Ends this worker; its job (if any) is refused, or retried in-process when the worker never started. */
  private kill(cause: unknown): void {
    const job = this.job;
    const neverStarted = !this.ready;
    this.dead = true;
    this.finish();
    void this.worker.terminate();
    this.pool.dropped(this, neverStarted, cause);
    if (job) {
      if (neverStarted) this.pool.inProcess(job);
      else {
        const secs = Math.round(settings.timeoutMs / 100) / 10;
        job.reject(
          new AppError('bad_file', TOO_COMPLEX_MESSAGE(job.request.fileName, secs), {
            cause: cause instanceof Error ? cause.message : cause === null ? 'timeout' : String(cause),
          }),
        );
      }
    }
    this.pool.next();
  }
}

class Pool {
  private current: ParseWorker | null = null;
  private queue: Job[] = [];
  private nextId = 1;
  /** set when worker threads turned out to be unusable here: read in-process from then on */
  private broken = false;
  restarts = 0;

  submit(bytes: Uint8Array, fileName: string, job: ReadJob): Promise<ReadJobResult<ReadJobKind>> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const request: ParseRequest = { type: 'parse', id, bytes, fileName, job };
      this.queue.push({ id, request, resolve, reject });
      this.next();
    });
  }

  next(): void {
    if (this.current?.job) return;
    const job = this.queue.shift();
    if (!job) return;
    if (settings.inProcess || this.broken) return this.inProcess(job);
    if (!this.current || this.current.dead) {
      const entry = findWorkerEntry();
      if (!entry) {
        this.broken = true;
        return this.inProcess(job);
      }
      try {
        this.current = new ParseWorker(entry, this);
      } catch {
        this.broken = true;
        return this.inProcess(job);
      }
    }
    this.current.run(job);
  }

  dropped(w: ParseWorker, neverStarted: boolean, _cause: unknown): void {
    if (this.current === w) this.current = null;
    this.restarts++;
    if (neverStarted) this.broken = true;
  }

  inProcess(job: Job): void {
    const { bytes, fileName, job: read } = job.request;
    runReadJob(read, bytes, fileName).then(job.resolve, job.reject);
    // jobs wait for each other only when they share a worker
    this.next();
  }

  async shutdown(): Promise<void> {
    const w = this.current;
    this.current = null;
    this.broken = false;
    if (w && !w.dead) {
      w.dead = true;
      await w.worker.terminate();
    }
  }

  get workerThreadId(): number | null {
    return this.current && !this.current.dead ? this.current.worker.threadId : null;
  }
}

const pool = new Pool();

const isZip = (b: Uint8Array): boolean =>
  b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Runs a read job off the calling thread, within the time and memory limits: resolves to what the job gives in
 * this thread, or rejects with the same `AppError('bad_file')` (a too complex or crashing file included).
 */
function read(job: ReadJob, bytes: Uint8Array, fileName: string): Promise<ReadJobResult<ReadJobKind>> {
  if (settings.fastInProcess && isZip(bytes)) {
    // The usual .xlsx goes the short way, in this thread: the file guard (every size, count and ratio capped before
    // anything is inflated past its limit) and the fast reader are linear in the capped input. Anything the fast
    // reader is not sure of (exceljs needed, a legacy .xls, an odd part) goes to the worker, which has the time
    // and memory limits.
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
): Promise<ParsedForm> {
  const slim = slimCatalog(catalog);
  return read({ kind: 'form', args: { catalog: slim, options } }, bytes, fileName) as Promise<ParsedForm>;
}

/** Reads a file by a saved layout off the calling thread (same contract as loadGrid + readByLayout). */
export function parseByLayout(
  bytes: Uint8Array,
  fileName: string,
  definition: LayoutDefinition,
  layoutName: string,
  catalog: FormCatalog,
): Promise<LayoutReading> {
  const slim = slimCatalog(catalog);
  const job: ReadJob = { kind: 'layout', args: { catalog: slim, definition, layoutName } };
  return read(job, bytes, fileName) as Promise<LayoutReading>;
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

/** Stops the worker (a new one starts on the next file). */
export function shutdownParsePool(): Promise<void> {
  return pool.shutdown();
}

/** For tests and the bench: the current worker's thread id and how many workers were dropped so far. */
export function parsePoolState(): { threadId: number | null; restarts: number } {
  return { threadId: pool.workerThreadId, restarts: pool.restarts };
}
