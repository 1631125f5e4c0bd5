/**
 * Imports one file: bytes → identify (template, period, unit) → typed values → checks → commit in ONE
 * transaction as a new revision with the original archived. Nothing is written unless the whole file is
 * accepted; a refused file gets Vietnamese messages and leaves the database as it was.
 *
 * In two steps so that a batch can look at every file before it writes any (one unit, one file per batch):
 * `checkFile` reads and decides (no write), `commitChecked` writes what was decided.
 */
import type { ImportFileInput } from '../../../shared/contract/imports';
import type { ImportResult } from '../../../shared/domain/report';
import { AppError } from '../../../shared/result';
import { backupSync } from '../../db/snapshot';
import type { ParsedForm } from '../../excel/form-reader';
import { parseForm } from '../../excel/parse-pool';
import { getCatalog, getTemplateRow } from '../catalog';
import type { Ctx } from '../context';
import { getPeriodRow } from '../periods';
import { databaseId, getSettings } from '../settings';
import { blankedCells, blankingError } from './blanking';
import { checkForm } from './check';
import { allUnits, commitRevision, isExpected, revisionsOf, sha256, unitsStamp, type Revision } from './commit';
import { expectedError, identify, periodWarnings, type UnitRow } from './identify';
import { answered, dedupe, reject, toMsg, unchanged, type Msg } from './result';
import { makeRegister, resolveUnit, type Register } from './unit-identity';

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
const registers = new WeakMap<Ctx['raw'], { stamp: string; register: Register }>();
export function registerFor(raw: Ctx['raw']): Register {
  const stamp = unitsStamp(raw);
  const held = registers.get(raw);
  if (held && held.stamp === stamp) return held.register;
  const register = makeRegister(allUnits(raw));
  registers.set(raw, { stamp, register });
  return register;
}

/** Reads and checks one file; writes nothing. `register` may be shared by the files of a batch. */
export async function checkFile(ctx: Ctx, input: ImportFileInput, register?: Register): Promise<Checked> {
  const { db, raw } = ctx;
  const name = input.file.name;
  const answer = (result: ImportResult, hash: string | null = null): Checked => ({
    kind: 'answer',
    result,
    sha256: hash,
  });
  const period = getPeriodRow(db, input.periodId);
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
  const catalog = getCatalog(db);
  let parsed: ParsedForm;
  try {
    parsed = await parseForm(input.file.bytes, name, catalog);
  } catch (e) {
    return answer(reject(name, [{ code: 'BAD_FILE', message: e instanceof AppError ? e.message : UNREADABLE }]));
  }
  const template = getTemplateRow(db, period.templateId);
  const settings = getSettings(db);
  const errors = identify(parsed.identity, {
    period,
    template,
    province: settings.province,
    databaseId: databaseId(db),
  });
  const who = resolveUnit(parsed.identity, name, register ?? registerFor(raw));
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
  const warnings = [...periodWarnings(parsed.identity, period), ...who.warnings, ...form.warnings];
  if (form.errors.length)
    return answer(withNotCounted(reject(name, form.errors, dedupe(warnings), unitRef), form.notCounted));

  const hash = sha256(input.file.bytes);
  const revisions = revisionsOf(raw, period.id, resolved.id);
  const same = revisions.find((r) => r.sha256 === hash);
  if (same) return answer(unchanged(name, resolved, same, revisions[0]!), hash);

  if (revisions[0] && !input.allowBlanking) {
    const blanked = blankedCells(raw, revisions[0], form.values, catalog, template, resolved);
    if (blanked.length) {
      const result = reject(name, [blankingError(blanked, revisions[0].revision)], dedupe(warnings), unitRef);
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

function withNotCounted(result: ImportResult, notCounted: Msg[]): ImportResult {
  return notCounted.length ? { ...result, notCounted } : result;
}

/** Writes a checked file as the next revision (with the batch's one backup first); returns its result. */
export function commitChecked(ctx: Ctx, c: Extract<Checked, { kind: 'commit' }>): ImportResult {
  const { raw, db } = ctx;
  const settings = getSettings(db);
  const { input } = c;
  if (input.batchId && !ctx.batchesBackedUp.has(input.batchId) && ctx.dbPath !== ':memory:') {
    backupSync(raw, ctx.backupDir, 'truoc-nhap-bao-cao', settings.backupKeep);
    ctx.batchesBackedUp.add(input.batchId);
  }
  const revision = commitRevision(raw, {
    periodId: c.periodId,
    unit: c.unit,
    previous: c.revisions[0],
    file: input.file,
    sha256: c.sha256,
    receivedAt: input.receivedAt ?? ctx.today(),
    officialDate: input.officialDate ?? null,
    channel: input.channel ?? 'email',
    values: c.form.values,
    warnings: [...c.form.warnings, ...c.form.notCounted],
    findings: c.findings,
    officer: settings.officer.trim() || 'Cán bộ thường trực',
  });
  return withNotCounted(answered(input.file.name, 'accepted', c.unit, revision, c.form.warnings), c.form.notCounted);
}

/** Imports one file. Never throws for a bad file: the result says what is wrong. */
export async function importFile(ctx: Ctx, input: ImportFileInput): Promise<ImportResult> {
  const c = await checkFile(ctx, input);
  return c.kind === 'answer' ? c.result : commitChecked(ctx, c);
}
