/**
 * Reads kept per database handle until ANYTHING is written to the database (`cachedRead`: a period's status), or
 * until a write that can change them (`periodCachedRead`, below: a period's partial sums and texts, kept across
 * writes to other periods). At national scale (4,300 units × 20 periods) summing a period's 200,000 values costs
 * ~0,2 s, so what was summed is kept here.
 *
 * What makes it right without any writer having to remember it: the key of every entry is the database's change
 * mark, `total_changes()` (every row this connection has inserted, updated or deleted since it opened, triggers
 * included) with `PRAGMA data_version` (moves when another connection commits). Any write at all (an import, a
 * correction, a withdrawal, a unit's kind or validity, the catalogue, a province value, a restore through another
 * connection…) moves the mark, and the whole cache of that handle is dropped. Inside an open transaction nothing is
 * cached or served (what it reads may yet be rolled back). A handle closed or replaced (restore, switch of database)
 * takes its cache along (WeakMap).
 */
import type BetterSqlite3 from 'better-sqlite3';

interface HandleCache {
  mark: string;
  entries: Map<string, unknown>;
  /** entries with a bounded count (large ones: the texts of a period), oldest first */
  bounded: string[];
}

const caches = new WeakMap<BetterSqlite3.Database, HandleCache>();
const markStmt = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/** The database's change mark as this connection sees it (see the header). */
export function changeMark(raw: BetterSqlite3.Database): string {
  let st = markStmt.get(raw);
  if (!st) {
    st = raw.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)').raw(true);
    markStmt.set(raw, st);
  }
  const [changes, version] = st.get() as [number, number];
  return `${changes}:${version}`;
}

/** How many large entries (`bounded`) a handle keeps at most. */
const MAX_BOUNDED = 4;

/**
 * `compute()`'s result, kept under `key` until the next write to the database. The result is shared by every later
 * caller: treat it as read-only. `bounded` marks large results, of which only the last few are kept.
 */
export function cachedRead<T>(
  raw: BetterSqlite3.Database,
  key: string,
  compute: () => T,
  opts: { bounded?: boolean } = {},
): T {
  if (raw.inTransaction) return compute();
  const mark = changeMark(raw);
  let c = caches.get(raw);
  if (!c || c.mark !== mark) {
    c = { mark, entries: new Map(), bounded: [] };
    caches.set(raw, c);
  }
  if (c.entries.has(key)) return c.entries.get(key) as T;
  const value = compute();
  // computing reads only; a compute that wrote (it must not) would leave the mark behind: keep nothing then
  if (changeMark(raw) !== mark) return value;
  c.entries.set(key, value);
  if (opts.bounded) {
    c.bounded.push(key);
    while (c.bounded.length > MAX_BOUNDED) c.entries.delete(c.bounded.shift()!);
  }
  return value;
}

/*
 * Per-period entries (a period's partial sums, texts, latest revisions, drilled cells' columns): kept across
 * writes that cannot change them, so that an import into this period leaves the other 19 periods' sums in place
 * (the trends, the previous year's figures).
 *
 * What makes it right without any writer having to remember it: TEMP triggers of this connection (they live in
 * its temp schema, not in the database file, and vanish with the handle) count, per period, every row inserted,
 * updated or deleted in `submissions` and `submission_values`; any change to `units` (kind, code, name, order)
 * counts for every period (period 0); a change to a unit's id or kind, or a unit added or removed, also counts
 * under period -1, the only units' count of entries that read the units' kinds alone (`kindsOnly`: the partial
 * sums). An entry is served only while its period's count, the units' count it depends on and `PRAGMA
 * data_version` (another connection's commit) are what they were when it was computed; inside an open
 * transaction nothing is cached or served (the counts roll back with the data). The period's partial sums and
 * texts read nothing else (services/consolidation.ts: submissions, submission_values, units).
 *
 * Imports insert ~50 values per file: the trigger on inserted values only fires for revisions that already
 * existed when an entry was last computed (a new revision's values cannot be in any entry, and inserting the
 * revision itself counted for its period), so an import pays one integer comparison per value.
 */
