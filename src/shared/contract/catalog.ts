import { z } from 'zod';
import type { Catalog } from '../domain/catalog';
import { op, empty } from './op';

const compareOp = z.enum(['<=', '<', '==', '>=', '>']);
const targets = z.record(z.string().regex(/^\d{4}$/), z.object({ op: compareOp, value: z.number() }));

export interface CatalogView extends Catalog {
  /** provincial targets that override the national ones: indicator code → year → target */
  provinceTargets: Record<string, Record<string, { op: '<=' | '<' | '==' | '>=' | '>'; value: number }>>;
}

export const catalogContract = {
  'catalog.get': op(empty).returns<CatalogView>(),
  'catalog.saveElement': op(
    z
      .object({
        code: z
          .string()
          .trim()
          .min(1)
          .max(50)
          .regex(/^[A-Z0-9_.]+$/, 'Mã chỉ dùng chữ in hoa, số, dấu gạch dưới'),
        name: z.string().trim().min(1).max(500),
        unit: z.string().max(50),
        type: z.enum(['integer', 'decimal', 'yesno', 'text']),
        cells: z.array(z.enum(['total', 'female', 'male', 'value'])).min(1),
        section: z.string().min(1).max(10),
        reportedBy: z.array(z.enum(['so_nganh', 'doan_the', 'xa', 'khac'])),
        sensitive: z.boolean().default(false),
        collectedFrom: z.enum(['units', 'province']).default('units'),
      })
      .strict(),
  )
    .invalidates(['catalog', 'consolidation', 'templates', 'status', 'audit'])
    .returns<{ code: string }>(),
  'catalog.saveIndicator': op(
    z
      .object({
        code: z.string().trim().min(1).max(50),
        name: z.string().trim().min(1).max(500),
        unit: z.string().max(50),
        numerator: z.string().min(1).max(200),
        denominator: z.string().min(1).max(200),
        factor: z.number().positive(),
        targets: targets.default({}),
      })
      .strict(),
  )
    .invalidates(['catalog', 'consolidation', 'templates', 'status', 'audit'])
    .returns<{ code: string }>(),
  'catalog.setProvinceTarget': op(
    z
      .object({
        indicator: z.string().min(1).max(50),
        year: z.number().int().min(2000).max(2100),
        target: z.object({ op: compareOp, value: z.number() }).nullable(),
      })
      .strict(),
  )
    .invalidates(['catalog', 'consolidation', 'templates', 'status', 'audit'])
    .returns<{ ok: true }>(),
};
