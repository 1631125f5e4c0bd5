/**
 * Imports one file: bytes → identify (template, period, unit) → typed values → checks → commit in ONE
 * transaction as a new revision with the original archived. Nothing is written unless the whole file is
 * accepted; a rejected file gets Vietnamese messages and leaves the database as it was.
 */
import type { ImportFileInput } from '../../../shared/contract/imports';
import type { UnitKind } from '../../../shared/domain/catalog';
import type { ImportResult } from '../../../shared/domain/report';
import { AppError } from '../../../shared/result';
import { backupSync } from '../../db/snapshot';
import type { ParsedForm } from '../../excel/form-reader';
import { parseForm } from '../../excel/parse-pool';
import { getCatalog, getTemplateRow } from '../catalog';
import type { Ctx } from '../context';
import { getPeriodRow } from '../periods';
import { getSettings } from '../settings';
import { checkForm } from './check';
import { commitRevision, isExpected, revisionsOf, sha256, unitByCode } from './commit';
import { identify } from './identify';
import { answered, dedupe, reject, unchanged } from './result';

export type { ImportFileInput };

const UNREADABLE =
  'Không đọc được tệp này như một bảng tính Excel. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại.';

/** Imports one file. Never throws for a bad file: the result says what is wrong. */
export async function importFile(ctx: Ctx, input: ImportFileInput): Promise<ImportResult> {
  const { db, raw } = ctx;
  const name = input.file.name;
  const period = getPeriodRow(db, input.periodId);
  if (period.status === 'closed') {
    return reject(name, [
      {
        code: 'PERIOD_CLOSED',
        message: `Kỳ "${period.label}" đã khóa sổ nên không nhận thêm báo cáo. Nếu cần nhận, hãy mở lại kỳ ở màn hình Kỳ báo cáo.`,
      },
    ]);
  }
  const catalog = getCatalog(db);
  let parsed: ParsedForm;
  try {
    parsed = await parseForm(input.file.bytes, name, catalog);
  } catch (e) {
    return reject(name, [{ code: 'BAD_FILE', message: e instanceof AppError ? e.message : UNREADABLE }]);
  }
  const template = getTemplateRow(db, period.templateId);
  const settings = getSettings(db);
  const code = parsed.identity.unitCode;
  const unit = code ? unitByCode(raw, code) : null;
  const expected = unit ? isExpected(raw, period.id, unit.id) : false;
  const errors = identify(parsed.identity, { period, template, province: settings.province, unit, expected });
  const unitRef = unit ? { code: unit.code, name: unit.name } : null;
  if (errors.length || !unit) return reject(name, errors, [], unitRef);

  const form = checkForm(parsed, catalog, template, unit.kind as UnitKind);
  if (form.errors.length) return reject(name, form.errors, dedupe(form.warnings), unitRef);

  const hash = sha256(input.file.bytes);
  const revisions = revisionsOf(raw, period.id, unit.id);
  const same = revisions.find((r) => r.sha256 === hash);
  if (same) return unchanged(name, unit, same, revisions[0]!);

  if (input.batchId && !ctx.batchesBackedUp.has(input.batchId) && ctx.dbPath !== ':memory:') {
    backupSync(raw, ctx.backupDir, 'truoc-nhap-bao-cao', settings.backupKeep);
    ctx.batchesBackedUp.add(input.batchId);
  }

  const warnings = dedupe(form.warnings);
  const revision = commitRevision(raw, {
    periodId: period.id,
    unit,
    previous: revisions[0],
    file: input.file,
    sha256: hash,
    receivedAt: input.receivedAt ?? ctx.today(),
    officialDate: input.officialDate ?? null,
    channel: input.channel ?? 'email',
    values: form.values,
    warnings,
    findings: parsed.findings,
    officer: settings.officer.trim() || 'Cán bộ thường trực',
  });
  return answered(name, 'accepted', unit, revision, warnings);
}
