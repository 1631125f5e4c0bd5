/**
 * The year's plan: tasks in sections, given to lead and partner units; imported from Excel or entered in a
 * screen, copied from last year; the units' answers about them (stored as submission values, see
 * shared/rules/task-answers.ts) consolidated per task and per unit.
 */
import type {
  PlanImportResult,
  PlanResults,
  PlanTask,
  PlanUnitRef,
  PlanView,
  TaskAnswer,
  TaskCounts,
  TaskInput,
  TaskResult,
  TaskRole,
  UnitTasks,
} from '../../shared/contract/plan';
import type { UnitKind } from '../../shared/domain/catalog';
import type { StoredValue } from '../../shared/domain/records';
import { AppError } from '../../shared/result';
import { parseTaskElement, TASK_ELEMENT_PREFIX, type TaskStatus } from '../../shared/rules/task-answers';
import { unitNameKey } from '../../shared/text/unit-names';
import { compareVi, searchKey } from '../../shared/text/vi';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import * as t from '../db/schema';
import { parsePlan } from '../excel/parse-pool';
import { taskFingerprint, type TaskMeta, type TemplateTask } from '../excel/template-tasks';
import { audit } from './audit';
import type { Msg } from './imports/result';
import { makeRegister, nameFits, type Register } from './imports/unit-identity';
import { getPeriodRow } from './periods';
import { latestSubmissions, valuesBySubmission } from './submissions';

type UnitRow = typeof t.units.$inferSelect;

