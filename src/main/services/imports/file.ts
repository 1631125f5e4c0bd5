/**
 * Imports one file: bytes → identify (template, period, unit) → typed values → checks → commit in ONE
 * transaction as a new revision with the original archived. No figure is written unless the whole file is
 * accepted; a refused file gets Vietnamese messages and only its inbox entry (with its original bytes, capped) is
 * recorded, in one small transaction of its own.
 *
 * In two steps so that a batch can look at every file before it writes any (one unit, one file per batch):
 * `checkFile` reads and decides (no write), `commitChecked` writes what was decided.
 */
import type { ImportFileInput } from '../../../shared/contract/imports';
import type { ImportResult } from '../../../shared/domain/report';
import { AppError } from '../../../shared/result';
import { backupBeforeBatch } from '../backups';
import type { ParsedForm } from '../../excel/form-reader';
import { parseForm, type ReadVia } from '../../excel/parse-pool';
import { getCatalog, getTemplateRow } from '../catalog';
import type { Ctx } from '../context';
import { getPeriodRow } from '../periods';
import { checkTaskAnswers } from '../plan';
import { databaseId, getSettingText } from '../settings';
import { blankedCells, blankingError } from './blanking';
import { checkForm } from './check';
import {
  allUnits,
  commitRevision,
  currentOf,
  isExpected,
  ORIGINAL_CAP,
  recordEntry,
  revisionsOf,
  sha256,
  unitByCode,
  type Revision,
} from './commit';
import { expectedError, identify, periodWarnings, type UnitRow } from './identify';
import { answered, dedupe, reject, toMsg, unchanged, type Msg } from './result';
import { makeRegister, resolveChosen, resolveUnit, unitInFileName, type Register } from './unit-identity';
import { layoutOf, layoutPeriodWarnings, readWithLayout, resolveLayoutUnit, type LayoutImport } from './by-layout';
import { formatNumber } from '../../../shared/text/vi';
import { isHistoryEntry } from '../../../shared/rules/period';
import { stableRead } from './stable-reads';

export type { ImportFileInput };

const UNREADABLE =
  'Không đọc được tệp này như một bảng tính Excel. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại.';

/** What checking a file decided: an answer already (refused, unchanged), or a revision ready to write. */
export type Checked =
  | { kind: 'answer'; result: ImportResult; sha256: string | null }
  | {
      kind: 'commit';
      input: ImportFileInput;
      unit: UnitRow;
      periodId: number;
      revisions: Revision[];
      sha256: string;
      form: { values: ParsedForm['values']; warnings: Msg[]; notCounted: Msg[] };
      findings: ParsedForm['findings'];
    };

/** The register as the resolver reads it, built once per connection and rebuilt when the units change. */
export function registerFor(raw: Ctx['raw']): Register {
  return stableRead(raw, 'register', () => makeRegister(allUnits(raw)));
}

/** A period's row, kept while no period, template, unit or setting changes (stable-reads.ts). */
export function periodRowOf(ctx: Ctx, periodId: number): ReturnType<typeof getPeriodRow> {
  return stableRead(ctx.raw, `period:${periodId}`, () => getPeriodRow(ctx.db, periodId));
}

/** What reading a file gave (the pure step: no database): the form, with the layout's reading; or why not. */
export type FileRead = { parsed: ParsedForm; byLayout: LayoutImport | null } | { refused: Msg };

/**
 * Reads one file as the import reads it (the import's layout if any, else the app's own form), writing and
 * deciding nothing. `via` 'worker' reads it in a parse worker whatever it is (a batch reading ahead, batch.ts).
 * Rejects only when the catalogue or the layout cannot be had (as checkFile would throw).
 */
export async function readFile(ctx: Ctx, input: ImportFileInput, via: ReadVia = 'auto'): Promise<FileRead> {
  const catalog = getCatalog(ctx.db);
  const layout = layoutOf(ctx.db, input); // a file in a province's own form, read by its saved layout (issue 17)
  const name = input.file.name;
  try {
    if (layout) {
      const byLayout = await readWithLayout(layout, input.file.bytes, name, catalog, via);
      return { parsed: byLayout.parsed, byLayout };
    }
    return { parsed: await parseForm(input.file.bytes, name, catalog, {}, via), byLayout: null };
  } catch (e) {
    return { refused: { code: 'BAD_FILE', message: e instanceof AppError ? e.message : UNREADABLE } };
  }
}

/**
 * Reads and checks one file; writes nothing. `register` may be shared by the files of a batch; `read` gives the
 * file's reading when somebody already started it (a batch's read-ahead), asked for only once the period is open.
 */
