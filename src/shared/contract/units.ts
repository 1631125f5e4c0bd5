import { z } from 'zod';
import { UNIT_KINDS, type UnitKind } from '../domain/catalog';
import type { Submission, Unit } from '../domain/records';
import { fileSchema, id, isoDate, op } from './op';

const unitKind = z.enum(UNIT_KINDS);
const optText = (max: number) => z.string().max(max).nullable().optional();

export const unitInput = z
  .object({
    id: id.optional(),
    code: z
      .string()
      .trim()
      .min(1, 'Cần nhập mã đơn vị')
      .max(50)
      .regex(/^[\p{L}\p{N}_.-]+$/u, 'Mã đơn vị chỉ gồm chữ, số, dấu gạch, dấu chấm'),
    name: z.string().trim().min(1, 'Cần nhập tên đơn vị').max(300),
    kind: unitKind,
    group: optText(200),
    parentId: id.nullable().optional(),
    validFrom: isoDate.nullable().optional(),
    validTo: isoDate.nullable().optional(),
    contact: optText(200),
    phone: optText(50),
    email: optText(200),
    sortOrder: z.number().int().optional(),
    note: optText(1000),
  })
  .strict();
export type UnitInput = z.infer<typeof unitInput>;

export interface UnitImportRow {
  row: number;
  code: string;
  name: string;
  kind: UnitKind | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  action: 'new' | 'update' | 'same' | 'error';
  message?: string;
}

export interface UnitImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  errors: Array<{ row: number; message: string }>;
  /** rows imported with something to check (invisible characters removed from a name…); absent when none */
  warnings?: Array<{ row: number; message: string }>;
  rows: UnitImportRow[];
}

export const unitsContract = {
  'units.list': op(
    z
      .object({
        q: z.string().max(100).optional(),
        kind: unitKind.optional(),
        activeOnly: z.boolean().optional(),
      })
      .strict(),
  ).returns<Unit[]>(),
  'units.get': op(z.object({ id }).strict()).returns<{ unit: Unit; submissions: Submission[] }>(),
  'units.save': op(unitInput).invalidates(['units', 'periods', 'status', 'audit']).returns<Unit>(),
  'units.setActive': op(z.object({ id, active: z.boolean(), validTo: isoDate.nullable().optional() }).strict())
    .invalidates(['units', 'periods', 'status', 'audit'])
    .returns<Unit>(),
  'units.link': op(
    z
      .object({
        predecessorIds: z.array(id).min(1),
        successorIds: z.array(id).min(1),
        effectiveDate: isoDate,
      })
      .strict(),
  )
    .invalidates(['units', 'periods', 'status', 'audit'])
    .returns<{ linked: number }>(),
  'units.import': op(z.object({ file: fileSchema, dryRun: z.boolean().optional() }).strict())
    .invalidates(['units', 'periods', 'status', 'audit'])
    .returns<UnitImportResult>(),
};
