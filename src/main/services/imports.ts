/**
 * The import pipeline: bytes → identify (template, period, unit) → typed values → validation → commit in ONE
 * transaction as a new revision with the original archived. Nothing is written unless the whole file is
 * accepted; a rejected file gets Vietnamese messages and leaves the database as it was.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { CellKey, DataElement } from '../../shared/domain/catalog';
import type { Finding, StoredValue } from '../../shared/domain/records';
import type { ImportAttempt, ImportResult } from '../../shared/domain/report';
import type { ImportBatchResult } from '../../shared/contract/imports';
import { AppError, INTERNAL_MESSAGE } from '../../shared/result';
import { evaluateRules } from '../../shared/rules/validation';
import { searchKey } from '../../shared/text/vi';
import { backupSync } from '../db/snapshot';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import type { ParsedForm } from '../excel/form-reader';
import { parseForm } from '../excel/parse-pool';
import { structureFingerprint, templateRowsFor } from '../excel/template-writer';
import type { Ctx } from './context';
import { getCatalog, getTemplateRow } from './catalog';
import { cellValueToRow, getPeriodRow } from './periods';
import { getSettings } from './settings';

export interface ImportFileInput {
  periodId: number;
  file: { name: string; bytes: Uint8Array };
  receivedAt?: string;
  officialDate?: string;
  channel?: 'email' | 'usb' | 'direct' | 'other';
  batchId?: string;
}

type Msg = { code: string; message: string };

/** The commit's statements, prepared once per connection (the import's hot path). */
const prepared = new WeakMap<BetterSqlite3.Database, ReturnType<typeof prepare>>();
function prepare(raw: BetterSqlite3.Database) {
  return {
    unitByCode: raw.prepare(
      'SELECT id, code, name, search_key AS searchKey, kind, group_name AS groupName, parent_id AS parentId, ' +
        'valid_from AS validFrom, valid_to AS validTo, contact, phone, email, sort_order AS sortOrder, active, note, ' +
        'created_at AS createdAt, updated_at AS updatedAt FROM units WHERE code = ?',
    ),
    expected: raw.prepare('SELECT 1 FROM period_units WHERE period_id = ? AND unit_id = ?'),
    revisions: raw.prepare(
      'SELECT id, revision, sha256 FROM submissions WHERE period_id = ? AND unit_id = ? ORDER BY revision DESC',
    ),
    file: raw.prepare('INSERT INTO files (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    submission: raw.prepare(
      'INSERT INTO submissions (period_id, unit_id, revision, received_at, official_date, channel, file_name, sha256, status) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received') RETURNING id",
    ),
    supersede: raw.prepare('UPDATE submissions SET superseded_by = ? WHERE id = ?'),
    value: raw.prepare(
      'INSERT INTO submission_values (submission_id, element, cell, state, num, text) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    finding: raw.prepare(
      "INSERT INTO findings (submission_id, code, severity, message, element, cell) VALUES (?, ?, 'warning', ?, ?, ?)",
    ),
    attempt: raw.prepare(
      'INSERT INTO import_attempts (period_id, file_name, sha256, status, unit_code, revision, submission_id, errors, warnings) ' +
        "VALUES (?, ?, ?, 'accepted', ?, ?, ?, '[]', ?)",
    ),
    audit: raw.prepare(
      "INSERT INTO audit_log (actor, action, entity, entity_id, before, after, reason) VALUES (?, 'import', 'submission', ?, NULL, ?, NULL)",
    ),
  };
}
function statements(raw: BetterSqlite3.Database): ReturnType<typeof prepare> {
  let s = prepared.get(raw);
  if (!s) {
    s = prepare(raw);
    prepared.set(raw, s);
  }
  return s;
}

function reject(
  file: string,
  errors: Msg[],
  warnings: Msg[] = [],
  unit: { code: string; name: string } | null = null,
): ImportResult {
  return {
    file,
    status: 'rejected',
    unit: unit?.code ?? null,
    unitName: unit?.name ?? null,
    revision: null,
    submissionId: null,
    errors,
    warnings,
  };
}

