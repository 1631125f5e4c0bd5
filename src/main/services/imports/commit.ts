/**
 * The import's database side: its statements, prepared once per connection (the import's hot path), the
 * lookups it makes before deciding, and the ONE transaction that writes an accepted file as a new revision
 * (original archived, values, warnings, the attempt, the audit entry), or nothing.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { CellKey } from '../../../shared/domain/catalog';
import type { Finding, StoredValue } from '../../../shared/domain/records';
import { cellValueToRow } from '../values';
import type { UnitRow } from './identify';
import type { Msg } from './result';

const prepared = new WeakMap<BetterSqlite3.Database, ReturnType<typeof prepare>>();
function prepare(raw: BetterSqlite3.Database) {
  return {
    unitByCode: raw.prepare(
      'SELECT id, code, name, search_key AS searchKey, kind, group_name AS groupName, parent_id AS parentId, ' +
        'valid_from AS validFrom, valid_to AS validTo, contact, phone, email, sort_order AS sortOrder, active, note, ' +
        'created_at AS createdAt, updated_at AS updatedAt FROM units WHERE code = ?',
    ),
    allUnits: raw.prepare(
      'SELECT id, code, name, search_key AS searchKey, kind, group_name AS groupName, parent_id AS parentId, ' +
        'valid_from AS validFrom, valid_to AS validTo, contact, phone, email, sort_order AS sortOrder, active, note, ' +
        'created_at AS createdAt, updated_at AS updatedAt FROM units',
    ),
    cellsOf: raw.prepare('SELECT element, cell, state, num, text FROM submission_values WHERE submission_id = ?'),
    expected: raw.prepare('SELECT 1 FROM period_units WHERE period_id = ? AND unit_id = ?'),
    revisions: raw.prepare(
      'SELECT id, revision, sha256, superseded_by AS supersededBy, withdrawn_at AS withdrawnAt FROM submissions ' +
        'WHERE period_id = ? AND unit_id = ? ORDER BY revision DESC',
    ),
    file: raw.prepare('INSERT INTO files (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    submission: raw.prepare(
      'INSERT INTO submissions (period_id, unit_id, revision, received_at, official_date, channel, file_name, sha256, status, ' +
        "history, layout_id, audit_id, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?)",
    ),
    /**
     * the ids the revision's audit and inbox entries get: the ones SQLite would give them (no AUTOINCREMENT: the
     * largest + 1), so that the revision's row points at both (schema.ts: the indexes leave those entries out)
     */
    nextIds: raw
      .prepare(
        'SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log), (SELECT coalesce(max(id), 0) + 1 FROM import_attempts)',
      )
      .raw(true),
    supersede: raw.prepare('UPDATE submissions SET superseded_by = ? WHERE id = ?'),
    /** multi-row INSERTs of values, by their number of rows (VALUE_ROWS at most), prepared on first use */
    values: new Map<number, BetterSqlite3.Statement>(),
    finding: raw.prepare(
      "INSERT INTO findings (submission_id, code, severity, message, element, cell) VALUES (?, ?, 'warning', ?, ?, ?)",
    ),
    attempt: raw.prepare(
      'INSERT INTO import_attempts (id, period_id, file_name, sha256, status, unit_code, revision, submission_id, errors, ' +
        "warnings, received_at, channel, unit_id, batch_id) VALUES (?, ?, ?, ?, 'accepted', ?, ?, ?, '[]', ?, ?, ?, ?, ?)",
    ),
    /** a file answered without a new revision (refused, unchanged, duplicate): its entry in the inbox */
    refused: raw.prepare(
      'INSERT INTO import_attempts (period_id, file_name, sha256, status, unit_code, revision, submission_id, errors, ' +
        'warnings, received_at, channel, unit_id, batch_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
        'RETURNING id',
    ),
    audit: raw.prepare(
      "INSERT INTO audit_log (id, actor, action, entity, entity_id, before, after, reason) VALUES (?, ?, ?, 'submission', ?, NULL, ?, NULL)",
    ),
  };
}
/** Values per INSERT statement (6 parameters each): a whole form in one or two statement calls. */
const VALUE_ROWS = 64;

function valuesInsert(raw: BetterSqlite3.Database, rows: number): BetterSqlite3.Statement {
  const m = statements(raw).values;
  let st = m.get(rows);
  if (!st) {
    st = raw.prepare(
      'INSERT INTO submission_values (submission_id, element, cell, state, num, text) VALUES ' +
        Array<string>(rows).fill('(?, ?, ?, ?, ?, ?)').join(', '),
    );
    m.set(rows, st);
  }
  return st;
}

