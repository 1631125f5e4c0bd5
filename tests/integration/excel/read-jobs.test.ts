/**
 * Every reader of a workbook somebody sent (a filled form, a file read by a saved layout, a unit list, the year's
 * plan) runs within the parse worker's time and memory limits (excel/read-jobs.ts): in the worker it gives exactly
 * what it gives in this thread, and a file that makes exceljs run away (a merge over the whole sheet) is refused
 * in Vietnamese, with nothing written, instead of taking the process that owns the database down with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, SO_Y_TE } from '../../../scripts/make-layout-fixtures';
import { dispatch } from '../../../src/main/api/dispatch';
import { loadGrid } from '../../../src/main/excel/grid';
import { readByLayout } from '../../../src/main/excel/layout/read';
import {
  configureParsePool,
  parseByLayout,
  parsePlan,
  parsePoolSettings,
  parsePoolState,
  parseUnitList,
  shutdownParsePool,
} from '../../../src/main/excel/parse-pool';
import { readPlan } from '../../../src/main/excel/plan-reader';
import { readUnitList } from '../../../src/main/excel/unit-list-reader';
import { getCatalog } from '../../../src/main/services/catalog';
import type { LayoutDefinition, LayoutSuggestion } from '../../../src/shared/contract/layouts';
import { hostileMerge } from '../../helpers/hostile';
import { expectOnlyInbox, tableCounts } from '../../helpers/province';
import { cleanup, importOne, province } from '../intake/helpers';

const FIX = join(__dirname, '../../fixtures');
const TOO_COMPLEX = /^Tệp quá phức tạp hoặc bị hỏng nên không đọc được trong thời gian cho phép/;
const original = parsePoolSettings();
// the worker's answers: every file goes to it (the short path in this thread is the default, tested below)
const inWorker = { ...original, fastInProcess: false };

beforeAll(() => configureParsePool(inWorker));
afterEach(cleanup);
afterAll(async () => {
  configureParsePool(original);
  await shutdownParsePool();
});

async function outcome<T>(
  run: () => Promise<T>,
): Promise<{ ok: T } | { error: { code: string | null; message: string } }> {
  try {
    return { ok: await run() };
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { error: { code: err.code ?? null, message: err.message } };
  }
}

const unitLists = (['exceljs', 'libreoffice'] as const).flatMap((w) =>
  readdirSync(join(FIX, 'units', w))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => ({ name: `${w}/${f}`, bytes: new Uint8Array(readFileSync(join(FIX, 'units', w, f))) })),
);
const plans = readdirSync(join(FIX, 'plan')).map((f) => ({
  name: f,
  bytes: new Uint8Array(readFileSync(join(FIX, 'plan', f))),
}));

describe('in the worker, every reader gives what it gives in this thread', () => {
  it('unit lists, as exceljs and LibreOffice write them', async () => {
    expect(unitLists.length).toBeGreaterThanOrEqual(10);
    for (const f of unitLists) {
      const here = await outcome(() => readUnitList(f.bytes, f.name, {}));
      expect(await outcome(() => parseUnitList(f.bytes, f.name, {})), f.name).toEqual(here);
      const columns = { B: 'name' as const, A: 'code' as const };
      expect(await outcome(() => parseUnitList(f.bytes, f.name, columns)), f.name).toEqual(
        await outcome(() => readUnitList(f.bytes, f.name, columns)),
      );
    }
    expect(parsePoolState().threadId).not.toBeNull();
  });

  it('plan lists', async () => {
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const f of plans) {
      const here = await readPlan(f.bytes, f.name);
      expect(here.rows.length, f.name).toBeGreaterThan(0);
      expect(await parsePlan(f.bytes, f.name), f.name).toEqual(here);
    }
  });

  it('a province form read by its saved layout', async () => {
    const { ctx } = province({ kind: 'year', year: 2025 });
    const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, SO_Y_TE.file)));
    const s = await dispatch(ctx, 'layouts.suggest', { file: { name: SO_Y_TE.file, bytes } });
    if (!s.ok) throw new Error(s.error.message);
    const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = s.data as LayoutSuggestion;
    const def = definition as LayoutDefinition;
    const catalog = getCatalog(ctx.db);
    const here = readByLayout(await loadGrid(bytes, SO_Y_TE.file), SO_Y_TE.file, def, 'Biểu Sở Y tế', catalog);
    expect(here.parsed.values.length).toBeGreaterThan(0);
    expect(await parseByLayout(bytes, SO_Y_TE.file, def, 'Biểu Sở Y tế', catalog)).toEqual(here);
  });
});

describe('a file that makes the reader run away is refused within the limits, nothing written', () => {
  beforeAll(() => configureParsePool({ ...original, timeoutMs: 3000 }));
  afterAll(() => configureParsePool(inWorker));

  it('a unit list', async () => {
    const { ctx } = province();
    const before = tableCounts(ctx);
    const good = unitLists.find((f) => f.name === 'exceljs/khoi.xlsx')!;
    const r = await dispatch(ctx, 'units.import', {
      file: { name: 'danh-sach-hong.xlsx', bytes: hostileMerge(good.bytes) },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_file');
    expect(r.error.message).toMatch(TOO_COMPLEX);
    expect(r.error.message).toContain('danh-sach-hong.xlsx');
    expect(tableCounts(ctx)).toEqual(before);
    // the next list is read as ever
    const next = await dispatch(ctx, 'units.import', { file: { name: 'khoi.xlsx', bytes: good.bytes }, dryRun: true });
    expect(next.ok).toBe(true);
  });

  it('a plan list', async () => {
    const { ctx } = province();
    const before = tableCounts(ctx);
    const r = await dispatch(ctx, 'plan.import', {
      year: 2026,
      file: { name: 'ke-hoach-hong.xlsx', bytes: hostileMerge(plans[0]!.bytes) },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_file');
    expect(r.error.message).toMatch(TOO_COMPLEX);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('a province form imported by its layout', async () => {
    const p = province({ kind: 'year', year: 2025 });
    const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, SO_Y_TE.file)));
    const s = await dispatch(p.ctx, 'layouts.suggest', { file: { name: SO_Y_TE.file, bytes } });
    if (!s.ok) throw new Error(s.error.message);
    const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = s.data as LayoutSuggestion;
    const saved = await dispatch(p.ctx, 'layouts.save', { name: 'Biểu Sở Y tế', definition });
    if (!saved.ok) throw new Error(saved.error.message);
    const layoutId = (saved.data as { id: number }).id;
    const before = tableCounts(p.ctx);
    const bad = await importOne(p.ctx, p.period.id, { name: SO_Y_TE.file, bytes: hostileMerge(bytes) }, { layoutId });
    expect(bad.status).toBe('rejected');
    expect(bad.errors.map((e) => e.code)).toEqual(['BAD_FILE']);
    expect(bad.errors[0]!.message).toMatch(TOO_COMPLEX);
    // only the inbox keeps a trace of the refused file (its attempt and its original)
    expectOnlyInbox(p.ctx, before);
    const good = await importOne(p.ctx, p.period.id, { name: SO_Y_TE.file, bytes }, { layoutId });
    expect(good.status).toBe('accepted');
  });
});