const toMsg = (f: Finding): Msg => ({ code: f.code, message: f.message });

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Checks that the parsed file belongs to this period, template and an expected unit. */
function identify(
  db: Db,
  parsed: ParsedForm,
  period: typeof t.periods.$inferSelect,
  tpl: typeof t.templates.$inferSelect,
  province: string,
): { errors: Msg[]; warnings: Msg[]; unit: typeof t.units.$inferSelect | null } {
  const errors: Msg[] = [];
  const warnings: Msg[] = [];
  const id = parsed.identity;
  if (id.templateCode && id.templateCode !== tpl.code) {
    errors.push({
      code: 'WRONG_TEMPLATE',
      message: `Tệp dùng mẫu "${id.templateCode}", không phải mẫu "${tpl.code}" của kỳ "${period.label}". Hãy gửi cho đơn vị đúng mẫu biểu của kỳ này.`,
    });
  }
  if (
    id.templateVersion !== null &&
    id.templateVersion !== tpl.version &&
    (!id.templateCode || id.templateCode === tpl.code)
  ) {
    errors.push({
      code: 'WRONG_TEMPLATE_VERSION',
      message: `Tệp dùng mẫu phiên bản ${id.templateVersion}, trong khi kỳ "${period.label}" dùng phiên bản ${tpl.version}. Hãy gửi lại cho đơn vị mẫu biểu mới và đề nghị điền lại.`,
    });
  }
  if (id.periodId !== null && id.periodId !== period.id) {
    errors.push({
      code: 'WRONG_PERIOD',
      message: `Tệp là báo cáo của kỳ "${id.periodLabel ?? id.periodId}", không phải kỳ "${period.label}". Hãy chọn đúng kỳ khi nhập, hoặc đề nghị đơn vị dùng mẫu của kỳ này.`,
    });
  } else if (id.periodId === null && id.periodLabel && searchKey(id.periodLabel) !== searchKey(period.label)) {
    errors.push({
      code: 'WRONG_PERIOD',
      message: `Tệp ghi kỳ báo cáo "${id.periodLabel}", không phải kỳ "${period.label}". Hãy chọn đúng kỳ khi nhập, hoặc đề nghị đơn vị dùng mẫu của kỳ này.`,
    });
  }
  if (id.province && province && searchKey(id.province) !== searchKey(province)) {
    errors.push({
      code: 'WRONG_PROVINCE',
      message: `Tệp là mẫu biểu của "${id.province}", không phải của "${province}". Hãy kiểm tra lại tệp đơn vị gửi.`,
    });
  }
  let unit: typeof t.units.$inferSelect | null = null;
  if (!id.unitCode) {
    errors.push({
      code: 'UNKNOWN_UNIT',
      message:
        'Không xác định được đơn vị gửi báo cáo: tệp là mẫu chung hoặc đã bị xóa dòng "Mã đơn vị". Hãy gửi cho đơn vị mẫu biểu mang tên đơn vị đó (xuất mẫu theo từng đơn vị).',
    });
  } else {
    unit = (statements(db.$client).unitByCode.get(id.unitCode) as typeof t.units.$inferSelect | undefined) ?? null;
    if (!unit) {
      errors.push({
        code: 'UNKNOWN_UNIT',
        message: `Mã đơn vị "${id.unitCode}" trong tệp không có trong danh sách đơn vị. Hãy thêm đơn vị này ở màn hình Đơn vị, hoặc kiểm tra lại tệp.`,
      });
    } else {
      const expected = statements(db.$client).expected.get(period.id, unit.id);
      if (!expected) {
        errors.push({
          code: 'NOT_EXPECTED',
          message: `Đơn vị "${unit.name}" không thuộc danh sách đơn vị phải báo cáo kỳ "${period.label}". Nếu đơn vị này cần báo cáo, hãy thêm vào danh sách ở màn hình Kỳ báo cáo rồi nhập lại.`,
        });
      }
    }
  }
  return { errors, warnings, unit };
}