/*
 * Kept entries that can be brought up to date in place (`update`: the period's partial sums, texts, accepted and
 * latest revisions, drilled cells): the same TEMP
 * triggers also write a log of what changed (temp.bdg_log, rolled back with the data): for each submission row
 * inserted, updated or deleted, its id and, for an update or a delete, its period, unit and whether it counted
 * (superseded_by NULL) BEFORE the write; for each value row of an existing revision inserted, updated or deleted,
 * its key and, for an update or a delete, its state and number before. An entry keeps the log's position when it
 * was computed; when its period's count moved (and nothing else: not another connection's commit, not the units
 * it depends on), `update(kept, log since then)` may return the entry brought up to date, or null: computed again.
 */
/** One row of the change log (see above): `what` is si/su/sd (a submission) or vi/vu/vd (a value). */
export interface LogRow {
  seq: number;
  sub: number;
  what: 'si' | 'su' | 'sd' | 'vi' | 'vu' | 'vd';
  period: number | null;
  unit: number | null;
  live: number | null;
  element: string | null;
  cell: string | null;
  state: string | null;
  num: number | null;
}

/** What a kept entry's `update` is given: the log rows since it was computed, and the newest submission id then. */
export interface PeriodChanges {
  log: LogRow[];
  /** every submission that existed when the entry was computed had an id at most this */
  bound: number;
}

interface PeriodEntry {
  version: string;
  value: unknown;
  /** the log's position when computed (rows after it are the changes since) */
  seq: number;
  /** the tracking's bound when computed */
  bound: number;
}
interface Tracking {
  /** every submission id at most this existed when an entry was last computed (the value trigger's bound) */
  bound: number;
  /** log rows at most this were dropped (an entry computed before cannot be brought up to date) */
  floor: number;
  entries: Map<string, PeriodEntry>;
  bounded: string[];
  /** entries of a group with its own bound (the drill's cell columns), oldest first */
  groups: Map<string, string[]>;
}

/** A group of small entries of which at most `max` are kept (apart from the large `bounded` ones). */
export interface BoundGroup {
  group: string;
  max: number;
}

const tracking = new WeakMap<BetterSqlite3.Database, Tracking | null>();
const versionStmt = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

const bump = (period: string): string =>
  `INSERT INTO bdg_period_writes (period_id, n) VALUES (coalesce(${period}, 0), 1) ` +
  'ON CONFLICT (period_id) DO UPDATE SET n = n + 1;';
const periodOfSubmission = (id: string): string => `(SELECT period_id FROM main.submissions WHERE id = ${id})`;

const LOG_COLUMNS = '(sub, what, period, unit, live, element, cell, state, num)';
const logSub = (what: string, row: 'OLD' | 'NEW'): string =>
  `INSERT INTO temp.bdg_log ${LOG_COLUMNS} VALUES (${row}.id, '${what}', ` +
  (row === 'OLD' ? 'OLD.period_id, OLD.unit_id, OLD.superseded_by IS NULL' : 'NULL, NULL, NULL') +
  ', NULL, NULL, NULL, NULL);';
const logValue = (what: string, row: 'OLD' | 'NEW'): string =>
  `INSERT INTO temp.bdg_log ${LOG_COLUMNS} VALUES (${row}.submission_id, '${what}', NULL, NULL, NULL, ` +
  `${row}.element, ${row}.cell, ` +
  (row === 'OLD' ? 'OLD.state, OLD.num' : 'NULL, NULL') +
  ');';
/** Period -1: a change to the units that can change partial sums (a unit's id or kind, a unit added or removed). */
const KINDS = -1;

