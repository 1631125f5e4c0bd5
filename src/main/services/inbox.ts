/**
 * The inbox of a period: every file and paper report received, one entry each (import_attempts), whatever its
 * outcome, with its reasons and its original bytes (capped). Read here; written by the import pipeline
 * (imports/commit.ts recordEntry, commitRevision) and by the hand entry (submissions-entry.ts).
 *
 * The link of an assigned entry: the entry of the new check has batch_id `assign:<old entry id>` (no new column).
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  ENTRY_STATUSES,
  type EntryChannel,
  type EntryStatus,
  type InboxEntry,
  type InboxList,
  type Msg,
} from '../../shared/contract/inbox';
import { AppError } from '../../shared/result';
import { searchKey } from '../../shared/text/vi';
import { inboxOfPeriod } from '../db/schema';
import type { Ctx } from './context';
import { readOriginal } from './originals';
import { getPeriodRow } from './periods';

/** The file name given to the values of a report entered by hand without a scan (kept as its original). */
export const HAND_ENTRY_PREFIX = 'nhap-tay_';

export const ASSIGN_BATCH = 'assign:';

interface Row {
  id: number;
  at: string;
  periodId: number | null;
  fileName: string;
  sha256: string;
  status: string;
  unitCode: string | null;
  revision: number | null;
  submissionId: number | null;
  errors: string;
  warnings: string;
  receivedAt: string | null;
  channel: string | null;
  unitId: number | null;
  note: string | null;
  batchId: string | null;
  uId: number | null;
  uCode: string | null;
  uName: string | null;
  uKey: string | null;
  withdrawnAt: string | null;
  subChannel: string | null;
  subReceived: string | null;
  kept: number;
  size: number | null;
}

const SELECT =
  'SELECT a.id, a.at, a.period_id AS periodId, a.file_name AS fileName, a.sha256, a.status, a.unit_code AS unitCode, ' +
  'a.revision, a.submission_id AS submissionId, a.errors, a.warnings, a.received_at AS receivedAt, a.channel, ' +
  'a.unit_id AS unitId, a.note, a.batch_id AS batchId, u.id AS uId, u.code AS uCode, u.name AS uName, ' +
  'u.search_key AS uKey, s.withdrawn_at AS withdrawnAt, s.channel AS subChannel, s.received_at AS subReceived, ' +
  '(f.sha256 IS NOT NULL) AS kept, f.size AS size FROM import_attempts a ' +
  'LEFT JOIN units u ON u.id = a.unit_id OR (a.unit_id IS NULL AND u.code = a.unit_code) ' +
  'LEFT JOIN submissions s ON s.id = a.submission_id LEFT JOIN files f ON f.sha256 = a.sha256 ';

const prepared = new WeakMap<BetterSqlite3.Database, ReturnType<typeof prepare>>();
function prepare(raw: BetterSqlite3.Database) {
  return {
    ofPeriod: raw.prepare(`${SELECT} WHERE ${inboxOfPeriod('@period')} ORDER BY a.id DESC`),
    one: raw.prepare(`${SELECT} WHERE a.id = ?`),
    assignedFrom: raw.prepare('SELECT id FROM import_attempts WHERE batch_id = ? ORDER BY id DESC LIMIT 1'),
  };
}
function st(raw: BetterSqlite3.Database): ReturnType<typeof prepare> {
  let s = prepared.get(raw);
  if (!s) prepared.set(raw, (s = prepare(raw)));
  return s;
}

const parse = (json: string): Msg[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Msg[]) : [];
  } catch {
    return [];
  }
};

const isHandChannel = (c: string | null): c is 'paper' | 'scan' => c === 'paper' || c === 'scan';