/** Imports one file. Never throws for a bad file: the result says what is wrong. */
export async function importFile(ctx: Ctx, input: ImportFileInput): Promise<ImportResult> {
  const { db } = ctx;
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
    if (e instanceof AppError) return reject(name, [{ code: 'BAD_FILE', message: e.message }]);
    return reject(name, [
      {
        code: 'BAD_FILE',
        message:
          'Không đọc được tệp này như một bảng tính Excel. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại.',
      },
    ]);
  }
  const tpl = getTemplateRow(db, period.templateId);
  const settings = getSettings(db);
  const ident = identify(db, parsed, period, tpl, settings.province);
  const unit = ident.unit;
  const unitRef = unit ? { code: unit.code, name: unit.name } : null;
  const errors: Msg[] = [...ident.errors];
  const warnings: Msg[] = [...ident.warnings];
  if (errors.length || !unit) return reject(name, errors, warnings, unitRef);

  // rows: the unit's form rows, matched by code
  const elements = new Map(catalog.dataElements.map((e) => [e.code, e]));
  const expectedRows = templateRowsFor(
    { ...tpl, rows: tpl.rows },
    catalog.dataElements,
    unit.kind as DataElement['reportedBy'][number],
  );
  const expectedCodes = new Set(expectedRows.map((e) => e.code));
  for (const f of parsed.findings) (f.severity === 'error' ? errors : warnings).push(toMsg(f));
  const reportedMissing = new Set(parsed.findings.filter((f) => f.code === 'MISSING_ROW').map((f) => f.element));
  for (const e of expectedRows) {
    if (!(e.code in parsed.rowsSeen) && !reportedMissing.has(e.code)) {
      warnings.push({
        code: 'MISSING_ROW',
        message: `Thiếu dòng ${e.code} "${e.name}" trong biểu: coi như đơn vị không báo cáo chỉ tiêu này. Nếu đơn vị có số liệu, đề nghị điền vào mẫu gốc và gửi lại.`,
      });
    }
  }
  const values: StoredValue[] = [];
  for (const v of parsed.values) {
    const el = elements.get(v.element);
    if (!el) continue; // the reader already reported an unknown code
    if (!expectedCodes.has(v.element)) {
      warnings.push({
        code: 'ROW_NOT_FOR_UNIT',
        message: `Dòng ${el.code} "${el.name}" không thuộc biểu của loại đơn vị này nên không được ghi nhận.`,
      });
      continue;
    }
    values.push(v);
  }
  if (parsed.identity.fingerprint && parsed.identity.fingerprint !== structureFingerprint(expectedRows)) {
    warnings.push({
      code: 'FINGERPRINT',
      message:
        'Cấu trúc biểu trong tệp khác với biểu hiện tại của đơn vị (có thể loại đơn vị đã đổi sau khi xuất mẫu). Các dòng được đối chiếu theo cột Mã số.',
    });
  }
  for (const f of evaluateRules(catalog.validationRules, values, catalog.dataElements, catalog.cellLabels)) {
    (f.severity === 'error' ? errors : warnings).push(toMsg(f));
  }
  if (errors.length) return reject(name, errors, dedupe(warnings), unitRef);

  const hash = sha256(input.file.bytes);
  const revisions = statements(ctx.raw).revisions.all(period.id, unit.id) as Array<{
    id: number;
    revision: number;
    sha256: string;
  }>;
  const same = revisions.find((r) => r.sha256 === hash);
  if (same) {
    const latest = revisions[0]!;
    const w =
      same.id === latest.id
        ? []
        : [
            {
              code: 'OLD_REVISION',
              message: `Tệp này trùng với lần gửi thứ ${same.revision}, đã có bản mới hơn (lần ${latest.revision}); không thay đổi gì.`,
            },
          ];
    return {
      file: name,
      status: 'unchanged',
      unit: unit.code,
      unitName: unit.name,
      revision: same.revision,
      submissionId: same.id,
      errors: [],
      warnings: w,
    };
  }

  if (input.batchId && !ctx.batchesBackedUp.has(input.batchId) && ctx.dbPath !== ':memory:') {
    backupSync(ctx.raw, ctx.backupDir, 'truoc-nhap-bao-cao', settings.backupKeep);
    ctx.batchesBackedUp.add(input.batchId);
  }

  const finalWarnings = dedupe(warnings);
  const receivedAt = input.receivedAt ?? ctx.today();
  const revision = (revisions[0]?.revision ?? 0) + 1;
  const st = statements(ctx.raw);
  const officer = settings.officer.trim() || 'Cán bộ thường trực';
  const submissionId = ctx.raw.transaction(() => {
    st.file.run(hash, input.file.bytes.byteLength, Buffer.from(input.file.bytes));
    const { id } = st.submission.get(
      period.id,
      unit.id,
      revision,
      receivedAt,
      input.officialDate ?? null,
      input.channel ?? 'email',
      name,
      hash,
    ) as { id: number };
    if (revisions[0]) st.supersede.run(id, revisions[0].id);
    for (const v of values) {
      const r = cellValueToRow(v.value);
      st.value.run(id, v.element, v.cell, r.state, r.num, r.text);
    }
    for (const w of finalWarnings) {
      const f = parsed.findings.find((x) => x.code === w.code && x.message === w.message);
      st.finding.run(id, w.code, w.message, f?.element ?? null, (f?.cell as CellKey | undefined) ?? null);
    }
    st.attempt.run(period.id, name, hash, unit.code, revision, id, JSON.stringify(finalWarnings));
    st.audit.run(
      officer,
      String(id),
      JSON.stringify({ period: period.id, unit: unit.code, revision, file: name, sha256: hash, values: values.length }),
    );
    return id;
  })();
  return {
    file: name,
    status: 'accepted',
    unit: unit.code,
    unitName: unit.name,
    revision,
    submissionId,
    errors: [],
    warnings: finalWarnings,
  };
}

