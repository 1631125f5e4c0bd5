/** Member units: the register, time-versioned (valid from/to) with successor links for the 2025 mergers. */
import { and, eq, inArray } from 'drizzle-orm';
import type { UnitImportResult, UnitImportRow, UnitInput } from '../../shared/contract';
import { UNIT_KINDS, type UnitKind } from '../../shared/domain/catalog';
import type { Unit } from '../../shared/domain/records';
import { AppError } from '../../shared/result';
import { cleanText, compareVi, matchesSearch, searchKey } from '../../shared/text/vi';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { readUnitList } from '../excel/unit-list-reader';
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

function toUnit(r: UnitRow, links: ReturnType<typeof unitLinkMaps>): Unit {
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
    phone: r.phone,
    email: r.email,
    sortOrder: r.sortOrder,
    active: r.active,
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

export function listUnits(db: Db, q: { q?: string; kind?: UnitKind; activeOnly?: boolean } = {}): Unit[] {
  const conds = [];
  if (q.kind) conds.push(eq(t.units.kind, q.kind));
  if (q.activeOnly) conds.push(eq(t.units.active, true));
  const rows = db
    .select()
    .from(t.units)
    .where(conds.length ? and(...conds) : undefined)
    .all();
  const links = unitLinkMaps(db);
  let list = rows.map((r) => toUnit(r, links));
  if (q.q && q.q.trim()) {
    const query = q.q;
    list = list.filter((u) => matchesSearch(`${u.code} ${u.name} ${u.contact ?? ''} ${u.email ?? ''}`, query));
  }
  return sortUnits(list);
}

export function getUnitRow(db: Db, id: number): UnitRow {
  const r = db.select().from(t.units).where(eq(t.units.id, id)).get();
  if (!r) throw new AppError('not_found', `Không tìm thấy đơn vị (mã nội bộ ${id}).`);
  return r;
}

export function getUnit(db: Db, id: number): Unit {
  const r = getUnitRow(db, id);
  return toUnit(r, unitLinkMaps(db));
}

export function unitByCode(db: Db, code: string): Unit | null {
  const r = db.select().from(t.units).where(eq(t.units.code, code)).get();
  return r ? toUnit(r, unitLinkMaps(db)) : null;
}

const nullIfEmpty = (s: string | null | undefined): string | null => {
  if (s === undefined || s === null) return null;
  const c = cleanText(s);
  return c ? c : null;
};

export function saveUnit(db: Db, input: UnitInput): Unit {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const code = cleanText(input.code);
    const name = cleanText(input.name);
    const clash = d.select().from(t.units).where(eq(t.units.code, code)).get();
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

export function setUnitActive(db: Db, id: number, active: boolean, validTo?: string | null): Unit {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const before = getUnitRow(d, id);
    const set: Partial<UnitRow> = { active, updatedAt: new Date().toISOString() };
    if (validTo !== undefined) set.validTo = validTo;
    d.update(t.units).set(set).where(eq(t.units.id, id)).run();
    audit(d, {
      action: active ? 'activate' : 'deactivate',
      entity: 'unit',
      entityId: id,
      before: { active: before.active, validTo: before.validTo },
      after: set,
    });
    return getUnit(d, id);
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

/** Units valid at `onDate` (the end of a period's data window) and active. */
export function unitsValidOn(db: Db, onDate: string): Unit[] {
  return listUnits(db, { activeOnly: true }).filter(
    (u) => (!u.validFrom || u.validFrom <= onDate) && (!u.validTo || u.validTo >= onDate),
  );
}

/** Imports a unit list kept in Excel: updates by code, never duplicates, reports bad rows and imports the rest. */
export async function importUnitList(
  db: Db,
  file: { name: string; bytes: Uint8Array },
  dryRun = false,
): Promise<UnitImportResult> {
  const parsed = await readUnitList(file.bytes, file.name);
  const problems = new Map<number, string>();
  for (const p of parsed.problems)
    problems.set(p.row, problems.has(p.row) ? `${problems.get(p.row)}; ${p.message}` : p.message);
  const result: UnitImportResult = { imported: 0, updated: 0, unchanged: 0, errors: [], rows: [] };
  const apply = (d: Db) => {
    let order = d
      .select({ o: t.units.sortOrder })
      .from(t.units)
      .all()
      .reduce((m, r) => Math.max(m, r.o), 0);
    for (const r of parsed.rows) {
      const problem = problems.get(r.row);
      const row: UnitImportRow = {
        row: r.row,
        code: r.code,
        name: r.name,
        kind: r.kind,
        contact: r.contact,
        phone: r.phone,
        email: r.email,
        action: 'error',
      };
      if (problem || !r.kind || !r.code || !r.name) {
        const message = problem ?? `Dòng ${r.row}: thiếu mã, tên hoặc loại đơn vị.`;
        row.message = message;
        result.errors.push({ row: r.row, message });
        result.rows.push(row);
        continue;
      }
      const existing = d.select().from(t.units).where(eq(t.units.code, r.code)).get();
      const values = {
        name: r.name,
        searchKey: searchKey(`${r.code} ${r.name}`),
        kind: r.kind,
        contact: r.contact,
        phone: r.phone,
        email: r.email,
        ...(r.group !== null ? { groupName: r.group } : {}),
      };
      if (!existing) {
        row.action = 'new';
        result.imported++;
        if (!dryRun) {
          const ins = d
            .insert(t.units)
            .values({ code: r.code, ...values, sortOrder: ++order })
            .returning({ id: t.units.id })
            .get();
          audit(d, { action: 'import', entity: 'unit', entityId: ins.id, after: { code: r.code, ...values } });
        }
      } else {
        const same =
          existing.name === values.name &&
          existing.kind === values.kind &&
          existing.contact === values.contact &&
          existing.phone === values.phone &&
          existing.email === values.email &&
          (r.group === null || existing.groupName === r.group);
        if (same) {
          row.action = 'same';
          result.unchanged++;
        } else {
          row.action = 'update';
          result.updated++;
          if (!dryRun) {
            d.update(t.units)
              .set({ ...values, updatedAt: new Date().toISOString() })
              .where(eq(t.units.id, existing.id))
              .run();
            audit(d, { action: 'import', entity: 'unit', entityId: existing.id, before: existing, after: values });
          }
        }
      }
      if (r.invisible)
        (result.warnings ??= []).push({
          row: r.row,
          message:
            `Dòng ${r.row} ("${r.name}"): có ký tự ẩn (ví dụ ký tự đảo chiều chữ) làm tên hiển thị khác thực tế; ` +
            'đã bỏ các ký tự này. Hãy kiểm tra lại tên đơn vị.',
        });
      result.rows.push(row);
    }
    for (const p of parsed.problems) {
      if (!parsed.rows.some((r) => r.row === p.row)) result.errors.push({ row: p.row, message: p.message });
    }
    result.errors.sort((a, b) => a.row - b.row);
  };
  if (dryRun) apply(db);
  else db.transaction((tx) => apply(tx as unknown as Db));
  return result;
}