export async function checkFile(
  ctx: Ctx,
  input: ImportFileInput,
  register?: Register,
  read: () => Promise<FileRead> = () => readFile(ctx, input),
): Promise<Checked> {
  const { db, raw } = ctx;
  const name = input.file.name;
  const answer = (result: ImportResult, hash: string | null = null): Checked => ({
    kind: 'answer',
    result,
    sha256: hash,
  });
  const period = periodRowOf(ctx, input.periodId);
  if (period.status === 'closed') {
    return answer(
      reject(name, [
        {
          code: 'PERIOD_CLOSED',
          message: `Kỳ "${period.label}" đã khóa sổ nên không nhận thêm báo cáo. Nếu cần nhận, hãy mở lại kỳ ở màn hình Kỳ báo cáo.`,
        },
      ]),
    );
  }
  const fileRead = await read();
  if ('refused' in fileRead) return answer(reject(name, [fileRead.refused]));
  const { parsed, byLayout } = fileRead;
  const catalog = getCatalog(db);
  const template = stableRead(raw, `template:${period.templateId}`, () => getTemplateRow(db, period.templateId));
  const errors = identify(parsed.identity, {
    period,
    template,
    province: stableRead(raw, 'province', () => getSettingText(db, 'province')),
    databaseId: stableRead(raw, 'databaseId', () => databaseId(db)),
  });
  const reg = register ?? registerFor(raw);
  let who;
  if (input.unitCode) {
    const chosen = unitByCode(raw, input.unitCode) ?? reg.byCode.get(input.unitCode.toUpperCase()) ?? null;
    if (!chosen)
      throw new AppError(
        'not_found',
        `Không có đơn vị mã "${input.unitCode}" trong danh sách đơn vị. Hãy chọn một đơn vị có trong danh sách.`,
      );
    who = resolveChosen(parsed.identity, chosen, reg);
  } else who = byLayout ? resolveLayoutUnit(byLayout, name, reg) : resolveUnit(parsed.identity, name, reg);
  if (who.kind === 'unidentified') {
    // unidentified only when who sent it is the one open question (the officer then assigns it)
    const readerErrors = parsed.findings.filter((f) => f.severity === 'error').map(toMsg);
    const result = reject(name, [...errors, ...readerErrors, ...who.errors]);
    return answer(errors.length || readerErrors.length ? result : { ...result, status: 'unidentified' });
  }
  const unitRef = who.unit ? { code: who.unit.code, name: who.unit.name } : null;
  if (who.kind === 'mismatch') return answer(reject(name, [...errors, ...who.errors], [], unitRef));
  const resolved = who.unit;
  errors.push(...expectedError(resolved, isExpected(raw, period.id, resolved.id), period));
  if (errors.length) return answer(reject(name, errors, [], unitRef));

  const form = checkForm(parsed, catalog, template, resolved);
  const tasks = checkTaskAnswers(db, period.year, resolved.id, parsed); // the plan's task rows (services/plan.ts)
  form.values.push(...tasks.values);
  const said = byLayout ? layoutPeriodWarnings(byLayout, period) : periodWarnings(parsed.identity, period);
  const warnings = [...said, ...who.warnings, ...form.warnings, ...tasks.warnings];
  if (form.errors.length)
    return answer(withNotCounted(reject(name, form.errors, dedupe(warnings), unitRef), form.notCounted));
  // Who sent it rests on the lines the unit typed alone (no form stamp, no officer's choice, no layout, a file name
  // that does not name the unit too), and the file carries figures on rows this unit's form does not have: it is
  // most likely another unit's form with this unit's name typed in. Crediting it and dropping those rows would be a
  // guess: ask. (An old form of the unit itself, named for it, is taken with those rows named as not counted.)
  if (
    !input.unitCode &&
    !byLayout &&
    parsed.identity.source !== 'meta' &&
    form.notForUnit.length &&
    unitInFileName(reg, name)?.id !== resolved.id
  ) {
    const result = reject(name, [notForUnitError(resolved, form.notForUnit)], dedupe(warnings));
    return answer({ ...result, status: 'unidentified' });
  }

  const hash = sha256(input.file.bytes);
  const revisions = revisionsOf(raw, period.id, resolved.id);
  const current = currentOf(revisions);
  // the same bytes as the revision that counts (or an older one still standing); a withdrawn one does not count
  const same = revisions.find((r) => r.sha256 === hash && !r.withdrawnAt);
  if (same && current) return answer(unchanged(name, resolved, same, current), hash);

  if (current && !input.allowBlanking) {
    const blanked = blankedCells(raw, current, form.values, catalog, template, resolved);
    if (blanked.length) {
      const result = reject(name, [blankingError(blanked, current.revision)], dedupe(warnings), unitRef);
      return answer({ ...result, blanked }, hash);
    }
  }
  return {
    kind: 'commit',
    input,
    unit: resolved,
    periodId: period.id,
    revisions,
    sha256: hash,
    form: { values: form.values, warnings: dedupe(warnings), notCounted: form.notCounted },
    findings: parsed.findings,
  };
}

