/** Submissions: revisions per period × unit, their values and findings, corrections and review status. */
import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { SubmissionDetail } from '../../shared/contract';
import type { CellKey } from '../../shared/domain/catalog';
import type { Finding, StoredValue, Submission } from '../../shared/domain/records';
import { AppError } from '../../shared/result';
import { formatDate } from '../../shared/text/vi';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { audit } from './audit';
import type { Ctx } from './context';
import { readOriginal } from './originals';
import { assertOpen } from './periods';
import { cellValueToRow, elementForEdit, rowToCellValue, type ValueEdit } from './values';

const STATUS_LABEL: Record<Submission['status'], string> = {
  received: 'đã nhận',
  needs_fix: 'cần bổ sung',
  approved: 'đã duyệt',
};

export function getSubmissionRow(db: Db, id: number) {
  const r = db.select().from(t.submissions).where(eq(t.submissions.id, id)).get();
  if (!r) throw new AppError('not_found', `Không tìm thấy báo cáo số ${id}.`);
  return r;
}

export function getSubmission(db: Db, id: number): Submission {
  const s = getSubmissionRow(db, id);
  const u = db.select().from(t.units).where(eq(t.units.id, s.unitId)).get()!;
  return toSubmission(s, u);
}

type SubmissionRow = typeof t.submissions.$inferSelect;

export function toSubmission(s: SubmissionRow, u: typeof t.units.$inferSelect): Submission {
  return {
    id: s.id,
    periodId: s.periodId,
    unitId: s.unitId,
    unitCode: u.code,
    unitName: u.name,
    revision: s.revision,
    receivedAt: s.receivedAt,
    officialDate: s.officialDate,
    channel: s.channel as Submission['channel'],
    fileName: s.fileName,
    sha256: s.sha256,
    status: s.status as Submission['status'],
    supersededBy: s.supersededBy,
    withdrawnAt: s.withdrawnAt,
    createdAt: s.createdAt,
    ...(s.history ? { history: true } : {}),
  };
}

/** Submissions with their unit, filtered and ordered by the caller. */
function submissionsWith(db: Db, where: SQL | undefined, ...orderBy: SQL[]): Submission[] {
  return db
    .select({ s: t.submissions, u: t.units })
    .from(t.submissions)
    .innerJoin(t.units, eq(t.units.id, t.submissions.unitId))
    .where(where)
    .orderBy(...orderBy)
    .all()
    .map(({ s, u }) => toSubmission(s, u));
}

export function listSubmissions(db: Db, periodId: number, unitId?: number): Submission[] {
  const conds = [eq(t.submissions.periodId, periodId)];
  if (unitId) conds.push(eq(t.submissions.unitId, unitId));
  return submissionsWith(db, and(...conds), asc(t.units.sortOrder), asc(t.submissions.revision));
}

/** Every submission of one unit, period by period. */
export function unitSubmissions(db: Db, unitId: number): Submission[] {
  return submissionsWith(
    db,
    eq(t.submissions.unitId, unitId),
    asc(t.submissions.periodId),
    asc(t.submissions.revision),
  );
}

export function submissionValues(db: Db, submissionId: number): StoredValue[] {
  return db
    .select()
    .from(t.submissionValues)
    .where(eq(t.submissionValues.submissionId, submissionId))
    .all()
    .map((r) => ({ element: r.element, cell: r.cell as CellKey, value: rowToCellValue(r) }));
}

const valuesStmt = new WeakMap<Db['$client'], ReturnType<Db['$client']['prepare']>>();

/**
 * Values of many submissions at once: submission id → values. One query (the ids as a JSON array), rows as arrays,
 * in primary-key order (element, cell) within each submission.
 */
