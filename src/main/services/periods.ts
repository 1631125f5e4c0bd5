/** Reporting periods: windows and deadlines (NĐ 09/2019 defaults), template, expected units, open/closed. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CreatePeriodInput, UpdatePeriodInput } from '../../shared/contract/periods';
import type { CellKey, PeriodKind } from '../../shared/domain/catalog';
import type { Period, StoredValue, Unit } from '../../shared/domain/records';
import { AppError } from '../../shared/result';
import { periodDefaults } from '../../shared/rules/period';
import { formatDate } from '../../shared/text/vi';
import type { Db } from '../db/open';
import { rowById } from '../db/prepared';
import * as t from '../db/schema';
import { audit } from './audit';
import { getTemplateRow, latestTemplate } from './catalog';
import { listUnits, unitsValidOn } from './units';
import { cellValueToRow, elementForEdit, rowToCellValue, type ValueEdit } from './values';

type PeriodRow = typeof t.periods.$inferSelect;

function toPeriod(db: Db, r: PeriodRow): Period {
  const tpl = getTemplateRow(db, r.templateId);
  const expected = db
    .select({ n: sql<number>`count(*)` })
    .from(t.periodUnits)
    .where(eq(t.periodUnits.periodId, r.id))
    .get()!.n;
  return {
    id: r.id,
    year: r.year,
    kind: r.kind as PeriodKind,
    label: r.label,
    dataFrom: r.dataFrom,
    dataTo: r.dataTo,
    deadline: r.deadline,
    templateId: r.templateId,
    templateCode: tpl.code,
    templateVersion: tpl.version,
    status: r.status as Period['status'],
    expected,
    note: r.note,
  };
}

export function getPeriodRow(db: Db, id: number): PeriodRow {
  const r = rowById(db, t.periods, id);
  if (!r)
    throw new AppError(
      'not_found',
      `Không tìm thấy kỳ báo cáo số ${id}. Hãy xem danh sách kỳ báo cáo (bdg period list).`,
    );
  return r;
}

export function getPeriod(db: Db, id: number): Period {
  return toPeriod(db, getPeriodRow(db, id));
}

export function listPeriods(db: Db): Period[] {
  return db
    .select()
    .from(t.periods)
    .orderBy(desc(t.periods.year), desc(t.periods.dataTo), desc(t.periods.id))
    .all()
    .map((r) => toPeriod(db, r));
}

export function expectedUnits(db: Db, periodId: number): Unit[] {
  const ids = new Set(
    db
      .select({ id: t.periodUnits.unitId })
      .from(t.periodUnits)
      .where(eq(t.periodUnits.periodId, periodId))
      .all()
      .map((r) => r.id),
  );
  return listUnits(db).filter((u) => ids.has(u.id));
}

/** Refuses imports and edits on a closed period. */
export function assertOpen(db: Db, periodId: number): PeriodRow {
  const p = getPeriodRow(db, periodId);
  if (p.status === 'closed') {
    throw new AppError(
      'period_closed',
      `Kỳ "${p.label}" đã khóa sổ nên không nhận thêm báo cáo hay sửa số liệu. Nếu cần sửa, hãy mở lại kỳ ở màn hình Kỳ báo cáo.`,
    );
  }
  return p;
}

export type { CreatePeriodInput };

export function createPeriod(db: Db, input: CreatePeriodInput): Period {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const def = periodDefaults(input.year, input.kind);
    const dataFrom = input.dataFrom ?? def.dataFrom;
    const dataTo = input.dataTo ?? def.dataTo;
    const deadline = input.deadline ?? def.deadline;
    if (dataFrom > dataTo)
      throw new AppError(
        'invalid_input',
        `Khoảng số liệu không hợp lệ: từ ${formatDate(dataFrom)} đến ${formatDate(dataTo)}.`,
      );
    const label = input.label ?? def.label;
    const dup = d
      .select()
      .from(t.periods)
      .where(and(eq(t.periods.year, input.year), eq(t.periods.kind, input.kind), eq(t.periods.label, label)))
      .get();
    if (dup && input.kind !== 'adhoc') {
      throw new AppError('conflict', `Kỳ "${label}" đã có (số ${dup.id}). Hãy mở kỳ đó thay vì tạo kỳ mới.`);
    }
    const tpl = latestTemplate(d, input.templateCode ?? 'BC-BDG-DV');
    const row = d
      .insert(t.periods)
      .values({ year: input.year, kind: input.kind, label, dataFrom, dataTo, deadline, templateId: tpl.id })
      .returning()
      .get();
    if (!tpl.frozen) d.update(t.templates).set({ frozen: true }).where(eq(t.templates.id, tpl.id)).run();
    for (const u of unitsValidOn(d, dataTo)) d.insert(t.periodUnits).values({ periodId: row.id, unitId: u.id }).run();
    const p = toPeriod(d, row);
    audit(d, { action: 'create', entity: 'period', entityId: row.id, after: p });
    return p;
  });
}

