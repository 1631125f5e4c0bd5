/**
 * A batch of files (a folder, a drop): every file is checked first, then written. Two files of ONE unit in one
 * batch are not guessed between (which is the corrected one?): neither is written, both are answered as
 * duplicates naming each other. An exact copy of a file (same bytes) is not ambiguous: it is written once.
 * Progress: an `import.progress` event with `phase: 'read'` as each file is read and checked, then one with
 * `phase: 'done'` and its status as each is answered; `imports.cancel` stops after the file in hand.
 *
 * Reading is the pure part of checking (no database) and most of its time: while this thread checks file i
 * against the register and the database, the parse workers (parse-pool.ts: one by default) read the files
 * after it, at most READ_AHEAD ahead; when file i is still being read there, this thread reads a later one itself
 * rather than wait. Everything that reads the database stays here, in file order, so the answers are the ones
 * the files would get read one after the other. The writing starts only once every file is checked (one unit,
 * one file: a later file may name the unit of an earlier one, and which unit a file is for is known only once
 * it is read).
 */
import { randomUUID } from 'node:crypto';
import type { ImportBatchInput, ImportBatchResult } from '../../../shared/contract/imports';
import type { ImportResult } from '../../../shared/domain/report';
import { AppError, INTERNAL_MESSAGE } from '../../../shared/result';
import { databaseError } from '../../db/errors';
import type { Ctx } from '../context';
import { moveAfterBatch } from '../backups';
import { getPeriodRow } from '../periods';
import { parsePoolCapacity, warmParsePool } from '../../excel/parse-pool';
import { checkFile, commitChecked, readFile, recordAnswer, registerFor, type Checked, type FileRead } from './file';
import { layoutOf } from './by-layout';
import { reject } from './result';

export type { ImportBatchInput };

/** A file whose check or write failed unexpectedly: rejected with the truest message (a database cause if any). */
const failed = (name: string, e: unknown, dbPath: string): Checked => {
  const err = e instanceof AppError ? e : databaseError(e, dbPath);
  return {
    kind: 'answer',
    sha256: null,
    result: reject(name, [{ code: err?.code ?? 'internal', message: err?.message ?? INTERNAL_MESSAGE }]),
  };
};

/** The unit a checked file would be written for (or was refused for): the key of "one unit, one file". */
function unitOf(c: Checked): string | null {
  if (c.kind === 'commit') return c.unit.code;
  return c.result.status === 'rejected' ? c.result.unit : null;
}

function duplicate(c: Checked, name: string, others: string[]): ImportResult {
  const unit = c.kind === 'commit' ? { code: c.unit.code, name: c.unit.name } : null;
  const base = c.kind === 'commit' ? reject(name, [], c.form.warnings, unit) : c.result;
  const unitName = unit?.name ?? base.unitName ?? base.unit ?? '';
  return {
    ...base,
    status: 'duplicate',
    duplicateOf: others,
    errors: [
      {
        code: 'DUPLICATE_IN_BATCH',
        message:
          `Đợt nhập này có ${others.length + 1} tệp của cùng đơn vị ${unitName}: tệp này và ` +
          `${others.map((o) => `"${o}"`).join(', ')}. Không nhập tệp nào để khỏi lấy nhầm bản; hãy nhập riêng tệp ` +
          'đúng (bản mới nhất) của đơn vị.',
      },
      ...(c.kind === 'answer' ? c.result.errors : []),
    ],
  };
}

/**
 * How far reading may run ahead of checking, in files: the forms read but not yet checked are held in memory
 * (small: the values, not the workbook), and a cancelled batch has read at most this many files for nothing.
 */
export const READ_AHEAD = 8;

/**
 * The batch's settings (tests, the bench): `readAhead`, how many files reading may run ahead of checking; 0 reads
 * each file only when it is checked, the usual .xlsx in this thread (the batch as it was before read-ahead).
 */
const settings = { readAhead: READ_AHEAD };
export function configureBatch(opts: Partial<typeof settings>): void {
  Object.assign(settings, opts);
}

/** Lets what waits for the event loop in (the workers' answers, `imports.cancel`, the door's progress events). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The files of a batch read ahead: `get(i)` gives file i's reading, started in a worker while earlier files
 * were checked, or read here (a later file read here while the workers are busy with file i).
 */
class ReadAhead {
  private readonly reads: Array<Promise<FileRead> | undefined> = [];
  private readonly settled: boolean[] = [];
  /** the first file nobody has started to read */
  private next = 0;
  private inWorkers = 0;
  constructor(
    private readonly read: (i: number, via: 'auto' | 'worker') => Promise<FileRead>,
    private readonly count: number,
    /** how many files the workers take at once now (0: none started yet, or none can run here) */
    private readonly capacity: () => number,
    private readonly window: number,
  ) {}

  private start(i: number, via: 'auto' | 'worker'): void {
    const p = this.read(i, via);
    if (via === 'worker') this.inWorkers++;
    const settle = (): void => {
      this.settled[i] = true;
      if (via === 'worker') this.inWorkers--;
    };
    // handled here too: a file read ahead of a cancel is never asked for, and must not be an unhandled rejection
    p.then(settle, settle);
    this.reads[i] = p;
  }

  private feed(i: number): void {
    while (this.next < this.count && this.next < i + this.window && this.inWorkers < this.capacity())
      this.start(this.next++, 'worker');
  }