const TRACKING_SQL = `
CREATE TEMP TABLE IF NOT EXISTS bdg_period_writes (period_id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS bdg_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, sub, what TEXT NOT NULL, period,
  unit, live, element, cell, state, num);
CREATE TEMP TRIGGER IF NOT EXISTS bdg_submissions_insert AFTER INSERT ON main.submissions
  BEGIN ${bump('NEW.period_id')} ${logSub('si', 'NEW')} END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_submissions_update AFTER UPDATE ON main.submissions
  BEGIN ${bump('OLD.period_id')} ${bump('NEW.period_id')} ${logSub('su', 'OLD')}
  INSERT INTO temp.bdg_log (sub, what) SELECT NEW.id, 'si' WHERE NEW.id IS NOT OLD.id; END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_submissions_delete AFTER DELETE ON main.submissions
  BEGIN ${bump('OLD.period_id')} ${logSub('sd', 'OLD')} END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_values_update AFTER UPDATE ON main.submission_values
  BEGIN ${bump(periodOfSubmission('OLD.submission_id'))} ${bump(periodOfSubmission('NEW.submission_id'))}
  ${logValue('vu', 'OLD')}
  INSERT INTO temp.bdg_log (sub, what, element, cell) SELECT NEW.submission_id, 'vi', NEW.element, NEW.cell
    WHERE NEW.submission_id IS NOT OLD.submission_id OR NEW.element IS NOT OLD.element OR NEW.cell IS NOT OLD.cell;
  END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_values_delete AFTER DELETE ON main.submission_values
  BEGIN ${bump(periodOfSubmission('OLD.submission_id'))} ${logValue('vd', 'OLD')} END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_units_insert AFTER INSERT ON main.units BEGIN ${bump('0')} ${bump(String(KINDS))} END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_units_update AFTER UPDATE ON main.units BEGIN ${bump('0')} END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_units_kind AFTER UPDATE ON main.units
  WHEN NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind BEGIN ${bump(String(KINDS))} END;
CREATE TEMP TRIGGER IF NOT EXISTS bdg_units_delete AFTER DELETE ON main.units BEGIN ${bump('0')} ${bump(String(KINDS))} END;
`;

/** The handle's tracking, installed on first use; null where it cannot be (then the whole-cache rule applies). */
function trackingOf(raw: BetterSqlite3.Database): Tracking | null {
  let t = tracking.get(raw);
  if (t !== undefined) return t;
  try {
    raw.exec(TRACKING_SQL);
    t = { bound: -1, floor: 0, entries: new Map(), bounded: [], groups: new Map() };
  } catch {
    t = null;
  }
  tracking.set(raw, t);
  return t;
}

/** Moves the inserted-values trigger's bound up to the newest submission (before an entry is computed). */
function raiseBound(raw: BetterSqlite3.Database, t: Tracking): void {
  const newest = ((raw.prepare('SELECT max(id) FROM main.submissions').raw(true).get() as [number | null])[0] ??
    0) as number;
  if (newest <= t.bound) return;
  raw.exec(
    'DROP TRIGGER IF EXISTS temp.bdg_values_insert; ' +
      'CREATE TEMP TRIGGER bdg_values_insert AFTER INSERT ON main.submission_values ' +
      `WHEN NEW.submission_id <= ${Math.trunc(newest)} BEGIN ${bump(periodOfSubmission('NEW.submission_id'))} ` +
      `${logValue('vi', 'NEW')} END;`,
  );
  t.bound = newest;
}

/** The log's position (its newest row). */
const logSeq = (raw: BetterSqlite3.Database): number =>
  ((raw.prepare('SELECT coalesce(max(seq), 0) FROM temp.bdg_log').raw(true).get() as [number])[0] ?? 0) as number;

/** How many log rows are kept at most; past it the log is emptied (entries computed before it compute again). */
const MAX_LOG = 20_000;

/** Empties a long log (outside a transaction): kept entries older than it can no longer be brought up to date. */
function trimLog(raw: BetterSqlite3.Database, t: Tracking): void {
  const [n, max] = raw.prepare('SELECT count(*), coalesce(max(seq), 0) FROM temp.bdg_log').raw(true).get() as [
    number,
    number,
  ];
  if (n <= MAX_LOG) return;
  // the newest row stays, so that AUTOINCREMENT goes on from it (and `floor` stays below every later row)
  raw.prepare('DELETE FROM temp.bdg_log WHERE seq < ?').run(max);
  t.floor = max;
}

