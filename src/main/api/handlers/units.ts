import type { unitsContract } from '../../../shared/contract/units';
import { unitSubmissions } from '../../services/submissions';
import { getUnit, importUnitList, linkUnits, listUnits, saveUnit, setUnitActive } from '../../services/units';
import type { HandlersFor } from '../types';

export const unitsHandlers: HandlersFor<typeof unitsContract> = {
  'units.list': (q, ctx) => listUnits(ctx.db, q),
  'units.get': ({ id }, ctx) => ({ unit: getUnit(ctx.db, id), submissions: unitSubmissions(ctx.db, id) }),
  'units.save': (input, ctx) => saveUnit(ctx.db, input),
  'units.setActive': ({ id, active, validTo }, ctx) => setUnitActive(ctx.db, id, active, validTo),
  'units.link': ({ predecessorIds, successorIds, effectiveDate }, ctx) =>
    linkUnits(ctx.db, predecessorIds, successorIds, effectiveDate),
  'units.import': ({ file, dryRun }, ctx) => importUnitList(ctx.db, file, dryRun ?? false),
};