/** The question asked when a file named for one unit carries figures of rows only other units report. */
function notForUnitError(unit: { code: string; name: string }, rows: string[]): Msg {
  const shown = rows.slice(0, 5).join(', ') + (rows.length > 5 ? `, … (${rows.length} dòng)` : '');
  return {
    code: 'ROWS_OF_ANOTHER_UNIT',
    message:
      `Tệp ghi là báo cáo của ${unit.name} (${unit.code}) nhưng có số liệu ở dòng không thuộc biểu của đơn vị này ` +
      `(${shown}), và tệp không còn trang thông tin của mẫu biểu để đối chiếu. Có thể đây là báo cáo của đơn vị ` +
      'khác bị điền nhầm tên, hoặc đơn vị đã dùng mẫu của đơn vị khác. Hãy mở tệp kiểm tra, rồi chọn đúng đơn vị ' +
      'gửi tệp này (hoặc đề nghị đơn vị điền lại vào đúng mẫu biểu của mình).',
  };
}

function withNotCounted(result: ImportResult, notCounted: Msg[]): ImportResult {
  return notCounted.length ? { ...result, notCounted } : result;
}

/** Writes a checked file as the next revision (with the batch's one backup first); returns its result. */
export function commitChecked(ctx: Ctx, c: Extract<Checked, { kind: 'commit' }>): ImportResult {
  const { raw, db } = ctx;
  const { input } = c;
  if (input.batchId && !ctx.batchesBackedUp.has(input.batchId) && ctx.dbPath !== ':memory:') {
    backupBeforeBatch(ctx);
    ctx.batchesBackedUp.add(input.batchId);
  }
  // the officer's name and the period's deadline, behind one stamp check (stable-reads.ts) rather than two
  const kept = stableRead(raw, `commit:${c.periodId}`, () => ({
    officer: getSettingText(db, 'officer').trim() || 'Cán bộ thường trực',
    deadline: getPeriodRow(db, c.periodId).deadline,
  }));
  const revision = commitRevision(raw, {
    periodId: c.periodId,
    unit: c.unit,
    previous: c.revisions[0],
    current: currentOf(c.revisions),
    batchId: input.batchId ?? null,
    file: input.file,
    sha256: c.sha256,
    receivedAt: input.receivedAt ?? ctx.today(),
    officialDate: input.officialDate ?? null,
    channel: input.channel ?? 'email',
    values: c.form.values,
    warnings: [...c.form.warnings, ...c.form.notCounted],
    findings: c.findings,
    officer: kept.officer,
    layoutId: input.layoutId ?? null,
    history: isHistoryEntry(kept.deadline, ctx.today(), !!(input.receivedAt || input.officialDate)),
  });
  return {
    ...withNotCounted(answered(input.file.name, 'accepted', c.unit, revision, c.form.warnings), c.form.notCounted),
    entryId: revision.entryId,
  };
}

/** The receipt of a file as the inbox keeps it. */
export interface EntryReceipt {
  periodId: number;
  receivedAt?: string | undefined;
  channel?: string | undefined;
  batchId?: string | undefined;
}

/**
 * Records a file answered without a new revision in the inbox (its original, capped, and its entry) and returns
 * the result with its entry's id. An original over the cap is recorded without its bytes, and the result says so.
 */
export function recordAnswer(
  ctx: Ctx,
  receipt: EntryReceipt,
  file: { name: string; bytes: Uint8Array },
  result: ImportResult,
  hash: string | null,
  note?: string | null,
): ImportResult {
  if (result.status === 'accepted') return result;
  const unit = result.unit ? unitByCode(ctx.raw, result.unit) : null;
  const tooBig = file.bytes.byteLength > ORIGINAL_CAP;
  const warnings = tooBig
    ? [
        ...result.warnings,
        {
          code: 'ORIGINAL_NOT_KEPT',
          message: `Tệp lớn hơn ${formatNumber(ORIGINAL_CAP / 1024 / 1024)} MB nên ứng dụng chỉ ghi nhận việc đã nhận tệp, không lưu bản gốc. Hãy giữ tệp gốc ở thư mục của mình.`,
        },
      ]
    : result.warnings;
  const { entryId } = recordEntry(ctx.raw, {
    periodId: receipt.periodId,
    file,
    sha256: hash ?? sha256(file.bytes),
    status: result.status,
    unit: unit ? { id: unit.id, code: unit.code } : null,
    revision: result.revision,
    submissionId: result.submissionId,
    errors: result.errors,
    warnings,
    receivedAt: receipt.receivedAt ?? ctx.today(),
    channel: receipt.channel ?? 'email',
    batchId: receipt.batchId ?? null,
    note: note ?? null,
  });
  return { ...result, warnings, entryId };
}

/** Writes what checking decided: the new revision, or the answer's inbox entry. */
export function finishChecked(ctx: Ctx, input: ImportFileInput, c: Checked, note?: string | null): ImportResult {
  return c.kind === 'answer' ? recordAnswer(ctx, input, input.file, c.result, c.sha256, note) : commitChecked(ctx, c);
}

/** Imports one file. Never throws for a bad file: the result says what is wrong (and the inbox keeps it). */
export async function importFile(ctx: Ctx, input: ImportFileInput): Promise<ImportResult> {
  const c = await checkFile(ctx, input);
  return finishChecked(ctx, input, c);
}
