import type { periodsContract } from '../../../shared/contract/periods';
import {
  createPeriod,
  expectedUnits,
  getPeriod,
  getProvinceValues,
  listPeriods,
  setExpected,
  setPeriodStatus,
  setProvinceValue,
  updatePeriod,
} from '../../services/periods';
import type { HandlersFor } from '../types';

export const periodsHandlers: HandlersFor<typeof periodsContract> = {
  'periods.list': (_i, ctx) => listPeriods(ctx.db),
  'periods.get': ({ id }, ctx) => ({ ...getPeriod(ctx.db, id), expectedUnits: expectedUnits(ctx.db, id) }),
  'periods.create': (input, ctx) => createPeriod(ctx.db, input),
  'periods.update': (input, ctx) => updatePeriod(ctx.db, input),
  'periods.setExpected': ({ id, unitIds }, ctx) => setExpected(ctx.db, id, unitIds),
  'periods.setStatus': ({ id, status }, ctx) => setPeriodStatus(ctx.db, id, status),
  'periods.provinceValues': ({ id }, ctx) => getProvinceValues(ctx.db, id),
  'periods.setProvinceValue': (input, ctx) => setProvinceValue(ctx.db, input),
};
