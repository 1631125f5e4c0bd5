import { z } from 'zod';
import type { CellKey, UnitKind } from '../domain/catalog';
import type { Consolidation, StatusReport } from '../domain/report';
import { cellKey, elementCode, id, op } from './op';

export interface DrillRow {
  unit: string;
  unitName: string;
  kind: UnitKind;
  value: number | boolean | string | null;
  na: boolean;
  submissionId: number;
  /**
   * the same figure in the same period of the previous year: the unit's own, or for a unit created by a 2025
   * merger the sum of its predecessors' (through the successor links); null when there is none
   */
  previous: number | null;
}

export interface TrendPoint {
  periodId: number;
  label: string;
  year: number;
  value: number | null;
}

export const reportsContract = {
  'status.get': op(z.object({ periodId: id }).strict()).returns<StatusReport>(),
  'consolidation.get': op(z.object({ periodId: id }).strict()).returns<Consolidation>(),
  'consolidation.drill': op(z.object({ periodId: id, element: elementCode, cell: cellKey }).strict()).returns<{
    element: string;
    cell: CellKey;
    rows: DrillRow[];
  }>(),
  /**
   * a period's text answers one page at a time (consolidation.get carries only the first page and textsTotal):
   * of one element (`code`) and matching `search` (diacritics and case ignored, on the unit and the answer)
   */
  'consolidation.texts': op(
    z
      .object({
        periodId: id,
        code: elementCode.optional(),
        search: z.string().max(200).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ).returns<{
    /** how many answers match (all pages) */
    total: number;
    offset: number;
    items: Consolidation['texts'];
  }>(),
  'consolidation.trend': op(
    z.object({ indicator: z.string().min(1).max(50), kind: z.enum(['half_year', 'year']).optional() }).strict(),
  ).returns<TrendPoint[]>(),
  /** every indicator's trend at once (one pass over the periods): indicator code → points, oldest first */
  'consolidation.trends': op(z.object({ kind: z.enum(['half_year', 'year']).optional() }).strict()).returns<
    Record<string, TrendPoint[]>
  >(),
  'reports.workbook': op(
    z
      .object({ periodId: id, includeSensitive: z.boolean().optional(), docNumber: z.string().max(50).optional() })
      .strict(),
  ).returns<{ name: string; bytes: Uint8Array }>(),
  'reports.printHtml': op(
    z
      .object({ periodId: id, includeSensitive: z.boolean().optional(), docNumber: z.string().max(50).optional() })
      .strict(),
  ).returns<{ title: string; html: string }>(),
  'reports.reminder': op(
    z
      .object({ periodId: id, newDeadline: z.string().max(20).optional(), docNumber: z.string().max(50).optional() })
      .strict(),
  ).returns<{
    title: string;
    text: string;
    html: string;
    /** units the letter names (missing and asked to send again) */
    units: number;
    /** of which asked to send again (status returned) */
    returned: number;
    /** a short message to paste into Zalo or an e-mail */
    message: string;
    /** the e-mail addresses of the units it names */
    emails: Array<{ unit: string; name: string; email: string }>;
  }>(),
  /** the reminder letter as a Word file */
  'reports.reminderDocx': op(
    z
      .object({ periodId: id, newDeadline: z.string().max(20).optional(), docNumber: z.string().max(50).optional() })
      .strict(),
  ).returns<{ name: string; bytes: Uint8Array }>(),
  /** the province's report draft as a Word file (Phần I–V from the data, the appendices as tables) */
  'reports.docx': op(
    z
      .object({ periodId: id, includeSensitive: z.boolean().optional(), docNumber: z.string().max(50).optional() })
      .strict(),
  ).returns<{ name: string; bytes: Uint8Array }>(),
};