export function valuesBySubmission(db: Db, ids: number[]): Map<number, StoredValue[]> {
  const out = new Map<number, StoredValue[]>();
  for (const id of ids) out.set(id, []);
  if (ids.length === 0) return out;
  const client = (db as Partial<Db>).$client;
  if (!client) {
    // inside a drizzle transaction object: the portable path
    const CHUNK = 500;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      for (const r of db
        .select()
        .from(t.submissionValues)
        .where(inArray(t.submissionValues.submissionId, part))
        .all()) {
        out.get(r.submissionId)!.push({ element: r.element, cell: r.cell as CellKey, value: rowToCellValue(r) });
      }
    }
    return out;
  }
  let stmt = valuesStmt.get(client);
  if (!stmt) {
    stmt = client
      .prepare(
        'SELECT submission_id, element, cell, state, num, text FROM submission_values ' +
          'WHERE submission_id IN (SELECT value FROM json_each(?)) ORDER BY submission_id, element, cell',
      )
      .raw(true);
    valuesStmt.set(client, stmt);
  }
  let list: StoredValue[] | undefined;
  let current = -1;
  // one string per element code and per cell name, not one per row (a national period's values are kept, read-cache)
  const names = new Map<string, string>();
  const intern = (s: string): string => {
    const held = names.get(s);
    if (held !== undefined) return held;
    names.set(s, s);
    return s;
  };
  for (const row of stmt.iterate(JSON.stringify(ids)) as IterableIterator<
    [number, string, string, string, number | null, string | null]
  >) {
    const [sid, element, cell, state, num, text] = row;
    if (sid !== current) {
      current = sid;
      list = out.get(sid);
    }
    list!.push({
      element: intern(element),
      cell: intern(cell) as CellKey,
      value: rowToCellValue({ state, num, text }),
    });
  }
  return out;
}

export function submissionFindings(db: Db, submissionId: number): Finding[] {
  return db
    .select()
    .from(t.findings)
    .where(eq(t.findings.submissionId, submissionId))
    .orderBy(asc(t.findings.id))
    .all()
    .map((f) => ({
      code: f.code,
      severity: f.severity as Finding['severity'],
      message: f.message,
      ...(f.element ? { element: f.element } : {}),
      ...(f.cell ? { cell: f.cell as CellKey } : {}),
    }));
}

export function getSubmissionDetail(db: Db, id: number): SubmissionDetail {
  const submission = getSubmission(db, id);
  return {
    submission,
    values: submissionValues(db, id),
    findings: submissionFindings(db, id),
    revisions: listSubmissions(db, submission.periodId, submission.unitId),
  };
}

/**
 * One revision per unit of a period, withdrawn ones left out: the newest (`desc`, the current one: its
 * superseded_by is NULL) or the first (`asc`, timeliness is judged on it), by unit id.
 */
function oneRevisionPerUnit(db: Db, periodId: number, order: typeof asc): Map<number, SubmissionRow> {
  const all = db
    .select()
    .from(t.submissions)
    .where(and(eq(t.submissions.periodId, periodId), isNull(t.submissions.withdrawnAt)))
    .orderBy(order(t.submissions.revision))
    .all();
  const out = new Map<number, SubmissionRow>();
  for (const s of all) if (!out.has(s.unitId)) out.set(s.unitId, s);
  return out;
}

/** The latest accepted revision of each unit in a period (the one that counts). */
export function latestSubmissions(db: Db, periodId: number): SubmissionRow[] {
  return [...oneRevisionPerUnit(db, periodId, desc).values()];
}

/** The first accepted revision of each unit in a period (timeliness is judged on it). */
export function firstSubmissions(db: Db, periodId: number): Map<number, SubmissionRow> {
  return oneRevisionPerUnit(db, periodId, asc);
}

