/**
 * The year's plan (Kế hoạch năm): sections and tasks given to lead (chủ trì) and partner (phối hợp) units, how
 * the units answered about each task in their reports, and the consolidation per task and per unit.
 */
import { z } from 'zod';
import type { UnitKind } from '../domain/catalog';
import { fileSchema, id, isoDate, op } from './op';

import type { TaskStatus } from '../rules/task-answers';

export type { TaskStatus };
export type TaskRole = 'lead' | 'partner';

export interface PlanUnitRef {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface PlanTask {
  id: number;
  year: number;
  section: string;
  stt: string | null;
  title: string;
  description: string | null;
  /** YYYY-MM-DD, or null when the plan gives none (or only a text like "Thường xuyên": kept in `dueText`) */
  due: string | null;
  dueText: string | null;
  product: string | null;
  sortOrder: number;
  lead: PlanUnitRef[];
  partners: PlanUnitRef[];
  /** names written in the plan that matched no unit of the register: to resolve, never dropped */
  unmatched: Array<{ id: number; role: TaskRole; text: string }>;
}

export interface PlanView {
  year: number;
  /** sections in plan order */
  sections: string[];
  tasks: PlanTask[];
}

export interface PlanImportResult {
  tasks: number;
  assignments: number;
  unmatched: Array<{ row: number; text: string }>;
  errors: Array<{ row: number; message: string }>;
  dryRun: boolean;
}

export interface TaskAnswer {
  unit: string;
  unitName: string;
  kind: UnitKind;
  role: TaskRole;
  /** null: not reported (no report in the period, or the task left blank) */
  status: TaskStatus | null;
  result: string | null;
  activities: number | null;
  submissionId: number | null;
}

export interface TaskCounts {
  id: number;
  done: number;
  inProgress: number;
  notDone: number;
  notReported: number;
}

export interface TaskResult extends TaskCounts {
  section: string;
  stt: string | null;
  title: string;
  due: string | null;
  lead: string[];
  /** lead units' answers first, then partners', each in register order */
  answers: TaskAnswer[];
}

export interface UnitTaskSummary {
  unit: string;
  unitName: string;
  kind: UnitKind;
  given: number;
  done: number;
}

export interface PlanResults {
  periodId: number;
  year: number;
  tasks: TaskResult[];
  units: UnitTaskSummary[];
}

export interface UnitTasks {
  year: number;
  given: number;
  done: number;
  tasks: Array<{
    id: number;
    section: string;
    stt: string | null;
    title: string;
    due: string | null;
    role: TaskRole;
    status: TaskStatus | null;
    result: string | null;
    activities: number | null;
  }>;
}

const year = z.number().int().min(2000).max(2100);
const unitCodes = z.array(z.string().min(1).max(50)).max(500);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const taskInput = z
  .object({
    id: id.optional(),
    year,
    section: z.string().trim().min(1, 'Cần nhập mục (phần) của nhiệm vụ').max(300),
    stt: optText(20),
    title: z.string().trim().min(1, 'Cần nhập nội dung nhiệm vụ').max(2000),
    description: optText(4000),
    due: isoDate.nullable().optional(),
    product: optText(1000),
    lead: unitCodes,
    partners: unitCodes,
  })
  .strict();
export type TaskInput = z.infer<typeof taskInput>;

const PLAN_WRITE = ['plan', 'consolidation', 'reports'] as const;

export const planContract = {
  'plan.get': op(z.object({ year }).strict()).returns<PlanView>(),
  'plan.import': op(z.object({ year, file: fileSchema, dryRun: z.boolean().optional() }).strict())
    .invalidates(PLAN_WRITE)
    .returns<PlanImportResult>(),
  'plan.saveTask': op(taskInput).invalidates(PLAN_WRITE).returns<PlanTask>(),
  'plan.deleteTask': op(z.object({ id }).strict()).invalidates(PLAN_WRITE).returns<{ deleted: number }>(),
  'plan.resolve': op(z.object({ unmatchedId: id, unitCode: z.string().min(1).max(50) }).strict())
    .invalidates(PLAN_WRITE)
    .returns<PlanTask>(),
  'plan.copy': op(z.object({ fromYear: year, toYear: year }).strict())
    .invalidates(PLAN_WRITE)
    .returns<{ tasks: number; assignments: number; unmatched: number }>(),
  'plan.results': op(z.object({ periodId: id }).strict()).returns<PlanResults>(),
  'plan.unitTasks': op(z.object({ periodId: id, unitId: id }).strict()).returns<UnitTasks>(),
};
