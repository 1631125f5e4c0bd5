import type { unitsContract } from '../../../shared/contract/units';
import { unitSubmissions } from '../../services/submissions';
import { getUnit, importUnitList, linkUnits, listUnits, saveUnit, setUnitActive } from '../../services/units';
import { sampleUnitList, unitListPrint, unitListXlsx } from '../../services/unit-list-out';
import type { HandlersFor } from '../types';

export const unitsHandlers: HandlersFor<typeof unitsContract> = {
  'units.list': (q, ctx) => listUnits(ctx.db, { ...q, today: ctx.today() }),
  'units.get': ({ id }, ctx) => ({ unit: getUnit(ctx.db, id, ctx.today()), submissions: unitSubmissions(ctx.db, id) }),
  'units.save': (input, ctx) => saveUnit(ctx.db, input),
  'units.setActive': ({ id, active, validTo }, ctx) => setUnitActive(ctx.db, id, active, validTo, ctx.today()),
  'units.link': ({ predecessorIds, successorIds, effectiveDate }, ctx) =>
    linkUnits(ctx.db, predecessorIds, successorIds, effectiveDate),
  'units.import': ({ file, dryRun, columns, decisions }, ctx) =>
    importUnitList(ctx.db, file, {
      dryRun: dryRun ?? false,
      ...(columns ? { columns } : {}),
      ...(decisions ? { decisions } : {}),
      today: ctx.today(),
    }),
  'units.exportXlsx': (_, ctx) => unitListXlsx(ctx.db, ctx.today()),
  'units.printHtml': (_, ctx) => unitListPrint(ctx.db, ctx.today()),
  'units.sampleXlsx': () => sampleUnitList(),
};