/** Corrects one value of a submission with a mandatory reason; the change is audited. */
export function correctValue(db: Db, input: ValueEdit & { id: number; reason: string }): SubmissionDetail {
  db.transaction((tx) => {
    const d = tx as unknown as Db;
    const s = getSubmissionRow(d, input.id);
    assertOpen(d, s.periodId);
    if (s.withdrawnAt) {
      throw new AppError('conflict', 'Báo cáo này đã bị rút; hãy sửa trên bản đang có hiệu lực.');
    }
    if (s.supersededBy) {
      throw new AppError('conflict', 'Báo cáo này đã có bản mới hơn; hãy sửa trên bản mới nhất.');
    }
    elementForEdit(d, input, (name) => `Chỉ tiêu "${name}" không có ô này.`);
    const where = and(
      eq(t.submissionValues.submissionId, s.id),
      eq(t.submissionValues.element, input.element),
      eq(t.submissionValues.cell, input.cell),
    );
    const before = d.select().from(t.submissionValues).where(where).get();
    d.delete(t.submissionValues).where(where).run();
    if (input.value)
      d.insert(t.submissionValues)
        .values({ submissionId: s.id, element: input.element, cell: input.cell, ...cellValueToRow(input.value) })
        .run();
    audit(d, {
      action: 'correct',
      entity: 'submission',
      entityId: s.id,
      before: { element: input.element, cell: input.cell, value: before ? rowToCellValue(before) : null },
      after: { element: input.element, cell: input.cell, value: input.value },
      reason: input.reason,
    });
  });
  return getSubmissionDetail(db, input.id);
}

export function setSubmissionStatus(db: Db, id: number, status: Submission['status'], reason?: string): Submission {
  db.transaction((tx) => {
    const d = tx as unknown as Db;
    const s = getSubmissionRow(d, id);
    assertOpen(d, s.periodId);
    if (status === 'needs_fix' && !reason?.trim()) {
      throw new AppError('invalid_input', 'Khi chuyển sang "cần bổ sung", hãy ghi rõ đơn vị cần bổ sung gì.');
    }
    d.update(t.submissions).set({ status }).where(eq(t.submissions.id, id)).run();
    audit(d, {
      action: 'status',
      entity: 'submission',
      entityId: id,
      before: STATUS_LABEL[s.status as Submission['status']],
      after: STATUS_LABEL[status],
      reason: reason ?? null,
    });
  });
  return getSubmission(db, id);
}

export function updateSubmission(
  db: Db,
  input: { id: number; officialDate?: string | null; channel?: Submission['channel'] },
): Submission {
  db.transaction((tx) => {
    const d = tx as unknown as Db;
    const s = getSubmissionRow(d, input.id);
    assertOpen(d, s.periodId);
    const set: { officialDate?: string | null; channel?: string } = {};
    if (input.officialDate !== undefined) set.officialDate = input.officialDate;
    if (input.channel !== undefined) set.channel = input.channel;
    if (Object.keys(set).length) d.update(t.submissions).set(set).where(eq(t.submissions.id, input.id)).run();
    audit(d, {
      action: 'update',
      entity: 'submission',
      entityId: input.id,
      before: { officialDate: s.officialDate, channel: s.channel },
      after: set,
    });
  });
  return getSubmission(db, input.id);
}

export function originalFile(ctx: Ctx, id: number): { name: string; bytes: Uint8Array } {
  const s = getSubmissionRow(ctx.db, id);
  const bytes = readOriginal(ctx, s.sha256, s.fileName);
  if (!bytes) throw new AppError('not_found', 'Không tìm thấy tệp gốc của báo cáo này.');
  return { name: s.fileName, bytes };
}

/** The unit an input names by id or by code (one of them is required). */
export function unitFromRef(db: Db, ref: { unitId?: number | undefined; unitCode?: string | undefined }) {
  if (ref.unitId === undefined && !ref.unitCode)
    throw new AppError('invalid_input', 'Hãy chọn đơn vị (mã hoặc số của đơn vị).');
  const u =
    ref.unitId !== undefined
      ? db.select().from(t.units).where(eq(t.units.id, ref.unitId)).get()
      : db.select().from(t.units).where(eq(t.units.code, ref.unitCode!)).get();
  if (!u) {
    throw new AppError(
      'not_found',
      `Không có đơn vị ${ref.unitCode ? `mã "${ref.unitCode}"` : `số ${ref.unitId}`} trong danh sách đơn vị.`,
    );
  }
  return u;
}

/** The revision of a unit that counts now (the newest not withdrawn; its superseded_by is NULL), if any. */
function currentRevision(db: Db, periodId: number, unitId: number): SubmissionRow | undefined {
  return db
    .select()
    .from(t.submissions)
    .where(
      and(eq(t.submissions.periodId, periodId), eq(t.submissions.unitId, unitId), isNull(t.submissions.withdrawnAt)),
    )
    .orderBy(desc(t.submissions.revision))
    .limit(1)
    .get();
}