export function updatePeriod(db: Db, input: UpdatePeriodInput): Period {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const before = assertOpen(d, input.id);
    const set: Partial<PeriodRow> = {};
    if (input.label !== undefined) set.label = input.label;
    if (input.dataFrom !== undefined) set.dataFrom = input.dataFrom;
    if (input.dataTo !== undefined) set.dataTo = input.dataTo;
    if (input.deadline !== undefined) set.deadline = input.deadline;
    if (input.note !== undefined) set.note = input.note;
    const from = set.dataFrom ?? before.dataFrom;
    const to = set.dataTo ?? before.dataTo;
    if (from > to)
      throw new AppError('invalid_input', `Khoảng số liệu không hợp lệ: từ ${formatDate(from)} đến ${formatDate(to)}.`);
    if (Object.keys(set).length) d.update(t.periods).set(set).where(eq(t.periods.id, input.id)).run();
    audit(d, { action: 'update', entity: 'period', entityId: input.id, before, after: set });
    return getPeriod(d, input.id);
  });
}

export function setExpected(db: Db, id: number, unitIds: number[]): Period {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    assertOpen(d, id);
    const before = d
      .select({ id: t.periodUnits.unitId })
      .from(t.periodUnits)
      .where(eq(t.periodUnits.periodId, id))
      .all()
      .map((r) => r.id);
    const known = new Set(
      d
        .select({ id: t.units.id })
        .from(t.units)
        .all()
        .map((r) => r.id),
    );
    const missing = unitIds.filter((u) => !known.has(u));
    if (missing.length) throw new AppError('not_found', `Có ${missing.length} đơn vị không tồn tại trong danh sách.`);
    d.delete(t.periodUnits).where(eq(t.periodUnits.periodId, id)).run();
    for (const u of new Set(unitIds)) d.insert(t.periodUnits).values({ periodId: id, unitId: u }).run();
    audit(d, { action: 'set_expected', entity: 'period', entityId: id, before, after: [...new Set(unitIds)] });
    return getPeriod(d, id);
  });
}

export function setPeriodStatus(db: Db, id: number, status: 'open' | 'closed'): Period {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const before = getPeriodRow(d, id);
    d.update(t.periods).set({ status }).where(eq(t.periods.id, id)).run();
    audit(d, {
      action: status === 'closed' ? 'close' : 'reopen',
      entity: 'period',
      entityId: id,
      before: before.status,
      after: status,
    });
    return getPeriod(d, id);
  });
}

export function getProvinceValues(db: Db, periodId: number): StoredValue[] {
  getPeriodRow(db, periodId);
  return db
    .select()
    .from(t.provinceValues)
    .where(eq(t.provinceValues.periodId, periodId))
    .orderBy(asc(t.provinceValues.element), asc(t.provinceValues.cell))
    .all()
    .map((r) => ({ element: r.element, cell: r.cell as CellKey, value: rowToCellValue(r) }));
}

/** Province-level figures (from the statistics office) are entered once per period, never summed from units. */
export function setProvinceValue(db: Db, input: ValueEdit & { id: number; reason?: string }): StoredValue[] {
  db.transaction((tx) => {
    const d = tx as unknown as Db;
    assertOpen(d, input.id);
    elementForEdit(
      d,
      input,
      (name) => `Chỉ tiêu "${name}" không có ô "${input.cell}".`,
      (el) => {
        if (el.collectedFrom !== 'province') {
          throw new AppError('invalid_input', `Chỉ tiêu "${el.name}" do các đơn vị báo cáo, không nhập ở cấp tỉnh.`);
        }
      },
    );
    const where = and(
      eq(t.provinceValues.periodId, input.id),
      eq(t.provinceValues.element, input.element),
      eq(t.provinceValues.cell, input.cell),
    );
    const before = d.select().from(t.provinceValues).where(where).get() ?? null;
    d.delete(t.provinceValues).where(where).run();
    if (input.value)
      d.insert(t.provinceValues)
        .values({ periodId: input.id, element: input.element, cell: input.cell, ...cellValueToRow(input.value) })
        .run();
    audit(d, {
      action: 'set',
      entity: 'province_value',
      entityId: `${input.id}/${input.element}.${input.cell}`,
      before: before ? rowToCellValue(before) : null,
      after: input.value,
      reason: input.reason ?? null,
    });
  });
  return getProvinceValues(db, input.id);
}
