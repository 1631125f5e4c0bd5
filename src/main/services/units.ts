/** Member units: the register, time-versioned (valid from/to) with successor links for the 2025 mergers. */
import { eq, inArray } from 'drizzle-orm';
import type { UnitInput } from '../../shared/contract';
import { UNIT_KINDS, type UnitKind } from '../../shared/domain/catalog';
import type { Unit } from '../../shared/domain/records';
import { AppError } from '../../shared/result';
import { localIsoDate } from '../../shared/rules/period';
import { unitStateOn } from '../../shared/rules/unit-validity';
import { normalizeUnitCode, UNIT_CODE_PATTERN } from '../../shared/text/unit-code';
import { cleanText, compareVi, matchesSearch, searchKey } from '../../shared/text/vi';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { audit } from './audit';

type UnitRow = typeof t.units.$inferSelect;

/** Successor links both ways: predecessor id → successor ids, successor id → predecessor ids. */
export function unitLinkMaps(db: Db): { succ: Map<number, number[]>; pred: Map<number, number[]> } {
  const succ = new Map<number, number[]>();
  const pred = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const l of db.select().from(t.unitLinks).all()) {
    push(succ, l.predecessorId, l.successorId);
    push(pred, l.successorId, l.predecessorId);
  }
  return { succ, pred };
}

function toUnit(r: UnitRow, links: ReturnType<typeof unitLinkMaps>, today: string): Unit {
  const state = unitStateOn(r, today);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as UnitKind,
    group: r.groupName,
    parentId: r.parentId,
    validFrom: r.validFrom,
    validTo: r.validTo,
    contact: r.contact,
    position: r.position,
    phone: r.phone,
    email: r.email,
    address: r.address,
    sortOrder: r.sortOrder,
    active: state === 'active',
    tracked: r.active,
    state,
    note: r.note,
    successorIds: links.succ.get(r.id) ?? [],
    predecessorIds: links.pred.get(r.id) ?? [],
  };
}

const KIND_ORDER = new Map(UNIT_KINDS.map((k, i) => [k, i]));

export function sortUnits(list: Unit[]): Unit[] {
  return list.sort(
    (a, b) =>
      (KIND_ORDER.get(a.kind) ?? 9) - (KIND_ORDER.get(b.kind) ?? 9) ||
      a.sortOrder - b.sortOrder ||
      compareVi(a.name, b.name),
  );
}

/**
 * The register. `active` (and the activeOnly filter) is the one rule of shared/rules/unit-validity.ts on `today`:
 * a unit whose validity ended yesterday is inactive today.
 */
export function listUnits(
  db: Db,
  q: { q?: string; kind?: UnitKind; activeOnly?: boolean; today?: string } = {},
): Unit[] {
  const today = q.today ?? localIsoDate();
  const rows = db
    .select()
    .from(t.units)
    .where(q.kind ? eq(t.units.kind, q.kind) : undefined)
    .all();
  const links = unitLinkMaps(db);
  let list = rows.map((r) => toUnit(r, links, today));
  if (q.activeOnly) list = list.filter((u) => u.active);
  if (q.q && q.q.trim()) {
    const query = q.q;
    list = list.filter((u) =>
      matchesSearch(
        [u.code, u.name, u.contact, u.position, u.email, u.phone, u.address, u.note].filter(Boolean).join(' '),
        query,
      ),
    );
  }
  return sortUnits(list);
}

export function getUnitRow(db: Db, id: number): UnitRow {
  const r = db.select().from(t.units).where(eq(t.units.id, id)).get();
  if (!r) throw new AppError('not_found', `Không tìm thấy đơn vị (mã nội bộ ${id}).`);
  return r;
}

export function getUnit(db: Db, id: number, today: string = localIsoDate()): Unit {
  const r = getUnitRow(db, id);
  return toUnit(r, unitLinkMaps(db), today);
}

/** The stored unit whose code is `code` once both are normalised (case, dashes, spaces: one code). */
function rowByCode(db: Db, code: string): UnitRow | undefined {
  const n = normalizeUnitCode(code);
  const exact = db.select().from(t.units).where(eq(t.units.code, n)).get();
  if (exact) return exact;
  // a code stored before codes were normalised ("lca-s01", "LCA S05")
  return db
    .select()
    .from(t.units)
    .all()
    .find((u) => normalizeUnitCode(u.code) === n);
}

export function unitByCode(db: Db, code: string, today: string = localIsoDate()): Unit | null {
  const r = rowByCode(db, code);
  return r ? toUnit(r, unitLinkMaps(db), today) : null;
}

const nullIfEmpty = (s: string | null | undefined): string | null => {
  if (s === undefined || s === null) return null;
  const c = cleanText(s);
  return c ? c : null;
};