const KIND_ORDER: Record<string, number> = { so_nganh: 0, doan_the: 1, khac: 2, xa: 3 };
const byRegister = (a: UnitRow, b: UnitRow): number =>
  (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.sortOrder - b.sortOrder || compareVi(a.name, b.name);

/** Units of the register valid at some time in the year (active, or closed during it). */
export function unitsOfYear(db: Db, year: number): UnitRow[] {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return db
    .select()
    .from(t.units)
    .all()
    .filter((u) => (!u.validFrom || u.validFrom <= last) && (u.validTo ? u.validTo >= first : u.active))
    .sort(byRegister);
}

// ---------------------------------------------------------------------------------------------------------------
// Matching the units a plan writes

/** Group phrases a plan writes for "all units of a kind", by key (unitNameKey: no diacritics, commas folded). */
const GROUPS: Array<{ keys: string[]; kinds: UnitKind[] }> = [
  {
    keys: ['cac so ban nganh', 'cac so nganh', 'cac so ban nganh tinh', 'cac so ban nganh lien quan'],
    kinds: ['so_nganh'],
  },
  {
    keys: [
      'cac to chuc chinh tri xa hoi',
      'cac doan the',
      'cac to chuc chinh tri xa hoi tinh',
      'cac doan the chinh tri xa hoi',
    ],
    kinds: ['doan_the'],
  },
  {
    keys: ['cac xa phuong dac khu', 'cac xa phuong', 'cac xa phuong dac khu tren dia ban tinh'],
    kinds: ['xa'],
  },
  {
    keys: ['cac thanh vien ban', 'thanh vien ban', 'cac co quan thanh vien ban'],
    kinds: ['so_nganh', 'doan_the', 'khac'],
  },
];
const groupOf = (key: string): UnitKind[] | null => GROUPS.find((g) => g.keys.includes(key))?.kinds ?? null;

export interface Matched {
  units: UnitRow[];
  /** the pieces of text that matched no unit, as written */
  unmatched: string[];
}

/**
 * The units a cell of the plan names. The text is cut at ";", new lines and commas; runs of pieces are joined
 * back (longest first) when together they are a unit's name ("Sở Văn hóa, Thể thao và Du lịch") or a group
 * phrase ("các sở, ban, ngành"). A piece that still fits nothing is tried split at " và ", then loosely (one
 * name inside the other, when only one unit fits), then kept as unmatched, runs of unmatched pieces together.
 */
export function matchUnits(text: string, reg: Register, units: UnitRow[]): Matched {
  const found: UnitRow[] = [];
  const unmatched: string[] = [];
  const add = (u: UnitRow) => {
    if (!found.some((x) => x.id === u.id)) found.push(u);
  };
  const exact = (s: string): UnitRow[] | null => {
    const key = unitNameKey(s);
    if (!key) return [];
    const kinds = groupOf(key);
    if (kinds) return units.filter((u) => kinds.includes(u.kind as UnitKind));
    const list = reg.byNameKey.get(key);
    if (list && list.length === 1) return list;
    const byCode = reg.byCode.get(s.trim().toUpperCase());
    return byCode ? [byCode] : null;
  };
  const loose = (s: string): UnitRow | null => {
    const key = unitNameKey(s);
    if (key.length < 8) return null;
    const fits = units.filter((u) => nameFits(s, u));
    return fits.length === 1 ? fits[0]! : null;
  };
  for (const part of text.split(/[;\n\r]+|\s+-\s+(?=[A-ZĐÂĂÊÔƠƯ])/u)) {
    const pieces = part
      .split(',')
      .map((p) => p.replace(/^\s*(và|va|cùng)\s+/iu, '').trim())
      .filter((p) => p && searchKey(p) !== 'va');
    let pending: string[] = [];
    const flush = () => {
      if (pending.length) unmatched.push(pending.join(', '));
      pending = [];
    };
    for (let i = 0; i < pieces.length;) {
      let hit: { list: UnitRow[]; next: number } | null = null;
      for (let j = pieces.length; j > i; j--) {
        const list = exact(pieces.slice(i, j).join(', '));
        if (list) {
          hit = { list, next: j };
          break;
        }
      }
      if (!hit) {
        const piece = pieces[i]!;
        const halves = piece.split(/\s+(?:và|va)\s+/iu);
        const both = halves.length > 1 ? halves.map((h) => exact(h) ?? (loose(h) ? [loose(h)!] : null)) : null;
        if (both && both.every((x) => x)) hit = { list: both.flat() as UnitRow[], next: i + 1 };
        else {
          const l = loose(piece);
          if (l) hit = { list: [l], next: i + 1 };
        }
      }
      if (hit) {
        flush();
        hit.list.forEach(add);
        i = hit.next;
      } else {
        pending.push(pieces[i]!);
        i++;
      }
    }
    flush();
  }
  return { units: found, unmatched };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the plan

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function refOf(u: UnitRow): PlanUnitRef {
  return { code: u.code, name: u.name, kind: u.kind as UnitKind };
}

export function getPlan(db: Db, year: number): PlanView {
  const tasks = db
    .select()
    .from(t.planTasks)
    .where(eq(t.planTasks.year, year))
    .all()
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  if (!tasks.length) return { year, sections: [], tasks: [] };
  const ids = new Set(tasks.map((x) => x.id));
  const units = new Map(
    db
      .select()
      .from(t.units)
      .all()
      .map((u) => [u.id, u]),
  );
  const assignments = db
    .select()
    .from(t.planAssignments)
    .all()
    .filter((a) => ids.has(a.taskId));
  const unmatched = db
    .select()
    .from(t.planUnmatched)
    .all()
    .filter((a) => ids.has(a.taskId));
  const sections: string[] = [];
  const out = tasks.map((task): PlanTask => {
    if (!sections.includes(task.section)) sections.push(task.section);
    const mine = assignments
      .filter((a) => a.taskId === task.id)
      .map((a) => ({ a, u: units.get(a.unitId)! }))
      .sort((x, y) => byRegister(x.u, y.u));
    return {
      id: task.id,
      year: task.year,
      section: task.section,
      stt: task.stt,
      title: task.title,
      description: task.description,
      due: task.due && ISO.test(task.due) ? task.due : null,
      dueText: task.due && !ISO.test(task.due) ? task.due : null,
      product: task.product,
      sortOrder: task.sortOrder,
      lead: mine.filter((m) => m.a.role === 'lead').map((m) => refOf(m.u)),
      partners: mine.filter((m) => m.a.role === 'partner').map((m) => refOf(m.u)),
      unmatched: unmatched
        .filter((x) => x.taskId === task.id)
        .map((x) => ({ id: x.id, role: x.role as TaskRole, text: x.text })),
    };
  });
  return { year, sections, tasks: out };
}

function getTask(db: Db, id: number): PlanTask {
  const row = db
    .select()
    .from(t.planTasks)
    .all()
    .find((x) => x.id === id);
  if (!row) throw new AppError('not_found', `Không có nhiệm vụ số ${id} trong kế hoạch.`);
  return getPlan(db, row.year).tasks.find((x) => x.id === id)!;
}

/** Task ids of a year that units have already answered about (in any report). */
function answeredTasks(db: Db, taskIds: number[]): number[] {
  if (!taskIds.length) return [];
  const rows = db.$client
    .prepare(
      `SELECT DISTINCT element FROM submission_values WHERE element LIKE '${TASK_ELEMENT_PREFIX}%' AND cell = 'value'`,
    )
    .all() as Array<{ element: string }>;
  const want = new Set(taskIds);
  const out = new Set<number>();
  for (const r of rows) {
    const p = parseTaskElement(r.element);
    if (p && want.has(p.taskId)) out.add(p.taskId);
  }
  return [...out];
}

function deleteTasks(db: Db, ids: number[]): void {
  const raw = db.$client;
  const del = (table: string, col: string) => raw.prepare(`DELETE FROM ${table} WHERE ${col} = ?`);
  const a = del('plan_assignments', 'task_id');
  const u = del('plan_unmatched', 'task_id');
  const k = del('plan_tasks', 'id');
  for (const id of ids) {
    a.run(id);
    u.run(id);
    k.run(id);
  }
}

function refuseIfAnswered(db: Db, year: number, what: string): void {
  const ids = db
    .select()
    .from(t.planTasks)
    .all()
    .filter((x) => x.year === year)
    .map((x) => x.id);
  const answered = answeredTasks(db, ids);
  if (answered.length) {
    throw new AppError(
      'conflict',
      `Kế hoạch năm ${year} đã có ${answered.length} nhiệm vụ được đơn vị báo cáo kết quả, nên không thể ${what}. ` +
        'Hãy sửa từng nhiệm vụ trên màn hình Kế hoạch thay vì thay cả kế hoạch.',
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing the plan

interface NewTask {
  section: string;
  stt: string | null;
  title: string;
  description: string | null;
  due: string | null;
  product: string | null;
  lead: UnitRow[];
  partners: UnitRow[];
  unmatched: Array<{ role: TaskRole; text: string }>;
}

function insertTasks(db: Db, year: number, tasks: NewTask[]): { tasks: number; assignments: number; ids: number[] } {
  const raw = db.$client;
  const insTask = raw.prepare(
    'INSERT INTO plan_tasks (year, section, stt, title, description, due, product, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
  );
  const insA = raw.prepare(
    'INSERT INTO plan_assignments (task_id, unit_id, role) VALUES (?, ?, ?) ON CONFLICT (task_id, unit_id) DO NOTHING',
  );
  const insU = raw.prepare('INSERT INTO plan_unmatched (task_id, role, text) VALUES (?, ?, ?)');
  const max = raw.prepare('SELECT coalesce(max(sort_order), 0) AS m FROM plan_tasks WHERE year = ?').get(year) as {
    m: number;
  };
  let order = max.m;
  let assignments = 0;
  const ids: number[] = [];
  for (const task of tasks) {
    const { id } = insTask.get(
      year,
      task.section,
      task.stt,
      task.title,
      task.description,
      task.due,
      task.product,
      (order += 10),
    ) as { id: number };
    ids.push(id);
    // a unit both lead and partner is the lead
    for (const u of task.lead) assignments += insA.run(id, u.id, 'lead').changes;
    for (const u of task.partners) assignments += insA.run(id, u.id, 'partner').changes;
    for (const x of task.unmatched) insU.run(id, x.role, x.text);
  }
  return { tasks: tasks.length, assignments, ids };
}

/** Imports a plan list for the year (replacing the year's plan while no unit has answered about it). */
export async function importPlan(
  db: Db,
  year: number,
  file: { name: string; bytes: Uint8Array },
  dryRun = false,
): Promise<PlanImportResult> {
  const read = await parsePlan(file.bytes, file.name);
  const units = unitsOfYear(db, year);
  const reg = makeRegister(units);
  const errors = [...read.errors];
  const unmatched: PlanImportResult['unmatched'] = [];
  const tasks: NewTask[] = [];
  let section = 'Nhiệm vụ chung';
  for (const r of read.rows) {
    if (r.kind === 'section') {
      section = r.title;
      continue;
    }
    const lead = matchUnits(r.lead, reg, units);
    const partners = matchUnits(r.partners, reg, units);
    for (const text of [...lead.unmatched, ...partners.unmatched]) unmatched.push({ row: r.row, text });
    tasks.push({
      section,
      stt: r.stt,
      title: r.title,
      description: null,
      due: r.due,
      product: r.product,
      lead: lead.units,
      partners: partners.units.filter((u) => !lead.units.some((l) => l.id === u.id)),
      unmatched: [
        ...lead.unmatched.map((text) => ({ role: 'lead' as const, text })),
        ...partners.unmatched.map((text) => ({ role: 'partner' as const, text })),
      ],
    });
  }
  if (!tasks.length && !errors.length) {
    errors.push({
      row: 0,
      message: 'Tệp không có nhiệm vụ nào dưới dòng tiêu đề. Hãy kiểm tra lại tệp kế hoạch rồi nhập lại.',
    });
  }
  const assignmentsCount = tasks.reduce((n, x) => n + x.lead.length + x.partners.length, 0);
  if (dryRun || !tasks.length) {
    return { tasks: tasks.length, assignments: assignmentsCount, unmatched, errors, dryRun: true };
  }
  refuseIfAnswered(db, year, 'nhập lại cả kế hoạch');
  const written = db.transaction((tx) => {
    const d = tx as unknown as Db;
    const old = d
      .select()
      .from(t.planTasks)
      .all()
      .filter((x) => x.year === year)
      .map((x) => x.id);
    deleteTasks(db, old);
    const w = insertTasks(db, year, tasks);
    audit(d, {
      action: 'import',
      entity: 'plan',
      entityId: year,
      before: old.length ? { tasks: old.length } : undefined,
      after: { file: file.name, tasks: w.tasks, assignments: w.assignments, unmatched: unmatched.length },
    });
    return w;
  });
  return { tasks: written.tasks, assignments: written.assignments, unmatched, errors, dryRun: false };
}

function unitsByCodes(db: Db, codes: string[], year: number): UnitRow[] {
  const all = db.select().from(t.units).all();
  return codes.map((c) => {
    const u = all.find((x) => x.code.toUpperCase() === c.toUpperCase());
    if (!u) throw new AppError('not_found', `Không có đơn vị mã "${c}" trong danh sách đơn vị.`);
    if (!unitsOfYear(db, year).some((x) => x.id === u.id)) {
      throw new AppError('invalid_input', `Đơn vị ${u.name} (${u.code}) không còn hoạt động trong năm ${year}.`);
    }
    return u;
  });
}

export function saveTask(db: Db, input: TaskInput): PlanTask {
  const lead = unitsByCodes(db, input.lead, input.year);
  const partners = unitsByCodes(db, input.partners, input.year).filter((u) => !lead.some((l) => l.id === u.id));
  const id = db.transaction((tx) => {
    const d = tx as unknown as Db;
    const raw = db.$client;
    let id = input.id;
    const fields = [
      input.section,
      input.stt ?? null,
      input.title,
      input.description ?? null,
      input.due ?? null,
      input.product ?? null,
    ];
    if (id) {
      const before = getTask(db, id);
      raw
        .prepare(
          'UPDATE plan_tasks SET section = ?, stt = ?, title = ?, description = ?, due = ?, product = ? WHERE id = ?',
        )
        .run(...fields, id);
      raw.prepare('DELETE FROM plan_assignments WHERE task_id = ?').run(id);
      audit(d, { action: 'update', entity: 'plan_task', entityId: id, before, after: input });
    } else {
      id = insertTasks(db, input.year, [
        {
          section: input.section,
          stt: input.stt ?? null,
          title: input.title,
          description: input.description ?? null,
          due: input.due ?? null,
          product: input.product ?? null,
          lead: [],
          partners: [],
          unmatched: [],
        },
      ]).ids[0]!;
      audit(d, { action: 'create', entity: 'plan_task', entityId: id, after: input });
    }
    const ins = raw.prepare('INSERT INTO plan_assignments (task_id, unit_id, role) VALUES (?, ?, ?)');
    for (const u of lead) ins.run(id, u.id, 'lead');
    for (const u of partners) ins.run(id, u.id, 'partner');
    return id;
  });
  return getTask(db, id);
}

export function deleteTask(db: Db, id: number): { deleted: number } {
  const task = getTask(db, id);
  if (answeredTasks(db, [id]).length) {
    throw new AppError(
      'conflict',
      `Nhiệm vụ "${task.title.slice(0, 80)}" đã có đơn vị báo cáo kết quả nên không xóa được. Nếu nhiệm vụ được ` +
        'điều chỉnh, hãy sửa nội dung thay vì xóa.',
    );
  }
  db.transaction((tx) => {
    deleteTasks(db, [id]);
    audit(tx as unknown as Db, { action: 'delete', entity: 'plan_task', entityId: id, before: task });
  });
  return { deleted: 1 };
}

/** The officer picks the unit an unmatched name meant: it becomes an assignment with the same role. */
export function resolveUnmatched(db: Db, unmatchedId: number, unitCode: string): PlanTask {
  const raw = db.$client;
  const row = raw
    .prepare('SELECT id, task_id AS taskId, role, text FROM plan_unmatched WHERE id = ?')
    .get(unmatchedId) as { id: number; taskId: number; role: TaskRole; text: string } | undefined;
  if (!row) throw new AppError('not_found', 'Tên đơn vị cần chọn không còn trong kế hoạch (có thể đã được chọn).');
  const task = getTask(db, row.taskId);
  const [unit] = unitsByCodes(db, [unitCode], task.year);
  db.transaction((tx) => {
    const current = raw
      .prepare('SELECT role FROM plan_assignments WHERE task_id = ? AND unit_id = ?')
      .get(row.taskId, unit!.id) as { role: TaskRole } | undefined;
    if (!current)
      raw
        .prepare('INSERT INTO plan_assignments (task_id, unit_id, role) VALUES (?, ?, ?)')
        .run(row.taskId, unit!.id, row.role);
    else if (row.role === 'lead' && current.role !== 'lead') {
      raw
        .prepare("UPDATE plan_assignments SET role = 'lead' WHERE task_id = ? AND unit_id = ?")
        .run(row.taskId, unit!.id);
    }
    raw.prepare('DELETE FROM plan_unmatched WHERE id = ?').run(row.id);
    audit(tx as unknown as Db, {
      action: 'resolve',
      entity: 'plan_task',
      entityId: row.taskId,
      before: { text: row.text, role: row.role },
      after: { unit: unit!.code },
    });
  });
  return getTask(db, row.taskId);
}

/** Copies last year's plan (tasks, units still valid, unmatched names; deadlines moved by the years between). */
export function copyPlan(
  db: Db,
  fromYear: number,
  toYear: number,
): { tasks: number; assignments: number; unmatched: number } {
  if (fromYear === toYear) throw new AppError('invalid_input', 'Năm sao chép đến phải khác năm của kế hoạch gốc.');
  const from = getPlan(db, fromYear);
  if (!from.tasks.length) throw new AppError('not_found', `Năm ${fromYear} chưa có kế hoạch để sao chép.`);
  if (getPlan(db, toYear).tasks.length) {
    throw new AppError(
      'conflict',
      `Năm ${toYear} đã có kế hoạch (${getPlan(db, toYear).tasks.length} nhiệm vụ). Hãy xóa các nhiệm vụ đó trước, hoặc sửa trực tiếp.`,
    );
  }
  const valid = new Map(unitsOfYear(db, toYear).map((u) => [u.code, u]));
  const shift = toYear - fromYear;
  const moveDue = (task: PlanTask): string | null => {
    if (task.due) return `${Number(task.due.slice(0, 4)) + shift}${task.due.slice(4)}`.replace(/-02-29$/, '-02-28');
    return task.dueText;
  };
  let unmatched = 0;
  const tasks: NewTask[] = from.tasks.map((task) => {
    const keep = (list: PlanUnitRef[], role: TaskRole) => {
      const units: UnitRow[] = [];
      const lost: Array<{ role: TaskRole; text: string }> = [];
      for (const u of list) {
        const v = valid.get(u.code);
        if (v) units.push(v);
        else lost.push({ role, text: u.name });
      }
      return { units, lost };
    };
    const lead = keep(task.lead, 'lead');
    const partners = keep(task.partners, 'partner');
    const lost = [...lead.lost, ...partners.lost, ...task.unmatched.map((x) => ({ role: x.role, text: x.text }))];
    unmatched += lost.length;
    return {
      section: task.section,
      stt: task.stt,
      title: task.title,
      description: task.description,
      due: moveDue(task),
      product: task.product,
      lead: lead.units,
      partners: partners.units,
      unmatched: lost,
    };
  });
  const w = db.transaction((tx) => {
    const w = insertTasks(db, toYear, tasks);
    audit(tx as unknown as Db, {
      action: 'copy',
      entity: 'plan',
      entityId: toYear,
      after: { fromYear, tasks: w.tasks, assignments: w.assignments },
    });
    return w;
  });
  return { tasks: w.tasks, assignments: w.assignments, unmatched };
}

// ---------------------------------------------------------------------------------------------------------------
// The forms and the answers

/** The tasks of the year given to a unit, for its form (plan order). */
export function templateTasks(db: Db, year: number, unitId: number): TemplateTask[] {
  // prepared once per connection: the import asks for every file
  const rows = preparedOnce(db.$client, 'plan.templateTasks', () =>
    db.$client.prepare(
      'SELECT t.id, t.stt, t.section, t.title, t.due, a.role FROM plan_tasks t JOIN plan_assignments a ON a.task_id = t.id ' +
        'WHERE t.year = ? AND a.unit_id = ? ORDER BY t.sort_order, t.id',
    ),
  ).all(year, unitId) as Array<{
    id: number;
    stt: string | null;
    section: string;
    title: string;
    due: string | null;
    role: TaskRole;
  }>;
  return rows.map((r) => ({ ...r, due: r.due && ISO.test(r.due) ? r.due : null }));
}

/**
 * The import's check of the task answers: keeps those about tasks given to the unit, warns about the others
 * and about a form written for another task list. Called by the import (file.ts) before its one transaction.
 */
export function checkTaskAnswers(
  db: Db,
  year: number,
  unitId: number,
  parsed: { values: StoredValue[]; taskMeta?: TaskMeta | null },
): { values: StoredValue[]; warnings: Msg[] } {
  const tasks = templateTasks(db, year, unitId);
  const given = new Set(tasks.map((x) => x.id));
  const values: StoredValue[] = [];
  const warnings: Msg[] = [];
  const stray = new Set<number>();
  for (const v of parsed.values) {
    const p = parseTaskElement(v.element);
    if (!p) continue;
    if (given.has(p.taskId)) values.push(v);
    else stray.add(p.taskId);
  }
  if (stray.size) {
    warnings.push({
      code: 'TASK_NOT_GIVEN',
      message:
        `Biểu có kết quả của ${stray.size} nhiệm vụ không giao cho đơn vị này trong Kế hoạch năm ${year} ` +
        `(mã ${[...stray].map((id) => `NV:${id}`).join(', ')}); các kết quả này không được ghi nhận.`,
    });
  }
  if (parsed.taskMeta && parsed.taskMeta.fingerprint !== taskFingerprint(tasks)) {
    warnings.push({
      code: 'TASK_LIST_CHANGED',
      message:
        'Danh sách nhiệm vụ trong biểu khác với Kế hoạch hiện tại của đơn vị (kế hoạch đã được sửa sau khi xuất ' +
        'mẫu). Kết quả được đối chiếu theo mã nhiệm vụ; nên gửi đơn vị mẫu mới ở kỳ sau.',
    });
  }
  const answered = new Set(
    values
      .map((v) => parseTaskElement(v.element)!)
      .filter((p) => p.part === 'status')
      .map((p) => p.taskId),
  );
  const missing = tasks.filter((x) => !answered.has(x.id)).length;
  if (tasks.length && missing) {
    warnings.push({
      code: 'TASK_NOT_REPORTED',
      message: `Đơn vị chưa ghi tình trạng của ${missing}/${tasks.length} nhiệm vụ được giao; các nhiệm vụ này được tính là chưa báo cáo.`,
    });
  }
  return { values, warnings };
}

interface AnswerOf {
  status: TaskStatus | null;
  result: string | null;
  activities: number | null;
}

/** Each unit's latest answers in the period: unit id → task id → answer (and the submission). */
function answersOf(db: Db, periodId: number): Map<number, { submissionId: number; byTask: Map<number, AnswerOf> }> {
  const latest = latestSubmissions(db, periodId);
  const vals = valuesBySubmission(
    db,
    latest.map((s) => s.id),
  );
  const out = new Map<number, { submissionId: number; byTask: Map<number, AnswerOf> }>();
  for (const s of latest) {
    const byTask = new Map<number, AnswerOf>();
    for (const v of vals.get(s.id) ?? []) {
      const p = parseTaskElement(v.element);
      if (!p) continue;
      const a = byTask.get(p.taskId) ?? { status: null, result: null, activities: null };
      if (p.part === 'status' && v.value.state === 'text') a.status = v.value.value as TaskStatus;
      if (p.part === 'result' && v.value.state === 'text') a.result = v.value.value;
      if (p.part === 'activities' && v.value.state === 'number') a.activities = v.value.value;
      byTask.set(p.taskId, a);
    }
    out.set(s.unitId, { submissionId: s.id, byTask });
  }
  return out;
}

/** Per task: the units done / in progress / not done / not reported, each unit's answer (lead first); per unit. */
export function planResults(db: Db, periodId: number): PlanResults {
  const period = getPeriodRow(db, periodId);
  const plan = getPlan(db, period.year);
  if (!plan.tasks.length) return { periodId, year: period.year, tasks: [], units: [] };
  const answers = answersOf(db, periodId);
  const units = new Map(
    db
      .select()
      .from(t.units)
      .all()
      .map((u) => [u.code, u]),
  );
  const perUnit = new Map<string, PlanResults['units'][number]>();
  const tasks = plan.tasks.map((task): TaskResult => {
    const counts = { done: 0, inProgress: 0, notDone: 0, notReported: 0 };
    const list: TaskAnswer[] = [];
    for (const [role, refs] of [
      ['lead', task.lead],
      ['partner', task.partners],
    ] as const) {
      for (const ref of refs) {
        const u = units.get(ref.code)!;
        const mine = answers.get(u.id);
        const a = mine?.byTask.get(task.id);
        const status = a?.status ?? null;
        if (status === 'done') counts.done++;
        else if (status === 'in_progress') counts.inProgress++;
        else if (status === 'not_done') counts.notDone++;
        else counts.notReported++;
        list.push({
          unit: ref.code,
          unitName: ref.name,
          kind: ref.kind,
          role,
          status,
          result: a?.result ?? null,
          activities: a?.activities ?? null,
          submissionId: mine?.submissionId ?? null,
        });
        const s = perUnit.get(ref.code) ?? { unit: ref.code, unitName: ref.name, kind: ref.kind, given: 0, done: 0 };
        s.given++;
        if (status === 'done') s.done++;
        perUnit.set(ref.code, s);
      }
    }
    return {
      id: task.id,
      section: task.section,
      stt: task.stt,
      title: task.title,
      due: task.due,
      lead: task.lead.map((u) => u.code),
      ...counts,
      answers: list,
    };
  });
  const unitList = [...perUnit.values()].sort((a, b) => byRegister(units.get(a.unit)!, units.get(b.unit)!));
  return { periodId, year: period.year, tasks, units: unitList };
}

/** The counts alone, for the consolidation (`consolidate` adds them as "tasks"). */
export function taskCounts(db: Db, periodId: number): TaskCounts[] {
  return planResults(db, periodId).tasks.map((x) => ({
    id: x.id,
    done: x.done,
    inProgress: x.inProgress,
    notDone: x.notDone,
    notReported: x.notReported,
  }));
}

/** One unit's tasks in the period's year, with its latest answers. */
export function unitTasks(db: Db, periodId: number, unitId: number): UnitTasks {
  const period = getPeriodRow(db, periodId);
  const mine = answersOf(db, periodId).get(unitId);
  const given = templateTasks(db, period.year, unitId);
  const tasks = given.map((x) => {
    const a = mine?.byTask.get(x.id);
    return {
      id: x.id,
      section: x.section,
      stt: x.stt,
      title: x.title,
      due: x.due,
      role: x.role,
      status: a?.status ?? null,
      result: a?.result ?? null,
      activities: a?.activities ?? null,
    };
  });
  return { year: period.year, given: tasks.length, done: tasks.filter((x) => x.status === 'done').length, tasks };
}