/**
 * Withdraws a unit's current revision (a mandatory reason, audited, in one transaction): it is marked withdrawn
 * and superseded by itself (so every reader of `superseded_by IS NULL` leaves it out); the newest revision not
 * withdrawn before it is current again (superseded_by NULL), or the unit has none and is "chưa nộp" again. A later
 * import is numbered after every revision, withdrawn ones too.
 */
export function withdrawSubmission(
  db: Db,
  input: { periodId: number; unitId?: number | undefined; unitCode?: string | undefined; reason: string },
): { unit: string; revision: number | null } {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    assertOpen(d, input.periodId);
    const unit = unitFromRef(d, input);
    const current = currentRevision(d, input.periodId, unit.id);
    if (!current) {
      throw new AppError(
        'conflict',
        `${unit.name} (${unit.code}) chưa có báo cáo nào đang có hiệu lực trong kỳ này nên không có gì để rút.`,
      );
    }
    const at = new Date().toISOString();
    d.update(t.submissions)
      .set({ withdrawnAt: at, withdrawReason: input.reason, supersededBy: current.id })
      .where(eq(t.submissions.id, current.id))
      .run();
    const back = currentRevision(d, input.periodId, unit.id);
    if (back) d.update(t.submissions).set({ supersededBy: null }).where(eq(t.submissions.id, back.id)).run();
    d.update(t.importAttempts)
      .set({ note: `Đã rút: ${input.reason}` })
      .where(and(eq(t.importAttempts.submissionId, current.id), eq(t.importAttempts.status, 'accepted')))
      .run();
    audit(d, {
      action: 'withdraw',
      entity: 'submission',
      entityId: current.id,
      before: { unit: unit.code, revision: current.revision, current: current.revision },
      after: { unit: unit.code, current: back?.revision ?? null, withdrawnAt: at },
      reason: input.reason,
    });
    return { unit: unit.code, revision: back?.revision ?? null };
  });
}

/**
 * Corrects the received date of a revision (a mandatory reason, audited): the submission's date and its inbox
 * entry's. Timeliness follows (it is judged on the first accepted report's date, unless an official date is set);
 * a revision filed as history is judged from then on.
 */
export function setReceivedDate(
  db: Db,
  input: { id: number; receivedAt: string; reason: string },
  today: string,
): { id: number; receivedAt: string; previous: string } {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const s = getSubmissionRow(d, input.id);
    const period = assertOpen(d, s.periodId);
    if (input.receivedAt > today) {
      throw new AppError(
        'invalid_input',
        `Ngày nhận ${formatDate(input.receivedAt)} là ngày trong tương lai (hôm nay là ${formatDate(today)}). Hãy kiểm tra lại ngày.`,
      );
    }
    if (input.receivedAt < period.dataFrom) {
      throw new AppError(
        'invalid_input',
        `Ngày nhận ${formatDate(input.receivedAt)} sớm hơn ngày bắt đầu khoảng số liệu của kỳ "${period.label}" (${formatDate(period.dataFrom)}), khi đơn vị chưa thể có báo cáo. Hãy kiểm tra lại ngày.`,
      );
    }
    // a date given makes the revision judged on it: no longer history (shared/rules/period.ts isHistoryEntry)
    d.update(t.submissions).set({ receivedAt: input.receivedAt, history: 0 }).where(eq(t.submissions.id, s.id)).run();
    d.update(t.importAttempts)
      .set({ receivedAt: input.receivedAt })
      .where(and(eq(t.importAttempts.submissionId, s.id), eq(t.importAttempts.status, 'accepted')))
      .run();
    audit(d, {
      action: 'set_received',
      entity: 'submission',
      entityId: s.id,
      before: { receivedAt: s.receivedAt, ...(s.history ? { history: true } : {}) },
      after: { receivedAt: input.receivedAt },
      reason: input.reason,
    });
    return { id: s.id, receivedAt: input.receivedAt, previous: s.receivedAt };
  });
}
