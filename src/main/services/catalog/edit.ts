/**
 * The officer's own catalogue entries: local data elements (joining the default templates, in a new version
 * when a template is frozen), local indicators, and provincial targets that override the national ones.
 */
import { and, eq } from 'drizzle-orm';
import type { DataElementInput, IndicatorInput } from '../../../shared/contract/catalog';
import type { Target } from '../../../shared/domain/catalog';
import { AppError } from '../../../shared/result';
import type { Db } from '../../db/open';
import * as t from '../../db/schema';
import { audit } from '../audit';
import { latestTemplate } from './read';
import { markReportersEdited, SEED } from './seed';
import { isRoleEntry, roleOf } from '../../../shared/domain/reporters';
import { bumpCatalogStamp } from './stamp';

/**
 * Adds or edits a local data element. A unit-collected element joins the default template; when that template
 * is frozen (a period uses it) a new version is made instead, so old periods keep their form.
 */
export function saveLocalElement(db: Db, input: DataElementInput): { code: string } {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const existing = d.select().from(t.dataElements).where(eq(t.dataElements.code, input.code)).get();
    const reporterUnits = checkReporters(input.reporterUnits);
    if (existing && !existing.local) {
      if (input.reporterUnits === undefined) {
        throw new AppError(
          'conflict',
          `Mã "${input.code}" thuộc danh mục chuẩn, không sửa được. Hãy chọn mã khác cho chỉ tiêu của tỉnh.`,
        );
      }
      // a standard element: only who reports it changes (kept by later seed upgrades)
      d.update(t.dataElements).set({ reporterUnits }).where(eq(t.dataElements.code, input.code)).run();
      markReportersEdited(d, input.code);
      audit(d, {
        action: 'update',
        entity: 'data_element',
        entityId: input.code,
        before: { reporterUnits: existing.reporterUnits },
        after: { reporterUnits },
      });
      bumpCatalogStamp(d);
      return { code: input.code };
    }
    if (!d.select().from(t.sections).where(eq(t.sections.code, input.section)).get()) {
      throw new AppError('invalid_input', `Không có mục "${input.section}" trong danh mục.`);
    }
    if (input.type === 'text' || input.type === 'yesno') {
      if (input.cells.length !== 1 || input.cells[0] !== 'value') {
        throw new AppError('invalid_input', 'Chỉ tiêu dạng Có/Không hoặc văn bản chỉ có một ô "Số liệu".');
      }
    }
    const row = {
      code: input.code,
      name: input.name,
      unit: input.unit,
      type: input.type,
      cells: input.cells,
      section: input.section,
      reportedBy: input.collectedFrom === 'province' ? [] : input.reportedBy,
      reporterUnits: input.collectedFrom === 'province' ? null : reporterUnits,
      sensitive: input.sensitive,
      collectedFrom: input.collectedFrom,
      aggregation:
        input.collectedFrom === 'province'
          ? 'province_value'
          : input.type === 'yesno'
            ? 'count_yes'
            : input.type === 'text'
              ? 'list_by_unit'
              : 'sum',
      local: true,
      sortOrder: 10_000,
    };
    d.insert(t.dataElements).values(row).onConflictDoUpdate({ target: t.dataElements.code, set: row }).run();
    audit(d, {
      action: existing ? 'update' : 'create',
      entity: 'data_element',
      entityId: input.code,
      before: existing ?? null,
      after: row,
    });
    if (input.collectedFrom === 'units') {
      for (const code of new Set(SEED.templates.map((x) => x.code))) {
        const tpl = latestTemplate(d, code);
        if (tpl.rows.includes(input.code)) continue;
        const rows = [...tpl.rows, input.code];
        if (tpl.frozen) {
          d.insert(t.templates)
            .values({ code: tpl.code, version: tpl.version + 1, name: tpl.name, periodKinds: tpl.periodKinds, rows })
            .run();
          audit(d, {
            action: 'new_version',
            entity: 'template',
            entityId: `${tpl.code} v${tpl.version + 1}`,
            before: tpl.rows,
            after: rows,
          });
        } else {
          d.update(t.templates).set({ rows }).where(eq(t.templates.id, tpl.id)).run();
          audit(d, {
            action: 'update',
            entity: 'template',
            entityId: `${tpl.code} v${tpl.version}`,
            before: tpl.rows,
            after: rows,
          });
        }
      }
    }
    bumpCatalogStamp(d);
    return { code: input.code };
  });
}

/** The entries of "who reports it": unit codes (as typed) and the known roles; [] is null (every unit of the kinds). */
function checkReporters(list: string[] | null | undefined): string[] | null {
  if (!list || list.length === 0) return null;
  const out: string[] = [];
  for (const e of list) {
    if (isRoleEntry(e) && !roleOf(e)) {
      throw new AppError('invalid_input', `Không có vai trò "${e}" trong danh mục (ai báo cáo chỉ tiêu).`);
    }
    if (!out.includes(e)) out.push(e);
  }
  return out;
}

export function saveLocalIndicator(db: Db, input: IndicatorInput, validate: (expr: string) => void): { code: string } {
  validate(input.numerator);
  validate(input.denominator);
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const existing = d.select().from(t.indicators).where(eq(t.indicators.code, input.code)).get();
    if (existing && !existing.local) {
      throw new AppError(
        'conflict',
        `Mã "${input.code}" thuộc danh mục chuẩn. Muốn đặt chỉ tiêu riêng của tỉnh cho năm nào, hãy dùng "Chỉ tiêu của tỉnh".`,
      );
    }
    const row = { ...input, verified: null, source: 'Chỉ tiêu do tỉnh bổ sung', local: true, sortOrder: 10_000 };
    d.insert(t.indicators).values(row).onConflictDoUpdate({ target: t.indicators.code, set: row }).run();
    bumpCatalogStamp(d);
    audit(d, {
      action: existing ? 'update' : 'create',
      entity: 'indicator',
      entityId: input.code,
      before: existing ?? null,
      after: row,
    });
    return { code: input.code };
  });
}

export function setProvinceTarget(db: Db, indicator: string, year: number, target: Target | null): void {
  db.transaction((tx) => {
    const d = tx as unknown as Db;
    if (!d.select().from(t.indicators).where(eq(t.indicators.code, indicator)).get()) {
      throw new AppError('not_found', `Không có chỉ tiêu "${indicator}".`);
    }
    const where = and(eq(t.provinceTargets.indicator, indicator), eq(t.provinceTargets.year, year));
    const before = d.select().from(t.provinceTargets).where(where).get() ?? null;
    if (target === null) d.delete(t.provinceTargets).where(where).run();
    else
      d.insert(t.provinceTargets)
        .values({ indicator, year, op: target.op, value: target.value })
        .onConflictDoUpdate({
          target: [t.provinceTargets.indicator, t.provinceTargets.year],
          set: { op: target.op, value: target.value },
        })
        .run();
    bumpCatalogStamp(d);
    audit(d, {
      action: target ? 'set' : 'clear',
      entity: 'province_target',
      entityId: `${indicator}/${year}`,
      before,
      after: target,
    });
  });
}