function toEntry(r: Row, assigned: number | null): InboxEntry {
  const via = r.channel ?? r.subChannel;
  const channel: EntryChannel = isHandChannel(via) ? via : 'file';
  const status: EntryStatus = r.status === 'accepted' && r.withdrawnAt ? 'withdrawn' : (r.status as EntryStatus);
  const handJson = channel !== 'file' && r.fileName.startsWith(HAND_ENTRY_PREFIX) && r.fileName.endsWith('.json');
  return {
    id: r.id,
    periodId: r.periodId ?? 0,
    at: r.at,
    file: handJson ? null : r.fileName,
    receivedAt: r.receivedAt ?? r.subReceived ?? r.at.slice(0, 10),
    channel,
    via: via ?? null,
    status,
    unit: r.uCode ?? r.unitCode,
    unitName: r.uName,
    unitId: r.uId ?? r.unitId,
    revision: r.revision,
    submissionId: r.submissionId,
    errors: parse(r.errors),
    warnings: parse(r.warnings),
    hasOriginal: !!r.kept,
    size: r.size,
    sha256: r.sha256 || null,
    note: r.note,
    assignedEntryId: assigned,
  };
}

export interface InboxQuery {
  periodId: number;
  status?: EntryStatus[] | undefined;
  channel?: EntryChannel[] | undefined;
  unitId?: number | undefined;
  search?: string | undefined;
  offset: number;
  limit: number;
}

/** Every entry of the period, newest first (not filtered). */
export function periodEntries(ctx: Ctx, periodId: number): InboxEntry[] {
  const rows = st(ctx.raw).ofPeriod.all({ period: periodId }) as Row[];
  const assigned = new Map<number, number>();
  for (const r of rows) {
    if (!r.batchId?.startsWith(ASSIGN_BATCH)) continue;
    const from = Number(r.batchId.slice(ASSIGN_BATCH.length));
    if (!assigned.has(from)) assigned.set(from, r.id); // newest first: the latest assignment wins
  }
  return rows.map((r) => toEntry(r, assigned.get(r.id) ?? null));
}

export function listInbox(ctx: Ctx, q: InboxQuery): InboxList {
  getPeriodRow(ctx.db, q.periodId);
  const all = periodEntries(ctx, q.periodId);
  const counts = Object.fromEntries(ENTRY_STATUSES.map((s) => [s, 0])) as Record<EntryStatus, number>;
  for (const e of all) counts[e.status]++;
  const words = q.search ? searchKey(q.search).split(' ').filter(Boolean) : [];
  const statuses = q.status?.length ? new Set(q.status) : null;
  const channels = q.channel?.length ? new Set(q.channel) : null;
  const hits = all.filter((e) => {
    if (statuses && !statuses.has(e.status)) return false;
    if (channels && !channels.has(e.channel)) return false;
    if (q.unitId && e.unitId !== q.unitId) return false;
    if (words.length) {
      const hay = searchKey(`${e.file ?? ''} ${e.unit ?? ''} ${e.unitName ?? ''}`);
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
  const unassigned = all.filter((e) => e.status === 'unidentified' && e.assignedEntryId === null).length;
  return { entries: hits.slice(q.offset, q.offset + q.limit), total: hits.length, counts, unassigned };
}

export function getEntry(ctx: Ctx, id: number): InboxEntry {
  const r = st(ctx.raw).one.get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `Không tìm thấy mục số ${id} trong hộp thư đến.`);
  const assigned = st(ctx.raw).assignedFrom.get(`${ASSIGN_BATCH}${id}`) as { id: number } | undefined;
  return toEntry(r, assigned?.id ?? null);
}

/** The original bytes of an entry (a refused file too). */
export function entryOriginal(ctx: Ctx, id: number): { name: string; bytes: Uint8Array } {
  const e = getEntry(ctx, id);
  const r = st(ctx.raw).one.get(id) as Row;
  const f = e.sha256 ? readOriginal(ctx, e.sha256, r.fileName) : null;
  if (!f) {
    throw new AppError(
      'not_found',
      'Tệp gốc của mục này không được lưu (tệp quá lớn, hoặc báo cáo nhập tay không kèm bản scan).',
    );
  }
  return { name: r.fileName, bytes: f };
}
