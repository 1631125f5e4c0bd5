import { z } from 'zod';
import {
  CELL_KEYS,
  COLLECTED_FROM,
  COMPARE_OPS,
  UNIT_KINDS,
  VALUE_TYPES,
  type Catalog,
  type Target,
} from '../domain/catalog';
import { op, empty } from './op';

const target = z.object({ op: z.enum(COMPARE_OPS), value: z.number() });
const targets = z.record(z.string().regex(/^\d{4}$/), target);

export interface CatalogView extends Catalog {
  /** provincial targets that override the national ones: indicator code → year → target */
  provinceTargets: Record<string, Record<string, Target>>;
}

/** A data element the officer adds or edits (the seed's are not editable). */
export const dataElementInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[A-Z0-9_.]+$/, 'Mã chỉ dùng chữ in hoa, số, dấu gạch dưới'),
    name: z.string().trim().min(1).max(500),
    unit: z.string().max(50),
    type: z.enum(VALUE_TYPES),
    cells: z.array(z.enum(CELL_KEYS)).min(1),
    section: z.string().min(1).max(10),
    reportedBy: z.array(z.enum(UNIT_KINDS)),
    /**
     * who reports it when not every unit of those kinds: unit codes and roles ("vai-tro:y_te"); null or [] = every
     * unit of the kinds. On an element of the standard catalogue this is the only thing that can be changed.
     */
    reporterUnits: z.array(z.string().trim().min(1).max(60)).max(500).nullable().optional(),
    sensitive: z.boolean().default(false),
    collectedFrom: z.enum(COLLECTED_FROM).default('units'),
  })
  .strict();
export type DataElementInput = z.infer<typeof dataElementInput>;

/** An indicator of the province's own (a ratio of figures, with its targets). */
export const indicatorInput = z
  .object({
    code: z.string().trim().min(1).max(50),
    name: z.string().trim().min(1).max(500),
    unit: z.string().max(50),
    numerator: z.string().min(1).max(200),
    denominator: z.string().min(1).max(200),
    factor: z.number().positive(),
    targets: targets.default({}),
  })
  .strict();
export type IndicatorInput = z.infer<typeof indicatorInput>;

export const catalogContract = {
  'catalog.get': op(empty).returns<CatalogView>(),
  'catalog.saveElement': op(dataElementInput)
    .invalidates(['catalog', 'consolidation', 'templates', 'status', 'audit'])
    .returns<{ code: string }>(),
  'catalog.saveIndicator': op(indicatorInput)
    .invalidates(['catalog', 'consolidation', 'templates', 'status', 'audit'])
    .returns<{ code: string }>(),
  'catalog.setProvinceTarget': op(
    z
      .object({
        indicator: z.string().min(1).max(50),
        year: z.number().int().min(2000).max(2100),
        target: target.nullable(),
      })
      .strict(),
  )
    .invalidates(['catalog', 'consolidation', 'templates', 'status', 'audit'])
    .returns<{ ok: true }>(),
};
