/** The province's report to the ministry: workbook, print view, reminder letter. */
import type { PeriodKind } from '../../shared/domain/catalog';
import { planNarrative } from '../documents/plan-narrative';
import { slugify } from '../../shared/text/vi';
import type { Db } from '../db/open';
import { buildMinistryWorkbook } from '../documents/workbook';
import { buildPrintHtml } from '../documents/print-html';
import { buildReminder, reminderDocx, type ReminderInput } from '../documents/reminder';
import { reportDraftDocx } from '../documents/report-docx';
import { figureColumns, type ReportModel } from '../documents/model';
import { getCatalog } from './catalog';
import { periodConsolidation, periodStatus, unitValues } from './consolidation';
import { getPeriodRow } from './periods';
import { planResults } from './plan';
import { getSettings } from './settings';
import { figureTable, unitFigures } from './reports-figures';

/** the elements of Phụ lục V's columns */
const figureElements = (model: ReportModel) => [...new Set(figureColumns(model).map((c) => c.element.code))];

function periodInfo(p: ReturnType<typeof getPeriodRow>): ReportModel['period'] {
  const { id, label, year, dataFrom, dataTo, deadline } = p;
  return { id, label, year, kind: p.kind as PeriodKind, dataFrom, dataTo, deadline };
}

/**
 * What the documents are written from. `byUnit: 'figures'`: each unit's values of the figure elements only (Phụ lục
 * V prints nothing else of them), read lean (services/reports-figures.ts); `'none'`: no unit's values (the ministry
 * workbook, which takes them as a table: ministryWorkbook).
 */
export function reportModel(
  db: Db,
  periodId: number,
  opts: { includeSensitive?: boolean; docNumber?: string; today: string; byUnit?: 'all' | 'figures' | 'none' },
): ReportModel {
  const p = getPeriodRow(db, periodId);
  const catalog = getCatalog(db);
  const model: ReportModel = {
    settings: getSettings(db),
    period: periodInfo(p),
    catalog: {
      sections: catalog.sections,
      cellLabels: catalog.cellLabels,
      dataElements: catalog.dataElements,
      indicators: catalog.indicators,
    },
    // the documents list every text answer (the screens page them)
    consolidation: periodConsolidation(db, periodId, { allTexts: true }),
    status: periodStatus(db, periodId),
    byUnit:
      opts.byUnit === 'figures' || opts.byUnit === 'none'
        ? []
        : unitValues(db, periodId).map((u) => ({
            unitCode: u.unitCode,
            unitName: u.unitName,
            kind: u.kind,
            values: u.values,
          })),
    includeSensitive: opts.includeSensitive ?? false,
    today: opts.today,
    planTasks: planResults(db, periodId).tasks,
  };
  if (opts.docNumber) model.docNumber = opts.docNumber;
  if (opts.byUnit === 'figures') model.byUnit = [...unitFigures(db, periodId, figureElements(model))];
  return model;
}

export async function ministryWorkbook(
  db: Db,
  periodId: number,
  opts: { includeSensitive?: boolean; docNumber?: string; today: string },
) {
  const model = reportModel(db, periodId, { ...opts, byUnit: 'none' });
  // Phụ lục V's figures as a table of columns, no object per value (documents/workbook-figures.ts)
  const figures = figureTable(db, periodId, figureElements(model));
  const bytes = await buildMinistryWorkbook(model, figures);
  return { name: `bao-cao-bdg_${slugify(model.period.label)}.xlsx`, bytes: new Uint8Array(bytes) };
}

export function printHtml(
  db: Db,
  periodId: number,
  opts: { includeSensitive?: boolean; docNumber?: string; today: string },
) {
  const model = reportModel(db, periodId, opts);
  return { title: `Báo cáo ${model.period.label}`, html: buildPrintHtml(model) };
}

function reminderInput(
  db: Db,
  periodId: number,
  today: string,
  newDeadline?: string,
  docNumber?: string,
): ReminderInput {
  const p = getPeriodRow(db, periodId);
  const status = periodStatus(db, periodId, today);
  return {
    settings: getSettings(db),
    period: periodInfo(p),
    missing: status.units.filter((u) => u.status === 'missing'),
    returned: status.units.filter((u) => u.status === 'returned'),
    today,
    ...(newDeadline ? { newDeadline } : {}),
    ...(docNumber?.trim() ? { docNumber: docNumber.trim() } : {}),
  };
}

export function reminder(db: Db, periodId: number, today: string, newDeadline?: string, docNumber?: string) {
  const input = reminderInput(db, periodId, today, newDeadline, docNumber);
  const { document: _d, ...r } = buildReminder(input);
  const returned = input.returned?.length ?? 0;
  return { ...r, units: input.missing.length + returned, returned };
}

/** the reminder letter as a Word file */
export async function reminderWord(db: Db, periodId: number, today: string, newDeadline?: string, docNumber?: string) {
  const input = reminderInput(db, periodId, today, newDeadline, docNumber);
  const bytes = await reminderDocx(input);
  return { name: `don-doc_${slugify(input.period.label)}.docx`, bytes };
}

/** the province's report draft as a Word file (Phần I–V and the appendices) */
export async function reportWord(
  db: Db,
  periodId: number,
  opts: { includeSensitive?: boolean; docNumber?: string; today: string },
) {
  const model = reportModel(db, periodId, opts);
  // Phần I from the year's plan when it has tasks (a paragraph per section), else from section I's figures
  const tasks = planNarrative(model.planTasks ?? []).map((p) => p.text);
  const bytes = await reportDraftDocx({ model, tasks });
  return { name: `bao-cao-bdg_${slugify(model.period.label)}.docx`, bytes };
}