  async get(i: number): Promise<FileRead> {
    this.feed(i);
    if (!this.reads[i]) this.start(this.next++, 'auto');
    // file i is in a worker: read a later one here rather than wait, then see whether it has come back
    while (!this.settled[i] && this.next < this.count && this.next < i + this.window) {
      this.start(this.next++, 'auto');
      await turn();
      this.feed(i);
    }
    return this.reads[i]!;
  }
}

export async function importBatch(ctx: Ctx, input: ImportBatchInput): Promise<ImportBatchResult> {
  getPeriodRow(ctx.db, input.periodId); // not_found before any file
  layoutOf(ctx.db, input); // the layout too (issue 17)
  const batchId = input.batchId ?? randomUUID();
  const { files, ...rest } = input;
  const stop = () => ctx.cancelledBatches.has(batchId);
  const results: ImportResult[] = [];
  /** the batch's bytes by the SHA-256 its checks computed (the originals it stored, for their move) */
  const heldBytes = new Map<string, Uint8Array>();
  let cancelled = false;
  try {
    // 1. check every file (nothing written)
    const register = registerFor(ctx.raw);
    const checked: Checked[] = [];
    const inputOf = (i: number) => ({ ...rest, file: files[i]!, batchId });
    // the workers start now if they have not (this thread reads the first files meanwhile)
    if (files.length > 1 && settings.readAhead > 0) warmParsePool();
    const ahead = new ReadAhead(
      (i, via) => readFile(ctx, inputOf(i), via),
      files.length,
      parsePoolCapacity,
      settings.readAhead,
    );
    for (const [i, file] of files.entries()) {
      await turn(); // a cancel sent while the previous file was checked is seen before this one
      if (stop()) break;
      try {
        checked.push(await checkFile(ctx, inputOf(i), register, () => ahead.get(i)));
      } catch (e) {
        checked.push(failed(file.name, e, ctx.dbPath));
      }
      // read and checked (not yet answered: the batch decides after the last file)
      ctx.emit('import.progress', {
        batchId,
        index: checked.length - 1,
        total: files.length,
        file: file.name,
        phase: 'read',
      });
    }
    // 2. one unit, one file: the files of a unit that differ in content are duplicates of each other
    const byUnit = new Map<string, number[]>();
    checked.forEach((c, i) => {
      const u = unitOf(c);
      if (u) byUnit.set(u, [...(byUnit.get(u) ?? []), i]);
    });
    const dupes = new Map<number, string[]>();
    for (const idx of byUnit.values()) {
      const distinct = new Set(idx.map((i) => checked[i]!.sha256 ?? `#${i}`));
      if (distinct.size < 2) continue;
      for (const i of idx)
        dupes.set(
          i,
          idx.filter((j) => j !== i).map((j) => files[j]!.name),
        );
    }
    // 3. write, in order, announcing each file
    const written = new Map<string, ImportResult>();
    for (let i = 0; i < checked.length; i++) {
      await turn(); // as above: a cancel sent while the previous file was written is seen before this one
      if (stop()) break;
      const c = checked[i]!;
      const name = files[i]!.name;
      let result: ImportResult;
      const others = dupes.get(i);
      if (others) result = duplicate(c, name, others);
      else if (c.kind === 'answer') result = c.result;
      else {
        const first = written.get(c.sha256);
        try {
          result = first
            ? {
                ...first,
                file: name,
                status: 'unchanged',
                warnings: [
                  {
                    code: 'SAME_FILE_IN_BATCH',
                    message: `Tệp giống hệt tệp "${first.file}" trong cùng đợt nhập; chỉ nhập một lần.`,
                  },
                ],
              }
            : commitChecked(ctx, c);
        } catch (e) {
          result = (failed(name, e, ctx.dbPath) as Extract<Checked, { kind: 'answer' }>).result;
        }
        if (!first && result.status === 'accepted') written.set(c.sha256, result);
      }
      if (result.status !== 'accepted') {
        // every file is in the inbox, whatever its outcome (its own small transaction)
        try {
          result = recordAnswer(ctx, { ...rest, batchId }, files[i]!, result, c.sha256);
        } catch (e) {
          const err = e instanceof AppError ? e : databaseError(e, ctx.dbPath);
          result = {
            ...result,
            warnings: [
              ...result.warnings,
              {
                code: 'NOT_RECORDED',
                message: `Không ghi được tệp vào hộp thư đến: ${err?.message ?? INTERNAL_MESSAGE}`,
              },
            ],
          };
        }
      }
      results.push(result);
      if (c.sha256) heldBytes.set(c.sha256, files[i]!.bytes);
      ctx.emit('import.progress', {
        batchId,
        index: i,
        total: files.length,
        file: result.file,
        status: result.status,
        unit: result.unit,
        phase: 'done',
      });
    }
    cancelled = results.length < files.length;
  } finally {
    ctx.cancelledBatches.delete(batchId);
  }
  // the batch's originals leave the database now (one pack, one fsync), so the next backup copies little; the
  // pack is written from the batch's own bytes (each hashed again there), not from a second copy read back
  if (results.some((r) => r.status === 'accepted')) moveAfterBatch(ctx, heldBytes);
  return { batchId, results, cancelled };
}
