/**
 * A period's partial sums per unit kind, element, cell and state (what services/consolidation.ts consolidates),
 * in one pass over the period's values and without a sort.
 *
 * SQLite's `GROUP BY kind, element, cell, state` sorts every one of a national period's ~200,000 value rows
 * before summing them (~0,4 s of the ~0,45 s the query takes; a plain scan of the same rows with one SUM takes
 * ~0,05 s). Here the scan hands each row, as numbers, to an aggregate function of this connection that keeps one
 * running sum per group: the cell is an integer slot (a TEMP table of the catalogue's cells, an aid to speed only:
 * a cell not in it is passed by name), the unit's kind comes from the units' ids. Each group's sum is computed as
 * SQLite's own SUM() computes it (Kahan–Babuška–Neumaier compensation, the same steps on the same doubles), and
 * COUNT(*) as it counts; tests/integration/services/national-equality.test.ts compares the result with the
 * GROUP BY of the code before.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CellKey, UnitKind } from '../../shared/domain/catalog';
import type { CellPartial } from '../../shared/rules/aggregate';
import type { PeriodChanges } from '../db/read-cache';

/** One group's running sum, as SQLite's sumStep keeps it for REAL values. */
interface Group {
  kind: string;
  element: string;
  cell: string;
  state: 'number' | 'yesno';
  /** running sum and its compensation (rSum, rErr) */
  s: number;
  err: number;
  /** values summed (non-NULL) and rows counted (COUNT(*)) */
  summed: number;
  count: number;
  /**
   * every value summed is an integer and the sum of their magnitudes is below 2^53: then every running sum, in
   * any order, is an exact integer (no rounding, the compensation stays 0) and the sum is the same whatever the
   * order or the way it is reached (updatePeriodSums). `abs` is that sum of magnitudes (exact while `exact`).
   */
  exact: boolean;
  abs: number;
  /**
   * a group that is not `exact`, of a period summed in ascending submission ids: its rows in that order (submission
   * ids and numbers), from which updatePeriodSums sums it again after taking rows out and putting rows in, the same
   * steps on the same doubles in the same order as a fresh sum (read-only once kept: copied before a change)
   */
  addends?: { subs: number[]; nums: Array<number | null> };
}

/** 2^53: every integer of smaller magnitude is a double, and sums of them below it are exact. */
const EXACT_LIMIT = 2 ** 53;

interface Sink {
  kindOf: Map<number, string>;
  /** the last submission id handed over, and whether they all came in ascending order (see `ordered` below) */
  lastSub: number;
  ascending: boolean;
  slots: Array<[string, string]>;
  bySlot: Map<number, Group>;
  byName: Map<string, Group>;
}

interface State {
  stmt: BetterSqlite3.Statement;
  slots: Array<[string, string]>;
  sink: Sink | null;
  /** SUM_SQL reads the period's revisions through the index on period_id alone (in ascending ids: see below) */
  byPeriodIndex: boolean;
}

const states = new WeakMap<BetterSqlite3.Database, State | null>();

const SUM_SQL =
  "SELECT bdg_sum_cells(c.slot, s.unit_id, v.state = 'yesno', v.num, s.id, " +
  'CASE WHEN c.slot IS NULL THEN v.element END, CASE WHEN c.slot IS NULL THEN v.cell END) ' +
  'FROM submissions s JOIN submission_values v ON v.submission_id = s.id ' +
  'LEFT JOIN temp.bdg_cells c ON c.element = v.element AND c.cell = v.cell ' +
  "WHERE s.period_id = ? AND s.superseded_by IS NULL AND v.state IN ('number', 'yesno')";

/** SQLite's kahanBabuskaNeumaierStep (func.c), on the same doubles. */
function add(g: Group, r: number): void {
  if (g.exact && !(Number.isInteger(r) && (g.abs += Math.abs(r)) < EXACT_LIMIT)) g.exact = false;
  const s = g.s;
  const t = s + r;
  if (Math.abs(s) > Math.abs(r)) g.err += s - t + r;
  else g.err += r - t + s;
  g.s = t;
  g.summed++;
}