/**
 * The mark a period's entries are kept under: another connection's commits, the units' count (every change to
 * them, or with `kinds` only those that can change partial sums) and the period's count.
 */
function periodVersion(raw: BetterSqlite3.Database, periodId: number, units: 0 | typeof KINDS = 0): string {
  let st = versionStmt.get(raw);
  if (!st) {
    st = raw
      .prepare(
        'SELECT (SELECT data_version FROM pragma_data_version), ' +
          'coalesce((SELECT n FROM temp.bdg_period_writes WHERE period_id = ?), 0), ' +
          'coalesce((SELECT n FROM temp.bdg_period_writes WHERE period_id = ?), 0)',
      )
      .raw(true);
    versionStmt.set(raw, st);
  }
  return `${units}:${(st.get(units, periodId) as number[]).join(':')}`;
}

/** The version without the period's count: what must not have moved for an entry to be brought up to date. */
const outerOf = (version: string): string => version.slice(0, version.lastIndexOf(':'));

/** How many kept entries were brought up to date (`update`) rather than computed, by their key's first part. */
export const updateCounts = new Map<string, number>();

const LOG_SQL = 'SELECT seq, sub, what, period, unit, live, element, cell, state, num FROM temp.bdg_log WHERE seq > ?';

/**
 * `compute()`'s result for one period (it must read only submissions, submission_values and units of that period),
 * kept until a write that can change it (see above). Read-only for callers; `key` must name the period.
 *
 * `kindsOnly`: compute reads of the units only their ids and kinds (a change of a name, a contact, a validity does
 * not compute it again). `update`: brings a kept entry up to date from the change log (see above), or null.
 */
export function periodCachedRead<T>(
  raw: BetterSqlite3.Database,
  periodId: number,
  key: string,
  compute: () => T,
  opts: {
    bounded?: boolean | BoundGroup;
    kindsOnly?: boolean;
    update?: (kept: T, changes: PeriodChanges) => T | null;
  } = {},
): T {
  if (raw.inTransaction) return compute();
  const t = trackingOf(raw);
  if (!t) return cachedRead(raw, key, compute, { bounded: opts.bounded !== undefined && opts.bounded !== false });
  const units = opts.kindsOnly ? KINDS : 0;
  const version = periodVersion(raw, periodId, units);
  const held = t.entries.get(key);
  if (held && held.version === version) return held.value as T;
  let seq: number;
  try {
    trimLog(raw, t);
    raiseBound(raw, t);
    seq = logSeq(raw);
  } catch {
    // the bound could not be moved (a statement of this handle still running): keep nothing
    return compute();
  }
  let value: T | null = null;
  if (held && opts.update && held.seq >= t.floor && outerOf(held.version) === outerOf(version)) {
    const log = raw.prepare(LOG_SQL).all(held.seq) as LogRow[];
    value = opts.update(held.value as T, { log, bound: held.bound });
    if (value !== null) {
      const kind = key.split(':')[0]!;
      updateCounts.set(kind, (updateCounts.get(kind) ?? 0) + 1);
    }
  }
  if (value === null) value = compute();
  // computing reads only; a compute that wrote (it must not) would leave the mark behind: keep nothing then
  if (periodVersion(raw, periodId, units) !== version) return value;
  if (!t.entries.has(key) && opts.bounded) {
    const [list, max] =
      opts.bounded === true ? [t.bounded, MAX_BOUNDED] : [t.groups.get(opts.bounded.group) ?? [], opts.bounded.max];
    if (opts.bounded !== true) t.groups.set(opts.bounded.group, list);
    list.push(key);
    while (list.length > max) t.entries.delete(list.shift()!);
  }
  t.entries.set(key, { version, value, seq, bound: t.bound });
  return value;
}