/** The bytes as a Buffer over the same memory (no copy: SQLite copies them into its pages). */
const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function statements(raw: BetterSqlite3.Database): ReturnType<typeof prepare> {
  let s = prepared.get(raw);
  if (!s) {
    s = prepare(raw);
    prepared.set(raw, s);
  }
  return s;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function unitByCode(raw: BetterSqlite3.Database, code: string): UnitRow | null {
  return (statements(raw).unitByCode.get(code) as UnitRow | undefined) ?? null;
}

/** Every unit of the register (the unit resolver matches codes and names against it). */
export function allUnits(raw: BetterSqlite3.Database): UnitRow[] {
  return statements(raw).allUnits.all() as UnitRow[];
}

/** The stored cells of a revision (to see what a new one would leave blank). */
export function storedCells(
  raw: BetterSqlite3.Database,
  submissionId: number,
): Array<{ element: string; cell: CellKey; state: string; num: number | null; text: string | null }> {
  return statements(raw).cellsOf.all(submissionId) as Array<{
    element: string;
    cell: CellKey;
    state: string;
    num: number | null;
    text: string | null;
  }>;
}

export function isExpected(raw: BetterSqlite3.Database, periodId: number, unitId: number): boolean {
  return !!statements(raw).expected.get(periodId, unitId);
}

export interface Revision {
  id: number;
  revision: number;
  sha256: string;
  supersededBy: number | null;
  /** a withdrawn revision is never current (the officer took it back, with a reason) */
  withdrawnAt: string | null;
}

/** The revision that counts now: the newest one not withdrawn (the one with superseded_by NULL). */
export function currentOf(revisions: Revision[]): Revision | undefined {
  return revisions.find((r) => !r.withdrawnAt);
}

/** A unit's revisions in a period, newest first (withdrawn ones too: a new one is numbered after them). */
export function revisionsOf(raw: BetterSqlite3.Database, periodId: number, unitId: number): Revision[] {
  return statements(raw).revisions.all(periodId, unitId) as Revision[];
}

export interface NewRevision {
  periodId: number;
  unit: { id: number; code: string };
  /** the newest revision so far (withdrawn or not), if any: the new one is numbered after it */
  previous: Revision | undefined;
  /** the revision that counts now (it is superseded by the new one), if any */
  current: Revision | undefined;
  /** the inbox: the batch, and the receipt's channel */
  batchId?: string | null | undefined;
  file: { name: string; bytes: Uint8Array };
  sha256: string;
  receivedAt: string;
  officialDate: string | null;
  channel: string;
  values: StoredValue[];
  warnings: Msg[];
  /** the reader's findings, to keep the element and cell of a warning that came from one */
  findings: Finding[];
  officer: string;
  /** the audit entry's action: 'import' (a file), 'enter' (a paper or scanned report entered by hand) */
  action?: 'import' | 'enter';
  /** the layout the file was read with (a province's own form, issue 17) */
  layoutId?: number | null;
  /** filed as history (shared/rules/period.ts isHistoryEntry): its timeliness is not judged */
  history?: boolean;
}

/** What the transaction writes, all made before it. */
interface Job {
  r: NewRevision;
  revision: number;
  name: string;
  /** the values' parameters, 6 a row, the submission id (0 here) set inside the transaction */
  chunks: unknown[][];
  findings: Array<readonly [string, string, string | null, CellKey | null]>;
  warnings: string;
  bytes: Buffer;
}

const commitTxs = new WeakMap<BetterSqlite3.Database, (j: Job) => { id: number; entryId: number }>();

/** The one transaction's statements (run inside it). */
function writeRevision(
  raw: BetterSqlite3.Database,
  st: ReturnType<typeof prepare>,
  { r, revision, name, chunks, findings, warnings, bytes }: Job,
): { id: number; entryId: number } {
  st.file.run(r.sha256, bytes.byteLength, bytes);
  // the revision points at its audit and inbox entries (written below): their indexes leave them out (schema.ts)
  const [auditId, entryId] = st.nextIds.get() as [number, number];
  const id = Number(
    st.submission.run(
      r.periodId,
      r.unit.id,
      revision,
      r.receivedAt,
      r.officialDate,
      r.channel,
      name,
      r.sha256,
      r.history ? 1 : 0,
      r.layoutId ?? null,
      auditId,
      entryId,
    ).lastInsertRowid,
  );
  if (r.current) st.supersede.run(id, r.current.id);
  for (const params of chunks) {
    for (let k = 0; k < params.length; k += 6) params[k] = id;
    valuesInsert(raw, params.length / 6).run(params);
  }
  for (const [code, message, element, cell] of findings) st.finding.run(id, code, message, element, cell);
  st.attempt.run(
    entryId,
    r.periodId,
    name,
    r.sha256,
    r.unit.code,
    revision,
    id,
    warnings,
    r.receivedAt,
    r.channel,
    r.unit.id,
    r.batchId ?? null,
  );
  st.audit.run(
    auditId,
    r.officer,
    r.action ?? 'import',
    String(id),
    JSON.stringify({
      period: r.periodId,
      unit: r.unit.code,
      revision,
      file: name,
      sha256: r.sha256,
      values: r.values.length,
    }),
  );
  return { id, entryId };
}

/**
 * Writes an accepted file as the next revision, in one transaction; returns the revision, the submission id and
 * the file's inbox entry.
 */
export function commitRevision(
  raw: BetterSqlite3.Database,
  r: NewRevision,
): { revision: number; id: number; entryId: number } {
  const st = statements(raw);
  const revision = (r.previous?.revision ?? 0) + 1;
  const name = r.file.name;
  // everything that does not need the new id is made before the transaction (it holds the write lock)
  const chunks: unknown[][] = [];
  for (let i = 0; i < r.values.length; i += VALUE_ROWS) {
    const params: unknown[] = [];
    for (const v of r.values.slice(i, i + VALUE_ROWS)) {
      const row = cellValueToRow(v.value);
      params.push(0, v.element, v.cell, row.state, row.num, row.text);
    }
    chunks.push(params);
  }
  const findings = r.warnings.map((w) => {
    const f = r.findings.find((x) => x.code === w.code && x.message === w.message);
    return [w.code, w.message, f?.element ?? null, (f?.cell as CellKey | undefined) ?? null] as const;
  });
  const job: Job = {
    r,
    revision,
    name,
    chunks,
    findings,
    warnings: JSON.stringify(r.warnings),
    bytes: asBuffer(r.file.bytes),
  };
  let tx = commitTxs.get(raw);
  if (!tx) {
    // made once per connection: better-sqlite3 builds four wrappers for every transaction() call
    tx = raw.transaction((j: Job) => writeRevision(raw, st, j));
    commitTxs.set(raw, tx);
  }
  const { id, entryId } = tx(job);
  return { revision, id, entryId };
}

/** The largest original kept for a file that is not accepted (a bigger one is recorded without its bytes). */
export const ORIGINAL_CAP = 20 * 1024 * 1024;

export interface RefusedEntry {
  periodId: number;
  file: { name: string; bytes: Uint8Array };
  sha256: string;
  status: 'rejected' | 'unidentified' | 'duplicate' | 'unchanged';
  unit: { id: number; code: string } | null;
  revision: number | null;
  submissionId: number | null;
  errors: Msg[];
  warnings: Msg[];
  receivedAt: string;
  channel: string;
  batchId?: string | null | undefined;
  note?: string | null | undefined;
}

/**
 * Records a file answered without a new revision (refused, unidentified, duplicate, unchanged) in the inbox: its
 * original bytes (up to ORIGINAL_CAP) and its entry, in ONE small transaction; nothing else is written.
 * Returns the entry's id and whether the original was kept.
 */
export function recordEntry(raw: BetterSqlite3.Database, e: RefusedEntry): { entryId: number; kept: boolean } {
  const st = statements(raw);
  const kept = e.file.bytes.byteLength <= ORIGINAL_CAP;
  const entryId = raw.transaction(() => {
    if (kept) st.file.run(e.sha256, e.file.bytes.byteLength, asBuffer(e.file.bytes));
    return (
      st.refused.get(
        e.periodId,
        e.file.name,
        e.sha256,
        e.status,
        e.unit?.code ?? null,
        e.revision,
        e.submissionId,
        JSON.stringify(e.errors),
        JSON.stringify(e.warnings),
        e.receivedAt,
        e.channel,
        e.unit?.id ?? null,
        e.batchId ?? null,
        e.note ?? null,
      ) as { id: number }
    ).id;
  })();
  return { entryId, kept };
}