/** SQLite's sumFinalize for REAL values: rSum + rErr (rSum alone when the error overflowed); no value: NULL. */
const total = (g: Group): number | null => (g.summed === 0 ? null : Number.isFinite(g.err) ? g.s + g.err : g.s);

function group(kind: string, element: string, cell: string, yes: number): Group {
  return {
    kind,
    element,
    cell,
    state: yes ? 'yesno' : 'number',
    s: 0,
    err: 0,
    summed: 0,
    count: 0,
    exact: true,
    abs: 0,
  };
}

function stateOf(raw: BetterSqlite3.Database): State | null {
  let st = states.get(raw);
  if (st !== undefined) return st;
  try {
    raw.exec(
      'CREATE TEMP TABLE IF NOT EXISTS bdg_cells (element TEXT NOT NULL, cell TEXT NOT NULL, ' +
        'slot INTEGER NOT NULL, PRIMARY KEY (element, cell)) WITHOUT ROWID',
    );
    raw.exec(
      'INSERT OR IGNORE INTO temp.bdg_cells (element, cell, slot) SELECT code, cell, ' +
        '(SELECT count(*) FROM temp.bdg_cells) + row_number() OVER () - 1 FROM ' +
        '(SELECT d.code, j.value AS cell FROM data_elements d, json_each(d.cells) j ORDER BY d.code, j.value)',
    );
    const slots: Array<[string, string]> = [];
    for (const [element, cell, slot] of raw
      .prepare('SELECT element, cell, slot FROM temp.bdg_cells')
      .raw(true)
      .all() as Array<[string, string, number]>) {
      slots[slot] = [element, cell];
    }
    const state: State = {
      stmt: undefined as unknown as BetterSqlite3.Statement,
      slots,
      sink: null,
      byPeriodIndex: false,
    };
    const step = (
      acc: number,
      slot: number | null,
      unitId: number,
      yes: number,
      num: number | null,
      sub: number,
      element: string | null,
      cell: string | null,
    ) => {
      const sink = state.sink!;
      if (sub < sink.lastSub) sink.ascending = false;
      sink.lastSub = sub;
      const kind = sink.kindOf.get(unitId);
      // the consolidation's query joins the units: a value of no unit is not summed
      if (kind === undefined) return acc;
      let g: Group | undefined;
      if (slot !== null) {
        const key = (slot * 2 + yes) * 16 + kindIndex(kind);
        g = sink.bySlot.get(key);
        if (!g) {
          const [el, c] = sink.slots[slot]!;
          sink.bySlot.set(key, (g = group(kind, el, c, yes)));
        }
      } else {
        const key = `${kind}\u0000${element}\u0000${cell}\u0000${yes}`;
        g = sink.byName.get(key);
        if (!g) sink.byName.set(key, (g = group(kind, element!, cell!, yes)));
      }
      g.count++;
      if (num !== null) add(g, num);
      return acc;
    };
    // better-sqlite3 passes as many arguments as `step` declares (after the running total)
    raw.aggregate('bdg_sum_cells', { start: 0, step: step as unknown as (total: number, next: unknown) => number });
    state.stmt = raw.prepare(SUM_SQL).raw(true);
    // the plan's outer loop: the period's revisions by the index on period_id alone, whose entries are ordered by
    // (period_id, rowid), so the revisions come in ascending ids, each with its values (see `ordered`)
    const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${SUM_SQL}`).all(0) as Array<{ detail: string }>).map(
      (r) => r.detail,
    );
    state.byPeriodIndex =
      plan[0] === 'SEARCH s USING INDEX submissions_period_idx (period_id=?)' &&
      plan.slice(1).every((d) => !d.startsWith('SEARCH s') && !d.startsWith('SCAN s'));
    st = state;
  } catch {
    st = null;
  }
  states.set(raw, st);
  return st;
}

const KINDS = new Map<string, number>();
/** A small integer per kind string (kinds are few; 15 at most in a slot's key, else by name). */
function kindIndex(kind: string): number {
  let i = KINDS.get(kind);
  if (i === undefined) {
    i = KINDS.size;
    KINDS.set(kind, i);
  }
  return i;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A period's partial sums as kept (services/consolidation.ts through db/read-cache.ts): the rows the GROUP BY
 * gives, and each group's running state, from which updatePeriodSums brings them up to date after a write.
 */
export interface PeriodSums {
  byKind: Partial<Record<UnitKind, CellPartial[]>>;
  /** kind, element, cell, state (NUL-separated) → the group */
  groups: Map<string, Group>;
  /**
   * the values came revision by revision in ascending submission ids (the plan reads the period's revisions through
   * the index on period_id alone, and the ids handed over were seen ascending): each group's values were summed in
   * ascending submission ids, the order in which `sumCellColumn` sums one element and cell again
   */
  ordered: boolean;
}

/**
 * How this process's partial sums were obtained (what tests and the bench read to tell the paths apart): periods
 * summed whole, kept sums brought up to date in place, element-and-cell columns summed again (read) within those,
 * groups summed again from their kept rows (no read).
 */
export const sumCounts = { periods: 0, updates: 0, columns: 0, replays: 0 };

const groupKey = (kind: string, element: string, cell: string, state: string): string =>
  `${kind}\u0000${element}\u0000${cell}\u0000${state}`;

/** The GROUP BY's rows from the groups: kinds and rows in its order. */
function rowsOf(groups: Iterable<Group>): Partial<Record<UnitKind, CellPartial[]>> {
  const sorted = [...groups].sort(
    (a, b) =>
      byCode(a.kind, b.kind) || byCode(a.element, b.element) || byCode(a.cell, b.cell) || byCode(a.state, b.state),
  );
  const out: Partial<Record<UnitKind, CellPartial[]>> = {};
  for (const g of sorted) {
    (out[g.kind as UnitKind] ??= []).push({
      element: g.element,
      cell: g.cell as CellKey,
      state: g.state,
      sum: total(g) ?? 0,
      count: g.count,
    });
  }
  return out;
}

const kindsOf = (raw: BetterSqlite3.Database): Map<number, string> =>
  new Map(
    (raw.prepare('SELECT id, kind FROM units').raw(true).all() as Array<[number, string]>).map(([id, kind]) => [
      id,
      kind,
    ]),
  );

/**
 * The partial sums of the latest accepted revisions of a period, with each group's state (PeriodSums). Null when
 * the aggregate cannot be set up on this handle (the caller runs the GROUP BY).
 */
export function sumPeriod(raw: BetterSqlite3.Database, periodId: number): PeriodSums | null {
  const st = stateOf(raw);
  if (!st || st.sink || KINDS.size > 15) return null;
  const kindOf = kindsOf(raw);
  for (const k of kindOf.values()) kindIndex(k);
  if (KINDS.size > 15) return null;
  const sink: Sink = {
    kindOf,
    lastSub: -Infinity,
    ascending: true,
    slots: st.slots,
    bySlot: new Map(),
    byName: new Map(),
  };
  st.sink = sink;
  try {
    st.stmt.get(periodId);
  } finally {
    st.sink = null;
  }
  sumCounts.periods++;
  const groups = new Map<string, Group>();
  for (const g of [...sink.bySlot.values(), ...sink.byName.values()]) {
    groups.set(groupKey(g.kind, g.element, g.cell, g.state), g);
  }
  // the rows of the groups that are not exact (fractional figures) are read on the first write that needs them
  // (updatePeriodSums: their element and cell summed again, in the same order), not here
  const ordered = st.byPeriodIndex && sink.ascending;
  return { byKind: rowsOf(groups.values()), groups, ordered };
}

/**
 * The partial sums of the latest accepted revisions of a period, per unit kind, as the GROUP BY gives them (kinds
 * and rows in its order). Null when the aggregate cannot be set up on this handle (the caller runs the GROUP BY).
 */
export function sumPeriodCells(
  raw: BetterSqlite3.Database,
  periodId: number,
): Partial<Record<UnitKind, CellPartial[]>> | null {
  return sumPeriod(raw, periodId)?.byKind ?? null;
}

/** One element and cell of a period summed again, in ascending submission ids (the index's order: no sort). */
const COLUMN_SQL =
  "SELECT s.id, s.unit_id, v.state = 'yesno', v.num FROM submissions s " +
  'JOIN submission_values v ON v.submission_id = s.id AND v.element = ? AND v.cell = ? ' +
  "WHERE s.period_id = ? AND s.superseded_by IS NULL AND v.state IN ('number', 'yesno') ORDER BY s.id";

/** The groups of one element and cell (every kind and state), summed again as sumPeriod sums them (see `ordered`). */
function sumCellColumn(
  raw: BetterSqlite3.Database,
  periodId: number,
  kindOf: Map<number, string>,
  element: string,
  cell: string,
): Group[] {
  const out = new Map<string, Group>();
  for (const [sub, unitId, yes, num] of raw.prepare(COLUMN_SQL).raw(true).iterate(element, cell, periodId) as Iterable<
    [number, number, number, number | null]
  >) {
    const kind = kindOf.get(unitId);
    if (kind === undefined) continue;
    const key = `${kind}\u0000${yes}`;
    let g = out.get(key);
    if (!g) out.set(key, (g = { ...group(kind, element, cell, yes), addends: { subs: [], nums: [] } }));
    g.count++;
    if (num !== null) add(g, num);
    g.addends!.subs.push(sub);
    g.addends!.nums.push(num);
  }
  // exact groups are brought up to date without their rows
  for (const g of out.values()) if (g.exact) delete g.addends;
  return [...out.values()];
}

/** A group summed again from its rows (`addends`), in their order: as a fresh sum sums them. */
function replay(g: Group): void {
  const { subs, nums } = g.addends!;
  g.s = 0;
  g.err = 0;
  g.summed = 0;
  g.count = subs.length;
  g.exact = true;
  g.abs = 0;
  for (const num of nums) if (num !== null) add(g, num);
}

/** Where `sub` is, or would go, in ascending `subs`. */
function place(subs: number[], sub: number): number {
  let lo = 0;
  let hi = subs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (subs[mid]! < sub) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a revision held before the changes (or holds now): its period, unit and whether it counted. */
interface RevisionState {
  period: number;
  unit: number;
  live: boolean;
}

/** A value row of a revision: key (element NUL cell) → state and number. */
type RevisionValues = Map<string, { state: string; num: number | null }>;

const SUBS_SQL =
  'SELECT id, period_id, unit_id, superseded_by IS NULL FROM submissions WHERE id IN (SELECT value FROM json_each(?))';
const VALUES_SQL =
  "SELECT submission_id, element, cell, state, num FROM submission_values WHERE state IN ('number', 'yesno') " +
  'AND submission_id IN (SELECT value FROM json_each(?))';

/**
 * A period's kept partial sums brought up to date after writes to it (db/read-cache.ts gives the change log since
 * they were computed), without summing the period again: each revision that changed has what it counted before
 * taken out and what it counts now put in. Only where the result is provably the one a fresh sum gives:
 *
 * - a group whose values are all integers with magnitudes summing below 2^53 (`exact`) stays exact as long as
 *   what is put in is too: its sum is then the exact integer every order of summing gives (and so SQLite's SUM);
 *   counts are counts;
 * - any other group touched (a fractional value, a huge one) is summed again for its element and cell alone, in
 *   ascending submission ids, which is how the period's sum added them (`ordered`; when it is not, null);
 * - anything unsure (a value inserted into a revision that already held one under a key the log cannot vouch
 *   for, a revision inserted with an id an existing one could have had, a count going below zero): null, and the
 *   caller sums the period again. So do changes to the units' kinds, another connection's commit (the caller
 *   never calls this then) and a rollback (the log rolls back with the data).
 */
export function updatePeriodSums(
  raw: BetterSqlite3.Database,
  periodId: number,
  kept: PeriodSums,
  changes: PeriodChanges,
): PeriodSums | null {
  if (changes.log.length === 0) return kept;
  // the state of each changed revision before the changes (its first logged change tells; none: as it is now)
  const before = new Map<number, RevisionState | null>();
  /** values before of existing revisions, by the first logged change of each key: null = the key was absent */
  const valuesBefore = new Map<number, Map<string, { state: string; num: number | null } | null>>();
  for (const r of changes.log) {
    if (r.what === 'si' || r.what === 'su' || r.what === 'sd') {
      if (before.has(r.sub)) continue;
      if (r.what === 'si') {
        // a revision that did not exist: its id must be newer than every one that did (else it may replace one)
        if (r.sub <= changes.bound) return null;
        before.set(r.sub, null);
      } else {
        before.set(r.sub, { period: r.period!, unit: r.unit!, live: r.live === 1 });
      }
    } else {
      let m = valuesBefore.get(r.sub);
      if (!m) valuesBefore.set(r.sub, (m = new Map()));
      const key = `${r.element}\u0000${r.cell}`;
      if (m.has(key)) continue;
      m.set(key, r.what === 'vi' ? null : { state: r.state!, num: r.num });
    }
  }
  const subs = [...new Set([...before.keys(), ...valuesBefore.keys()])];
  const now = new Map<number, RevisionState>();
  for (const [id, period, unit, live] of raw.prepare(SUBS_SQL).raw(true).all(JSON.stringify(subs)) as Array<
    [number, number, number, number]
  >) {
    now.set(id, { period, unit, live: live === 1 });
  }
  const counts = (x: RevisionState | null | undefined): x is RevisionState => !!x && x.period === periodId && x.live;
  const was = new Map<number, RevisionState>();
  const is = new Map<number, RevisionState>();
  for (const id of subs) {
    const b = before.has(id) ? before.get(id)! : now.get(id);
    // a value logged for a revision that neither exists now nor was logged as a revision: unsure
    if (!before.has(id) && !now.has(id)) return null;
    if (counts(b)) was.set(id, b);
    const n = now.get(id);
    if (counts(n)) is.set(id, n);
  }
  if (was.size === 0 && is.size === 0) return kept;
  // the values of those revisions now (state number or yesno), and before (now, with the logged keys as they were)
  const valuesNow = new Map<number, RevisionValues>();
  for (const [sub, element, cell, state, num] of raw
    .prepare(VALUES_SQL)
    .raw(true)
    .all(JSON.stringify([...new Set([...was.keys(), ...is.keys()])])) as Array<
    [number, string, string, string, number | null]
  >) {
    let m = valuesNow.get(sub);
    if (!m) valuesNow.set(sub, (m = new Map()));
    m.set(`${element}\u0000${cell}`, { state, num });
  }
  const kindOf = kindsOf(raw);
  const groups = new Map(kept.groups);
  /** groups changed here: copies (the kept ones are shared with callers of the kept entry) */
  const copied = new Set<string>();
  /** element NUL cell of the groups to sum again (not exact, or no longer) */
  const columns = new Set<string>();
  const touch = (kind: string, key: string, state: string): Group => {
    const [element, cell] = key.split('\u0000') as [string, string];
    const gk = groupKey(kind, element, cell, state);
    let g = groups.get(gk);
    if (g && !copied.has(gk)) {
      g = { ...g };
      groups.set(gk, g);
      copied.add(gk);
    }
    if (!g) {
      g = group(kind, element, cell, state === 'yesno' ? 1 : 0);
      groups.set(gk, g);
      copied.add(gk);
    }
    return g;
  };
  /** groups whose rows (`addends`) were copied here, to change */
  const listed = new Set<Group>();
  const rowsOfGroup = (g: Group): { subs: number[]; nums: Array<number | null> } => {
    if (!listed.has(g)) {
      g.addends = { subs: [...g.addends!.subs], nums: [...g.addends!.nums] };
      listed.add(g);
    }
    return g.addends!;
  };
  /** takes one value of revision `sub` out of its group; false when unsure (a row not there, a count below zero) */
  const takeOut = (kind: string, key: string, v: { state: string; num: number | null }, sub: number): boolean => {
    const g = touch(kind, key, v.state);
    if (g.addends) {
      const rows = rowsOfGroup(g);
      const i = place(rows.subs, sub);
      if (rows.subs[i] !== sub || !Object.is(rows.nums[i], v.num)) return false;
      rows.subs.splice(i, 1);
      rows.nums.splice(i, 1);
      return true;
    }
    if (!g.exact || (v.num !== null && !Number.isInteger(v.num))) {
      columns.add(key);
      return true;
    }
    g.count--;
    if (v.num !== null) {
      g.s -= v.num;
      g.abs -= Math.abs(v.num);
      g.summed--;
    }
    return g.count >= 0 && g.summed >= 0;
  };
  /** puts one value of revision `sub` into its group; false when unsure (a row already there) */
  const putIn = (kind: string, key: string, v: { state: string; num: number | null }, sub: number): boolean => {
    const g = touch(kind, key, v.state);
    if (g.addends) {
      const rows = rowsOfGroup(g);
      const i = place(rows.subs, sub);
      if (rows.subs[i] === sub) return false;
      rows.subs.splice(i, 0, sub);
      rows.nums.splice(i, 0, v.num);
      return true;
    }
    if (!g.exact || (v.num !== null && !(Number.isInteger(v.num) && g.abs + Math.abs(v.num) < EXACT_LIMIT))) {
      columns.add(key);
      return true;
    }
    g.count++;
    if (v.num !== null) {
      g.s += v.num;
      g.abs += Math.abs(v.num);
      g.summed++;
    }
    return true;
  };
  const summable = (v: { state: string } | null | undefined): v is { state: string; num: number | null } =>
    !!v && (v.state === 'number' || v.state === 'yesno');
  // removals first, then additions (so that every running sum stays within the magnitudes checked)
  const adds: Array<() => boolean> = [];
  for (const id of new Set([...was.keys(), ...is.keys()])) {
    const b = was.get(id);
    const n = is.get(id);
    const kb = b ? kindOf.get(b.unit) : undefined;
    const kn = n ? kindOf.get(n.unit) : undefined;
    const logged = valuesBefore.get(id);
    // a key first logged as inserted, in a revision that existed: it held nothing under it, unless a write the log
    // cannot see replaced a row (INSERT OR REPLACE): unsure
    if (b && logged) for (const v of logged.values()) if (v === null) return null;
    const current = valuesNow.get(id) ?? new Map<string, { state: string; num: number | null }>();
    if (kb !== undefined && kb === kn) {
      // counted before and now under the same kind: only the keys logged changed
      for (const [key, old] of logged ?? []) {
        if (summable(old) && !takeOut(kb, key, old, id)) return null;
        const v = current.get(key);
        if (summable(v)) adds.push(() => putIn(kn, key, v, id));
      }
      continue;
    }
    if (kb !== undefined) {
      const vals = new Map(current);
      for (const [key, old] of logged ?? []) {
        if (summable(old)) vals.set(key, old);
        else vals.delete(key);
      }
      for (const [key, v] of vals) if (!takeOut(kb, key, v, id)) return null;
    }
    if (kn !== undefined) for (const [key, v] of current) adds.push(() => putIn(kn, key, v, id));
  }
  for (const add of adds) if (!add()) return null;
  // the groups whose rows changed, summed again from them (a column summed again below replaces them anyway)
  for (const g of listed) {
    replay(g);
    if (g.exact) delete g.addends;
    sumCounts.replays++;
  }
  if (columns.size > 0 && !kept.ordered) return null;
  for (const key of columns) {
    const [element, cell] = key.split('\u0000') as [string, string];
    for (const [k, g] of groups) if (g.element === element && g.cell === cell) groups.delete(k);
    for (const g of sumCellColumn(raw, periodId, kindOf, element, cell)) {
      groups.set(groupKey(g.kind, g.element, g.cell, g.state), g);
    }
  }
  for (const [key, g] of groups) if (g.count === 0) groups.delete(key);
  sumCounts.updates++;
  sumCounts.columns += columns.size;
  return { byKind: rowsOf(groups.values()), groups, ordered: kept.ordered };
}
