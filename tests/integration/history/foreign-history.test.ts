/**
 * Issue 17's acceptance: "A 2025 period filled from 30 files in a foreign layout, a 2026 period from the app's own
 * forms: the 2026 consolidation's `previous` equals the 2025 sums, through a merger."
 *
 * The 2025 files are the province's own forms written by hand with exceljs (scripts/make-layout-fixtures.ts
 * writeForm: a departments' form with "Tổng số | Trong đó nữ", the unit in a header cell; a communes' value-only
 * form, the unit in a "Tên đơn vị" cell), each unit with figures of its own. Two layouts are mapped from one copy
 * of each (layouts.suggest, saved as suggested), and the two folders imported with them in December 2026 without
 * receipt dates (history). Six of the 2025 communes merged two by two on 01/7/2025; the 2026 period expects their
 * three successors, which send the app's own form. The 2025 sums are the test's own, from the figures it typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAM_DUONG, SO_Y_TE, writeForm, type FormSpec, type SpecRow } from '../../../scripts/make-layout-fixtures';
import { dispatch } from '../../../src/main/api/dispatch';
import { fillForm } from '../../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { runCli } from '../../../src/main/hosts/cli/run';
import { getCatalog } from '../../../src/main/services/catalog';
import { exportTemplates } from '../../../src/main/services/templates';
import { linkUnits, saveUnit } from '../../../src/main/services/units';
import type { LayoutSuggestion } from '../../../src/shared/contract/layouts';
import type { Period } from '../../../src/shared/domain/records';
import type { Consolidation, ImportResult, StatusReport } from '../../../src/shared/domain/report';
import { tmpCtx } from '../../helpers/tmp';

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

const DEPARTMENTS: Array<[string, string, 'so_nganh' | 'doan_the']> = [
  ['LH-S01', 'Sở Nội vụ', 'so_nganh'],
  ['LH-S02', 'Sở Tài chính', 'so_nganh'],
  ['LH-S03', 'Sở Y tế', 'so_nganh'],
  ['LH-S04', 'Sở Giáo dục và Đào tạo', 'so_nganh'],
  ['LH-S05', 'Sở Tư pháp', 'so_nganh'],
  ['LH-S06', 'Sở Văn hóa, Thể thao và Du lịch', 'so_nganh'],
  ['LH-S07', 'Sở Nông nghiệp và Môi trường', 'so_nganh'],
  ['LH-D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
  ['LH-D02', 'Liên đoàn Lao động tỉnh', 'doan_the'],
  ['LH-D03', 'Hội Nông dân tỉnh', 'doan_the'],
];
const STAYING = [
  'Bản Vược',
  'Cốc San',
  'Mường Hum',
  'Sàng Ma Sáo',
  'Trịnh Tường',
  'Y Tý',
  'Bát Xát',
  'Phong Hải',
  'Xuân Quang',
  'Bảo Hà',
  'Minh Lương',
  'Nậm Chày',
  'Dương Quỳ',
  'Văn Bàn',
].map((n, i): [string, string] => [`LH-X${String(i + 1).padStart(2, '0')}`, `Xã ${n}`]);
const MERGED: Array<{ old: Array<[string, string]>; into: [string, string] }> = [
  {
    old: [
      ['LH-C01', 'Xã Tả Phời'],
      ['LH-C02', 'Xã Hợp Thành'],
    ],
    into: ['LH-N01', 'Xã Tả Phời Hợp Thành'],
  },
  {
    old: [
      ['LH-C03', 'Xã Thống Nhất'],
      ['LH-C04', 'Xã Cam Cọn'],
    ],
    into: ['LH-N02', 'Xã Thống Nhất Cam Cọn'],
  },
  {
    old: [
      ['LH-C05', 'Xã Tân An'],
      ['LH-C06', 'Xã Tân Thượng'],
    ],
    into: ['LH-N03', 'Xã Tân An Tân Thượng'],
  },
];
const COMMUNES_2025: Array<[string, string]> = [...STAYING, ...MERGED.flatMap((m) => m.old)];

/** A unit's copy of the province's form: the spec's rows with figures of its own (the i-th unit). */
function unitSpec(base: FormSpec, unitLine: string, file: string, i: number): FormSpec {
  const vary = (f: SpecRow['figures']): SpecRow['figures'] =>
    f?.map((x, k) => (typeof x === 'number' ? Math.round((x + 3) * (1 + ((i * 7 + k * 3) % 11) / 10)) : x));
  return {
    ...base,
    // last year's 6-month report (the communes merged on 01/7/2025 still reported for it)
    title: ['BIỂU SỐ LIỆU 6 THÁNG ĐẦU NĂM 2025', ...base.title.slice(1)],
    file,
    unitLine,
    // a yes/no row answered "x" by every third unit, left blank by the others (blank = not reported)
    rows: base.rows.map((r) =>
      r.section
        ? r
        : {
            ...r,
            figures: r.figures?.[0] === 'x' || r.figures?.[0] === 'Có' ? [i % 3 === 0 ? 'x' : 'Có'] : vary(r.figures),
          },
    ),
  };
}

