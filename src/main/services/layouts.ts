/**
 * Layouts (issue 17): saved descriptions of forms the app did not generate. Saving checks the definition and
 * that every code it maps is in the catalogue (a data element, or with kind 'indicator' an indicator); each write
 * is audited. `suggestLayout` proposes one from a workbook (excel/layout/suggest.ts) with the unit matched to the
 * register the way the intake's identity check matches it.
 */
import { asc, eq } from 'drizzle-orm';
import {
  layoutDefinitionSchema,
  type LayoutDefinition,
  type LayoutPurpose,
  type LayoutSuggestion,
  type LayoutSummary,
  type StoredLayout,
} from '../../shared/contract/layouts';
import { AppError } from '../../shared/result';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { suggestFromBytes } from '../excel/layout/suggest';
import { audit } from './audit';
import { getCatalog } from './catalog';
import type { Ctx } from './context';
import { registerFor } from './imports/file';
import { resolveUnit, unitInFileName } from './imports/unit-identity';
import { NO_IDENTITY } from '../excel/form-identity';

type LayoutRowDb = typeof t.layouts.$inferSelect;

const mappedCount = (d: LayoutDefinition): number => d.rows.filter((r) => r.code).length;

function parseDefinition(row: LayoutRowDb): LayoutDefinition {
  const parsed = layoutDefinitionSchema.safeParse(JSON.parse(row.definition));
  if (!parsed.success)
    throw new AppError(
      'internal',
      `Mẫu biểu ngoài "${row.name}" lưu trong cơ sở dữ liệu bị hỏng. Hãy xóa mẫu này và lập lại từ tệp Excel.`,
    );
  return parsed.data;
}

function summary(row: LayoutRowDb, d: LayoutDefinition): LayoutSummary {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose as LayoutPurpose,
    rows: mappedCount(d),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Every code the definition maps must be in the catalogue; the message names the row. */
function checkCodes(db: Db, d: LayoutDefinition): void {
  const catalog = getCatalog(db);
  const elements = new Set(catalog.dataElements.map((e) => e.code));
  const indicators = new Set(catalog.indicators.map((i) => i.code));
  const seen = new Map<string, number>();
  for (const r of d.rows) {
    if (!r.code) continue;
    const kind = r.kind ?? 'element';
    const known = kind === 'indicator' ? indicators.has(r.code) : elements.has(r.code);
    if (!known) {
      throw new AppError(
        'invalid_input',
        `Dòng ${r.row} ("${r.label}") được gán mã "${r.code}" nhưng danh mục không có ${kind === 'indicator' ? 'chỉ số' : 'chỉ tiêu'} ` +
          'nào mang mã này. Hãy chọn một mã có trong danh mục, hoặc bỏ gán dòng này.',
      );
    }
    const key = `${kind}:${r.code}`;
    const before = seen.get(key);
    if (before !== undefined) {
      throw new AppError(
        'invalid_input',
        `Mã "${r.code}" được gán cho hai dòng (dòng ${before} và dòng ${r.row}): một số liệu chỉ đọc từ một dòng. ` +
          'Hãy bỏ gán một trong hai dòng.',
      );
    }
    seen.set(key, r.row);
  }
}

export function saveLayout(
  db: Db,
  input: { name: string; definition: LayoutDefinition; purpose?: LayoutPurpose | undefined; id?: number | undefined },
): { id: number } {
  const name = input.name.trim();
  // what a suggestion carries besides the layout (the preview, the unit and period it read) is not kept
  const {
    preview: _preview,
    unitFound: _unit,
    periodFound: _period,
    ...definition
  } = layoutDefinitionSchema.parse(input.definition) as LayoutDefinition & Record<string, unknown>;
  checkCodes(db, definition);
  const purpose = input.purpose ?? 'import';
  const other = db.select().from(t.layouts).where(eq(t.layouts.name, name)).get();
  if (other && other.id !== input.id) {
    throw new AppError('conflict', `Đã có mẫu biểu ngoài tên "${name}". Hãy đặt tên khác, hoặc mở mẫu đó để sửa.`);
  }
  const json = JSON.stringify(definition);
  return db.transaction((tx) => {
    if (input.id !== undefined) {
      const before = tx.select().from(t.layouts).where(eq(t.layouts.id, input.id)).get();
      if (!before) throw new AppError('not_found', `Không có mẫu biểu ngoài số ${input.id}.`);
      tx.update(t.layouts)
        .set({ name, purpose, definition: json, updatedAt: new Date().toISOString() })
        .where(eq(t.layouts.id, input.id))
        .run();
      audit(tx as unknown as Db, {
        action: 'layout.update',
        entity: 'layout',
        entityId: input.id,
        before: { name: before.name, purpose: before.purpose, rows: mappedCount(parseDefinition(before)) },
        after: { name, purpose, rows: mappedCount(definition) },
      });
      return { id: input.id };
    }
    const row = tx.insert(t.layouts).values({ name, purpose, definition: json }).returning({ id: t.layouts.id }).get();
    audit(tx as unknown as Db, {
      action: 'layout.create',
      entity: 'layout',
      entityId: row.id,
      after: { name, purpose, rows: mappedCount(definition) },
    });
    return { id: row.id };
  });
}

export function listLayouts(db: Db): { layouts: LayoutSummary[] } {
  const rows = db.select().from(t.layouts).orderBy(asc(t.layouts.name)).all();
  return { layouts: rows.map((r) => summary(r, parseDefinition(r))) };
}

export function getLayout(db: Db, id: number): StoredLayout {
  const row = db.select().from(t.layouts).where(eq(t.layouts.id, id)).get();
  if (!row)
    throw new AppError(
      'not_found',
      `Không có mẫu biểu ngoài số ${id}. Hãy chọn một mẫu có trong danh sách Mẫu biểu ngoài.`,
    );
  const definition = parseDefinition(row);
  return { ...summary(row, definition), definition };
}

export function deleteLayout(db: Db, id: number): { deleted: boolean } {
  const row = db.select().from(t.layouts).where(eq(t.layouts.id, id)).get();
  if (!row) return { deleted: false };
  return db.transaction((tx) => {
    tx.delete(t.layouts).where(eq(t.layouts.id, id)).run();
    audit(tx as unknown as Db, {
      action: 'layout.delete',
      entity: 'layout',
      entityId: id,
      before: { name: row.name, purpose: row.purpose, rows: mappedCount(parseDefinition(row)) },
    });
    return { deleted: true };
  });
}

/**
 * A layout proposed from a workbook: the table, each row's proposed code, where the unit and the period are
 * written. The unit is matched against the register like the intake's identity check: an ambiguous or weak match
 * gives no unit (never a guess).
 */
export async function suggestLayout(
  ctx: Ctx,
  input: { file: { name: string; bytes: Uint8Array }; purpose?: LayoutPurpose | undefined },
): Promise<LayoutSuggestion> {
  const catalog = getCatalog(ctx.db);
  const reg = registerFor(ctx.raw);
  return suggestFromBytes(input.file.bytes, input.file.name, {
    elements: catalog.dataElements,
    indicators: input.purpose === 'appendix' ? catalog.indicators : [],
    ...(input.purpose ? { purpose: input.purpose } : {}),
    unitOf: (text, source) => {
      const unit =
        source === 'file'
          ? unitInFileName(reg, text)
          : ((w) => (w.kind === 'unit' ? w.unit : null))(
              resolveUnit({ source: 'header', ...NO_IDENTITY, visibleUnitName: text }, '', reg),
            );
      return unit ? { code: unit.code, name: unit.name } : null;
    },
  });
}
