/**
 * The officer says which unit sent a file: `imports.file` with `unitCode`, or `inbox.assign` on an entry (its
 * stored original checked again). Every identity, period, province, database, expected-unit and figure check
 * still applies, except the unit's name (imports/unit-identity.ts resolveChosen: a code naming ANOTHER unit is
 * still refused). Recorded as a new inbox entry, audited (action 'assign') in the same transaction as the outcome;
 * an assigned entry gets a note, and the new entry's batch_id `assign:<id>` links the two.
 */
import type { ImportFileInput } from '../../shared/contract/imports';
import type { ImportResult } from '../../shared/domain/report';
import { AppError } from '../../shared/result';
import { backupSync } from '../db/snapshot';
import { audit } from './audit';
import type { Ctx } from './context';
import { auditReceipt, checkReceipt } from './imports';
import { checkFile, finishChecked } from './imports/file';
import { ASSIGN_BATCH, entryOriginal, getEntry } from './inbox';
import { getSettings } from './settings';
import { unitFromRef } from './submissions';

const STATUS_TEXT: Record<string, string> = {
  accepted: 'đã nhận',
  unchanged: 'trùng bản đã nhận',
  rejected: 'bị từ chối',
  unidentified: 'chưa rõ đơn vị',
  duplicate: 'trùng đơn vị trong đợt',
};

/** Checks `input.file` as `input.unitCode`'s report and records the outcome with its audit entry, at once. */
async function checkAs(
  ctx: Ctx,
  input: ImportFileInput & { unitCode: string },
  from: { id: number } | null,
): Promise<ImportResult & { entryId: number }> {
  const c = await checkFile(ctx, input);
  const settings = getSettings(ctx.db);
  if (c.kind === 'commit' && input.batchId && !ctx.batchesBackedUp.has(input.batchId) && ctx.dbPath !== ':memory:') {
    // the backup before a write (as an import does), taken before the transaction (VACUUM INTO cannot run in one)
    backupSync(ctx.raw, ctx.backupDir, 'truoc-nhap-bao-cao', settings.backupKeep);
    ctx.batchesBackedUp.add(input.batchId);
  }
  const note = from
    ? `Cán bộ chọn đơn vị ${input.unitCode} cho tệp của mục số ${from.id}.`
    : `Cán bộ chọn đơn vị ${input.unitCode} cho tệp.`;
  return ctx.raw.transaction(() => {
    const result = finishChecked(ctx, input, c, c.kind === 'answer' ? note : null);
    const entryId = result.entryId!;
    if (from) {
      ctx.raw
        .prepare('UPDATE import_attempts SET note = ? WHERE id = ?')
        .run(
          `Đã chọn đơn vị ${input.unitCode}: ${STATUS_TEXT[result.status] ?? result.status} (mục số ${entryId}).`,
          from.id,
        );
    }
    audit(ctx.db, {
      action: 'assign',
      entity: 'inbox_entry',
      entityId: from?.id ?? entryId,
      before: from ? { entry: from.id } : null,
      after: {
        unit: input.unitCode,
        file: input.file.name,
        entry: entryId,
        status: result.status,
        revision: result.revision,
      },
      reason: null,
    });
    return { ...result, entryId };
  })();
}

/** `imports.file` with `unitCode`: the file checked as that unit's report. */
export async function importAs(
  ctx: Ctx,
  input: ImportFileInput & { unitCode: string },
): Promise<ImportResult & { entryId: number }> {
  const unit = unitFromRef(ctx.db, { unitCode: input.unitCode });
  return checkAs(ctx, { ...input, unitCode: unit.code }, null);
}

export interface AssignInput {
  id: number;
  unitId?: number | undefined;
  unitCode?: string | undefined;
  receivedAt?: string | undefined;
  receivedReason?: string | undefined;
  allowBlanking?: boolean | undefined;
  /** the layout the file was imported with (issue 17): the original is read with it again */
  layoutId?: number | undefined;
}

/** `inbox.assign`: an entry's stored original checked again as the chosen unit's report. */
export async function assignEntry(ctx: Ctx, input: AssignInput): Promise<ImportResult & { entryId: number }> {
  const entry = getEntry(ctx, input.id);
  if (entry.status === 'accepted' || entry.status === 'unchanged' || entry.status === 'withdrawn') {
    throw new AppError(
      'conflict',
      `Tệp của mục số ${entry.id} đã được nhận là báo cáo của ${entry.unitName ?? entry.unit ?? 'một đơn vị'}; ` +
        'không thể chọn lại đơn vị. Nếu nhận nhầm, hãy rút báo cáo đó trước rồi chọn lại.',
    );
  }
  if (entry.channel !== 'file') {
    throw new AppError('invalid_input', 'Chỉ chọn đơn vị được cho một tệp nhận qua thư điện tử hay USB.');
  }
  const unit = unitFromRef(ctx.db, input);
  const file = entryOriginal(ctx, entry.id);
  const receipt = {
    periodId: entry.periodId,
    receivedAt: input.receivedAt ?? entry.receivedAt ?? undefined,
    receivedReason: input.receivedReason,
  };
  const odd = checkReceipt(ctx, receipt);
  const result = await checkAs(
    ctx,
    {
      periodId: entry.periodId,
      file,
      unitCode: unit.code,
      ...(receipt.receivedAt ? { receivedAt: receipt.receivedAt } : {}),
      channel: (entry.via as ImportFileInput['channel']) ?? 'email',
      batchId: `${ASSIGN_BATCH}${entry.id}`,
      ...(input.allowBlanking ? { allowBlanking: true } : {}),
      ...(input.layoutId !== undefined ? { layoutId: input.layoutId } : {}),
    },
    { id: entry.id },
  );
  auditReceipt(ctx, receipt, odd, [result]);
  return result;
}