type Ctx = ReturnType<typeof tmpCtx>;
let today = '2026-12-01';
let ctx: Ctx;
let p2025: Period;
let p2026: Period;
const results2025: ImportResult[] = [];
/** the test's own sums of what the 2025 files say, for the rows the layouts map (element.cell → sum) */
const typed2025 = new Map<string, number>();
let mapped: Map<string, LayoutSuggestion['rows']>;

function addTyped(
  spec: FormSpec,
  rows: LayoutSuggestion['rows'],
  cells: (code: string) => string[],
  isYesNo: (code: string) => boolean,
) {
  const byLabel = new Map(rows.map((r) => [r.label, r.code]));
  for (const row of spec.rows) {
    const code = byLabel.get(row.label);
    if (!code || row.section) continue;
    cells(code).forEach((cell, k) => {
      const f = row.figures?.[k];
      // a yes/no row of a province's form: "x" or "Có" is Có, a blank is Không (the layout's reading)
      const n = isYesNo(code) ? (f === 'x' || f === 'Có' ? 1 : 0) : typeof f === 'number' ? f : null;
      if (n === null) return;
      typed2025.set(`${code}.${cell}`, (typed2025.get(`${code}.${cell}`) ?? 0) + n);
    });
  }
}

beforeAll(async () => {
  ctx = tmpCtx({ today: () => today });
  for (const [code, name, kind] of DEPARTMENTS) saveUnit(ctx.db, { code, name, kind });
  for (const [code, name] of STAYING) saveUnit(ctx.db, { code, name, kind: 'xa' });
  for (const m of MERGED) {
    const olds = m.old.map(([code, name]) => saveUnit(ctx.db, { code, name, kind: 'xa' }).id);
    const successor = saveUnit(ctx.db, { code: m.into[0], name: m.into[1], kind: 'xa' }).id;
    linkUnits(ctx.db, olds, [successor], '2025-07-01');
  }
  const catalog = getCatalog(ctx.db);
  const cellsOf = (code: string): string[] => {
    const d = catalog.dataElements.find((e) => e.code === code)!;
    return d.cells.length === 1 ? ['value'] : ['total', 'female'];
  };

  // December 2026: she creates last year's 6-month period and imports last year's e-mail attachments
  p2025 = await ok<Period>(dispatch(ctx, 'periods.create', { year: 2025, kind: 'half_year' }));
  // the departments' form: the Sở Y tế rows every department reports (the health-only row dropped)
  const deptBase: FormSpec = { ...SO_Y_TE, rows: SO_Y_TE.rows.filter((r) => r.code !== 'TUVONG_ME') };
  const deptSpecs = DEPARTMENTS.map(([, name], i) =>
    unitSpec(deptBase, `Đơn vị báo cáo: ${name}`, `bieu-so-lieu-2025-${i + 1}.xlsx`, i),
  );
  const communeSpecs = COMMUNES_2025.map(([, name], i) =>
    unitSpec(CAM_DUONG, `Tên đơn vị: UBND ${name}`, `bao-cao-bdg-2025-xa-${i + 1}.xlsx`, i),
  );
  mapped = new Map();
  for (const [kind, specs] of [
    ['dept', deptSpecs],
    ['commune', communeSpecs],
  ] as const) {
    const files = await Promise.all(specs.map(async (s) => ({ name: s.file, bytes: await writeForm(s) })));
    // mapped once, from the first copy, and saved as suggested
    const s = await ok<LayoutSuggestion>(dispatch(ctx, 'layouts.suggest', { file: files[0]! }));
    const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = s;
    const { id } = await ok<{ id: number }>(
      dispatch(ctx, 'layouts.save', { name: `Biểu của tỉnh (${kind})`, definition }),
    );
    mapped.set(kind, s.rows);
    const batch = await ok<{ results: ImportResult[] }>(
      dispatch(ctx, 'imports.batch', { periodId: p2025.id, files, layoutId: id }),
    );
    results2025.push(...batch.results);
    for (const spec of specs)
      addTyped(spec, s.rows, cellsOf, (c) => catalog.dataElements.find((e) => e.code === c)?.type === 'yesno');
  }

  // the 2026 6-month reports, received on time in June (dates from the register), in the app's own form: the successors, not the dissolved communes
  p2026 = await ok<Period>(dispatch(ctx, 'periods.create', { year: 2026, kind: 'half_year' }));
  const forms = (await exportTemplates(ctx.db, p2026.id)).filter((f) => f.unit !== null);
  const files2026 = await Promise.all(
    forms.map(async (f, i) => ({
      name: f.name,
      bytes: await fillForm(
        f.bytes,
        toFill(
          unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 700 + i, catalog.indicators),
        ),
        catalog.cellLabels,
      ),
    })),
  );
  const r26 = await ok<{ results: ImportResult[] }>(
    dispatch(ctx, 'imports.batch', { periodId: p2026.id, files: files2026, receivedAt: '2026-06-05' }),
  );
  expect(r26.results.filter((r) => r.status !== 'accepted').map((r) => [r.file, r.errors])).toEqual([]);
  today = '2026-12-02';
}, 600_000);

