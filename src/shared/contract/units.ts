import { z } from 'zod';
import { UNIT_KINDS, type UnitKind } from '../domain/catalog';
import type { Submission, Unit } from '../domain/records';
import { normalizeUnitCode, UNIT_CODE_PATTERN } from '../text/unit-code';
import { fileSchema, id, isoDate, op } from './op';

const unitKind = z.enum(UNIT_KINDS);
const optText = (max: number) => z.string().max(max).nullable().optional();

export const unitInput = z
  .object({
    id: id.optional(),
    code: z
      .string()
      .transform(normalizeUnitCode)
      .pipe(
        z
          .string()
          .min(1, 'Cần nhập mã đơn vị')
          .max(50)
          .regex(UNIT_CODE_PATTERN, 'Mã đơn vị chỉ gồm chữ, số, dấu gạch, dấu chấm'),
      ),
    name: z.string().trim().min(1, 'Cần nhập tên đơn vị').max(300),
    kind: unitKind,
    group: optText(200),
    parentId: id.nullable().optional(),
    validFrom: isoDate.nullable().optional(),
    validTo: isoDate.nullable().optional(),
    contact: optText(200),
    position: optText(200),
    address: optText(300),
    phone: optText(50),
    email: optText(200),
    sortOrder: z.number().int().optional(),
    note: optText(1000),
  })
  .strict();
export type UnitInput = z.input<typeof unitInput>;

/** What a column of an imported list can hold (the reader, the preview and the CLI's --columns share it). */
export const UNIT_LIST_FIELDS = [
  'code',
  'name',
  'kind',
  'group',
  'contact',
  'position',
  'phone',
  'email',
  'address',
  'note',
  'validFrom',
  'validTo',
  'successor',
  'mergeDate',
] as const;
export type UnitListField = (typeof UNIT_LIST_FIELDS)[number];

/** The officer's name for each field (headers of the preview, messages that name a missing column). */
export const UNIT_FIELD_LABEL: Record<UnitListField, string> = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  kind: 'Loại đơn vị',
  group: 'Nhóm',
  contact: 'Người đầu mối',
  position: 'Chức vụ',
  phone: 'Điện thoại',
  email: 'Thư điện tử',
  address: 'Địa chỉ',
  note: 'Ghi chú',
  validFrom: 'Hiệu lực từ ngày',
  validTo: 'Hiệu lực đến ngày (hết hiệu lực)',
  successor: 'Sáp nhập vào (đơn vị kế thừa)',
  mergeDate: 'Ngày sáp nhập (hết hiệu lực từ ngày)',
};

/** A column's role: a field, kept in the notes ('extra'), or ignored ('skip', e.g. STT). */
export const UNIT_COLUMN_ROLES = [...UNIT_LIST_FIELDS, 'extra', 'skip'] as const;
export type UnitColumnRole = (typeof UNIT_COLUMN_ROLES)[number];

/** The officer's choices on the preview; the apply op takes them so it writes exactly what she accepted. */
export const unitImportDecisions = z
  .object({
    /** rows (spreadsheet row numbers) she unticked: not written at all */
    skipRows: z.array(z.number().int().positive()).max(5000).optional(),
    /** single field changes she unticked (an existing unit keeps that field) */
    skipChanges: z
      .array(z.object({ row: z.number().int().positive(), field: z.string().max(30) }).strict())
      .max(50000)
      .optional(),
    /** codes she typed over generated ones */
    codes: z
      .array(z.object({ row: z.number().int().positive(), code: z.string().max(50) }).strict())
      .max(5000)
      .optional(),
    /** kinds she chose for a row (guessed from the name, or not guessed) */
    kinds: z
      .array(z.object({ row: z.number().int().positive(), kind: unitKind }).strict())
      .max(5000)
      .optional(),
  })
  .strict();
export type UnitImportDecisions = z.infer<typeof unitImportDecisions>;

export interface UnitImportColumn {
  letter: string;
  header: string;
  role: UnitColumnRole;
  samples: string[];
}

export interface UnitImportChange {
  row: number;
  code: string;
  /** a UnitImportRow field: name, kind, contact, position, phone, email, address, group, note, validFrom, validTo, successor */
  field: string;
  before: string | null;
  after: string | null;
}

export interface UnitImportRow {
  row: number;
  code: string;
  name: string;
  kind: UnitKind | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  action: 'new' | 'update' | 'same' | 'error' | 'skipped';
  message?: string;
  position?: string | null;
  address?: string | null;
  note?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  successors?: string[];
  /** the kind was guessed from the name */
  kindInferred?: boolean;
  /** the code was generated (the list has no code column) */
  generated?: boolean;
  /** the existing unit the row matched by name (a list without codes) */
  matchedByName?: boolean;
}

export interface UnitImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  errors: Array<{ row: number; message: string }>;
  /** rows imported with something to check (invisible characters removed from a name…); absent when none */
  warnings?: Array<{ row: number; message: string }>;
  rows: UnitImportRow[];
  /** field-level changes to existing units (before → after); empty fields of the file never wipe a value */
  changes: UnitImportChange[];
  /** codes made for rows of a list without a code column (README: kind prefix + number in list order) */
  generatedCodes: Array<{ row: number; code: string; name: string }>;
  /** units of the register (active today) the list does not name: listed, never deactivated */
  absent: Array<{ code: string; name: string }>;
  /** merger links the list records ("Sáp nhập vào") */
  links: Array<{ row: number; predecessor: string; successors: string[]; effectiveDate: string }>;
  /** how the file's columns were read; `missing` names needed columns not recognised */
  columns: UnitImportColumn[];
  headerRow: number;
  missing: string[];
  /** true when a needed column was not recognised: nothing can be imported until she says which column it is */
  needsMapping: boolean;
  /** one sentence per thing the preview must say (columns kept as notes…) */
  notices: string[];
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
  'units.import': op(
    z
      .object({
        file: fileSchema,
        dryRun: z.boolean().optional(),
        /** column letter → what it holds, overriding the headers ("B" → "name") */
        columns: z.record(z.string().regex(/^[A-Za-z]{1,3}$/), z.enum(UNIT_COLUMN_ROLES)).optional(),
        decisions: unitImportDecisions.optional(),
      })
      .strict(),
  )
    .invalidates(['units', 'periods', 'status', 'audit'])
    .returns<UnitImportResult>(),
  /** the register as an .xlsx (the columns the import reads, so it can be edited and imported back) */
  'units.exportXlsx': op(z.object({}).strict()).returns<{ name: string; bytes: Uint8Array }>(),
  /** the register to print: A4, NĐ 30 header */
  'units.printHtml': op(z.object({}).strict()).returns<{ title: string; html: string }>(),
  /** a sample list to start from: the recognised headers and a few example rows */
  'units.sampleXlsx': op(z.object({}).strict()).returns<{ name: string; bytes: Uint8Array }>(),
};
