/**
 * A batch of files (a folder, a drop): every file is checked first, then written. Two files of ONE unit in one
 * batch are not guessed between (which is the corrected one?): neither is written, both are answered as
 * duplicates naming each other. An exact copy of a file (same bytes) is not ambiguous: it is written once.
 * Progress: an `import.progress` event with `phase: 'read'` as each file is read and checked, then one with
 * `phase: 'done'` and its status as each is answered; `imports.cancel` stops after the file in hand.
 */
import { randomUUID } from 'node:crypto';
import type { ImportBatchInput, ImportBatchResult } from '../../../shared/contract/imports';
import type { ImportResult } from '../../../shared/domain/report';
import { AppError, INTERNAL_MESSAGE } from '../../../shared/result';
import { databaseError } from '../../db/errors';
import type { Ctx } from '../context';
import { getPeriodRow } from '../periods';
import { checkFile, commitChecked, recordAnswer, registerFor, type Checked } from './file';
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

export async function importBatch(ctx: Ctx, input: ImportBatchInput): Promise<ImportBatchResult> {
  getPeriodRow(ctx.db, input.periodId); // not_found before any file
  layoutOf(ctx.db, input); // the layout too (issue 17)
  const batchId = input.batchId ?? randomUUID();
  const { files, ...rest } = input;
  const stop = () => ctx.cancelledBatches.has(batchId);
  const results: ImportResult[] = [];
  let cancelled = false;
  try {
    // 1. check every file (nothing written)
    const register = registerFor(ctx.raw);
    const checked: Checked[] = [];
    for (const file of files) {
      if (stop()) break;
      try {
        checked.push(await checkFile(ctx, { ...rest, file, batchId }, register));
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
  return { batchId, results, cancelled };
}