afterAll(() => ctx?.dispose());

describe('2025 from 30 files in the province’s own forms, 2026 from the app’s', () => {
  it('the layouts map the rows that have a catalogue element, and leave the province-only rows unmapped', () => {
    const dept = mapped.get('dept')!;
    expect(dept.filter((r) => r.code).length).toBeGreaterThanOrEqual(6);
    expect(dept.find((r) => /câu lạc bộ dưỡng sinh/.test(r.label))?.code).toBeNull();
    const commune = mapped.get('commune')!;
    expect(commune.find((r) => /dọn vệ sinh môi trường/.test(r.label))?.code).toBeNull();
    expect(commune.filter((r) => r.code).length).toBeGreaterThanOrEqual(5);
  });

  it('all 30 files are accepted, each credited to the unit its header cell names, the dissolved communes included', () => {
    expect(results2025).toHaveLength(30);
    expect(results2025.filter((r) => r.status !== 'accepted').map((r) => [r.file, r.errors])).toEqual([]);
    const credited = results2025.map((r) => r.unit).sort();
    expect(credited).toEqual([...DEPARTMENTS.map(([c]) => c), ...COMMUNES_2025.map(([c]) => c)].sort());
  });

  it('imported long after the deadline without receipt dates: history, none late', async () => {
    const s = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p2025.id }));
    expect(s).toMatchObject({ expected: 30, received: 30, history: 30, late: 0, onTime: 0 });
    const s26 = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p2026.id }));
    expect(s26).toMatchObject({ expected: 27, received: 27, onTime: 27, history: 0 });
  });

  it('the 2025 consolidation equals the sums of what the 30 files say', async () => {
    const c25 = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2025.id }));
    expect(typed2025.size).toBeGreaterThan(10);
    for (const [key, want] of typed2025) {
      const [code, cell] = key.split('.');
      const got = c25.values.find((v) => v.code === code && v.cell === cell)?.value;
      expect(got, key).toBeCloseTo(want, 9);
    }
  });

  it('the 2026 consolidation’s previous equals the 2025 sums, cell by cell, through dispatch and the CLI', async () => {
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2026.id }));
    expect(c.previous?.periodId).toBe(p2025.id);
    let out = '';
    const code = await runCli(['consolidate', '--db', ctx.dbPath, '--period', String(p2026.id), '--json'], {
      out: (s) => (out += s),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const viaCli = JSON.parse(out) as Consolidation;
    for (const [key, want] of typed2025) {
      const [el, cell] = key.split('.');
      expect(c.values.find((v) => v.code === el && v.cell === cell)?.previous, key).toBeCloseTo(want, 9);
      expect(viaCli.values.find((v) => v.code === el && v.cell === cell)?.previous, key).toBeCloseTo(want, 9);
    }
    // a cell no 2025 file gave has no previous figure
    for (const v of c.values) {
      if (!typed2025.has(`${v.code}.${v.cell}`)) expect(v.previous ?? null, `${v.code}.${v.cell}`).toBeNull();
    }
  });
});