export interface ImportBatchInput extends Omit<ImportFileInput, 'file' | 'batchId'> {
  files: Array<{ name: string; bytes: Uint8Array }>;
  batchId?: string;
}

/**
 * Imports a batch file by file, in the order given. A file whose import fails unexpectedly is reported as
 * rejected with a plain message (the others go on); a period that does not exist fails the whole batch.
 * Each answered file is announced with an `import.progress` event; `imports.cancel` stops after the file in hand.
 */
export async function importBatch(ctx: Ctx, input: ImportBatchInput): Promise<ImportBatchResult> {
  getPeriodRow(ctx.db, input.periodId); // not_found before any file
  const batchId = input.batchId ?? randomUUID();
  const results: ImportResult[] = [];
  let cancelled = false;
  try {
    for (let i = 0; i < input.files.length; i++) {
      if (ctx.cancelledBatches.has(batchId)) {
        cancelled = true;
        break;
      }
      const file = input.files[i]!;
      const { files: _files, ...rest } = input;
      let result: ImportResult;
      try {
        result = await importFile(ctx, { ...rest, file, batchId });
      } catch (e) {
        result = reject(file.name, [
          {
            code: e instanceof AppError ? e.code : 'internal',
            message: e instanceof AppError ? e.message : INTERNAL_MESSAGE,
          },
        ]);
      }
      results.push(result);
      ctx.emit('import.progress', {
        batchId,
        index: i,
        total: input.files.length,
        file: result.file,
        status: result.status,
        unit: result.unit,
      });
    }
  } finally {
    ctx.cancelledBatches.delete(batchId);
  }
  return { batchId, results, cancelled };
}

function dedupe(list: Msg[]): Msg[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const k = `${m.code}|${m.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function recentImports(db: Db, periodId: number | undefined, limit: number): ImportAttempt[] {
  const rows = db
    .select({ a: t.importAttempts, u: t.units })
    .from(t.importAttempts)
    .leftJoin(t.units, eq(t.units.code, t.importAttempts.unitCode))
    .where(periodId ? eq(t.importAttempts.periodId, periodId) : undefined)
    .orderBy(desc(t.importAttempts.id))
    .limit(limit)
    .all();
  return rows.map(({ a, u }) => ({
    id: a.id,
    at: a.at,
    periodId: a.periodId,
    sha256: a.sha256,
    file: a.fileName,
    status: a.status as ImportAttempt['status'],
    unit: a.unitCode,
    unitName: u?.name ?? null,
    revision: a.revision,
    submissionId: a.submissionId,
    errors: a.errors,
    warnings: a.warnings,
  }));
}