export function saveUnit(db: Db, input: UnitInput): Unit {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const code = normalizeUnitCode(input.code);
    const name = cleanText(input.name);
    if (!code || !UNIT_CODE_PATTERN.test(code))
      throw new AppError('invalid_input', 'Mã đơn vị chỉ gồm chữ, số, dấu gạch, dấu chấm (ví dụ LCA-S01).');
    const clash = rowByCode(d, code);
    if (clash && clash.id !== input.id) {
      throw new AppError('conflict', `Mã đơn vị "${code}" đã được dùng cho "${clash.name}". Hãy chọn mã khác.`);
    }
    if (input.validFrom && input.validTo && input.validFrom > input.validTo) {
      throw new AppError('invalid_input', 'Ngày bắt đầu hiệu lực phải trước ngày hết hiệu lực.');
    }
    if (input.parentId && input.parentId === input.id) {
      throw new AppError('invalid_input', 'Một đơn vị không thể là đơn vị cấp trên của chính nó.');
    }
    const values = {
      code,
      name,
      searchKey: searchKey(`${code} ${name}`),
      kind: input.kind,
      groupName: nullIfEmpty(input.group),
      parentId: input.parentId ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      contact: nullIfEmpty(input.contact),
      ...(input.position !== undefined ? { position: nullIfEmpty(input.position) } : {}),
      ...(input.address !== undefined ? { address: nullIfEmpty(input.address) } : {}),
      phone: nullIfEmpty(input.phone),
      email: nullIfEmpty(input.email),
      note: nullIfEmpty(input.note),
      updatedAt: new Date().toISOString(),
    };
    let id: number;
    if (input.id) {
      const before = getUnitRow(d, input.id);
      d.update(t.units)
        .set({ ...values, sortOrder: input.sortOrder ?? before.sortOrder })
        .where(eq(t.units.id, input.id))
        .run();
      id = input.id;
      audit(d, { action: 'update', entity: 'unit', entityId: id, before, after: values });
    } else {
      const maxOrder = d
        .select({ o: t.units.sortOrder })
        .from(t.units)
        .all()
        .reduce((m, r) => Math.max(m, r.o), 0);
      const inserted = d
        .insert(t.units)
        .values({ ...values, sortOrder: input.sortOrder ?? maxOrder + 1 })
        .returning({ id: t.units.id })
        .get();
      id = inserted.id;
      audit(d, { action: 'create', entity: 'unit', entityId: id, after: values });
    }
    return getUnit(d, id);
  });
}

/**
 * Stops or restarts following a unit. Restarting a unit whose validity has ended clears the end date (otherwise
 * it would stay inactive by the validity rule: "Kích hoạt" must make it active).
 */
export function setUnitActive(
  db: Db,
  id: number,
  active: boolean,
  validTo?: string | null,
  today: string = localIsoDate(),
): Unit {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const before = getUnitRow(d, id);
    const set: Partial<UnitRow> = { active, updatedAt: new Date().toISOString() };
    if (validTo !== undefined) set.validTo = validTo;
    else if (active && before.validTo && before.validTo < today) set.validTo = null;
    d.update(t.units).set(set).where(eq(t.units.id, id)).run();
    audit(d, {
      action: active ? 'activate' : 'deactivate',
      entity: 'unit',
      entityId: id,
      before: { active: before.active, validTo: before.validTo },
      after: set,
    });
    return getUnit(d, id, today);
  });
}

/**
 * Records a merger or split: each predecessor is replaced by the successors on `effectiveDate`. Predecessors
 * stop being valid the day before (history stays; old periods keep them), successors start on that date.
 */
export function linkUnits(
  db: Db,
  predecessorIds: number[],
  successorIds: number[],
  effectiveDate: string,
): { linked: number } {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const overlap = predecessorIds.filter((p) => successorIds.includes(p));
    if (overlap.length)
      throw new AppError('invalid_input', 'Một đơn vị không thể vừa là đơn vị cũ vừa là đơn vị kế thừa.');
    const all = d
      .select()
      .from(t.units)
      .where(inArray(t.units.id, [...predecessorIds, ...successorIds]))
      .all();
    if (all.length !== new Set([...predecessorIds, ...successorIds]).size)
      throw new AppError('not_found', 'Có đơn vị không tồn tại trong danh sách.');
    const dayBefore = new Date(`${effectiveDate}T00:00:00Z`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    const validTo = dayBefore.toISOString().slice(0, 10);
    let linked = 0;
    for (const p of predecessorIds) {
      for (const s of successorIds) {
        d.insert(t.unitLinks)
          .values({ predecessorId: p, successorId: s, effectiveDate })
          .onConflictDoUpdate({ target: [t.unitLinks.predecessorId, t.unitLinks.successorId], set: { effectiveDate } })
          .run();
        linked++;
      }
      d.update(t.units).set({ validTo }).where(eq(t.units.id, p)).run();
    }
    for (const s of successorIds) {
      const row = all.find((u) => u.id === s)!;
      if (!row.validFrom || row.validFrom > effectiveDate)
        d.update(t.units).set({ validFrom: effectiveDate }).where(eq(t.units.id, s)).run();
    }
    audit(d, {
      action: 'link',
      entity: 'unit',
      entityId: predecessorIds.join(','),
      after: { successorIds, effectiveDate },
    });
    return { linked };
  });
}

/**
 * The units a period whose data window ends on `onDate` expects: the same rule as `active` in the list
 * (shared/rules/unit-validity.ts), on that day instead of today.
 */
export function unitsValidOn(db: Db, onDate: string): Unit[] {
  return listUnits(db, { today: onDate, activeOnly: true });
}

export { importUnitList } from './unit-import';
