import type { planContract } from '../../../shared/contract/plan';
import {
  copyPlan,
  deleteTask,
  getPlan,
  importPlan,
  planResults,
  resolveUnmatched,
  saveTask,
  unitTasks,
} from '../../services/plan';
import type { HandlersFor } from '../types';

export const planHandlers: HandlersFor<typeof planContract> = {
  'plan.get': ({ year }, ctx) => getPlan(ctx.db, year),
  'plan.import': ({ year, file, dryRun }, ctx) => importPlan(ctx.db, year, file, dryRun ?? false),
  'plan.saveTask': (input, ctx) => saveTask(ctx.db, input),
  'plan.deleteTask': ({ id }, ctx) => deleteTask(ctx.db, id),
  'plan.resolve': ({ unmatchedId, unitCode }, ctx) => resolveUnmatched(ctx.db, unmatchedId, unitCode),
  'plan.copy': ({ fromYear, toYear }, ctx) => copyPlan(ctx.db, fromYear, toYear),
  'plan.results': ({ periodId }, ctx) => planResults(ctx.db, periodId),
  'plan.unitTasks': ({ periodId, unitId }, ctx) => unitTasks(ctx.db, periodId, unitId),
};
