import type { reportsContract } from '../../../shared/contract/reports';
import {
  consolidationTexts,
  drill,
  periodConsolidation,
  periodStatus,
  trend,
  trends,
} from '../../services/consolidation';
import { ministryWorkbook, printHtml, reminder, reminderWord, reportWord } from '../../services/reports';
import type { HandlersFor } from '../types';

export const reportsHandlers: HandlersFor<typeof reportsContract> = {
  'status.get': ({ periodId }, ctx) => periodStatus(ctx.db, periodId, ctx.today()),
  'consolidation.get': ({ periodId }, ctx) => periodConsolidation(ctx.db, periodId),
  'consolidation.drill': ({ periodId, element, cell }, ctx) => drill(ctx.db, periodId, element, cell),
  'consolidation.texts': (input, ctx) => consolidationTexts(ctx.db, input),
  'consolidation.trend': ({ indicator, kind }, ctx) => trend(ctx.db, indicator, kind),
  'consolidation.trends': ({ kind }, ctx) => trends(ctx.db, kind),
  'reports.workbook': ({ periodId, includeSensitive, docNumber }, ctx) =>
    ministryWorkbook(ctx.db, periodId, { includeSensitive, docNumber, today: ctx.today() }),
  'reports.printHtml': ({ periodId, includeSensitive, docNumber }, ctx) =>
    printHtml(ctx.db, periodId, { includeSensitive, docNumber, today: ctx.today() }),
  'reports.reminder': ({ periodId, newDeadline, docNumber }, ctx) =>
    reminder(ctx.db, periodId, ctx.today(), newDeadline, docNumber),
  'reports.reminderDocx': ({ periodId, newDeadline, docNumber }, ctx) =>
    reminderWord(ctx.db, periodId, ctx.today(), newDeadline, docNumber),
  'reports.docx': ({ periodId, includeSensitive, docNumber }, ctx) =>
    reportWord(ctx.db, periodId, { includeSensitive, docNumber, today: ctx.today() }),
};
