import { z } from 'zod';
import { PERIOD_KINDS } from '../domain/catalog';
import { PERIOD_STATUSES, type Period, type StoredValue, type Unit } from '../domain/records';
import { cellKey, elementCode, id, isoDate, op, empty } from './op';

export const cellValueSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('number'), value: z.number().finite() }),
  z.object({ state: z.literal('yesno'), value: z.boolean() }),
  z.object({ state: z.literal('text'), value: z.string().max(20000) }),
  z.object({ state: z.literal('na') }),
]);

/** The fields of an edit of one stored value (a submission's, a province figure): null clears it. */
export const cellEditFields = { id, element: elementCode, cell: cellKey, value: cellValueSchema.nullable() };

/** A new reporting period; the window, deadline and label default from the year and kind (NĐ 09/2019). */
export const createPeriodInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    kind: z.enum(PERIOD_KINDS),
    label: z.string().trim().min(1).max(200).optional(),
    dataFrom: isoDate.optional(),
    dataTo: isoDate.optional(),
    deadline: isoDate.optional(),
    templateCode: z.string().max(50).optional(),
  })
  .strict();
export type CreatePeriodInput = z.infer<typeof createPeriodInput>;

export const updatePeriodInput = z
  .object({
    id,
    label: z.string().trim().min(1).max(200).optional(),
    dataFrom: isoDate.optional(),
    dataTo: isoDate.optional(),
    deadline: isoDate.optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict();
export type UpdatePeriodInput = z.infer<typeof updatePeriodInput>;

const PERIOD_WRITE = ['periods', 'status', 'consolidation', 'templates', 'reports', 'audit'];

export const periodsContract = {
  'periods.list': op(empty).returns<Period[]>(),
  'periods.get': op(z.object({ id }).strict()).returns<Period & { expectedUnits: Unit[] }>(),
  'periods.create': op(createPeriodInput).invalidates(PERIOD_WRITE).returns<Period>(),
  'periods.update': op(updatePeriodInput).invalidates(PERIOD_WRITE).returns<Period>(),
  'periods.setExpected': op(z.object({ id, unitIds: z.array(id) }).strict())
    .invalidates(PERIOD_WRITE)
    .returns<Period>(),
  'periods.setStatus': op(z.object({ id, status: z.enum(PERIOD_STATUSES) }).strict())
    .invalidates(PERIOD_WRITE)
    .returns<Period>(),
  'periods.provinceValues': op(z.object({ id }).strict()).returns<StoredValue[]>(),
  'periods.setProvinceValue': op(
    z
      .object({
        ...cellEditFields,
        reason: z.string().max(1000).optional(),
      })
      .strict(),
  )
    .invalidates(['periods.provinceValues', 'consolidation', 'reports', 'audit'])
    .returns<StoredValue[]>(),
};
