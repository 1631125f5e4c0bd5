import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import type { Ctx } from '../../../src/main/api/context';
import { unitValues } from '../../../src/main/services/consolidation';
import { createPeriod, setProvinceValue } from '../../../src/main/services/periods';
import { importFile } from '../../../src/main/services/imports';
import { linkUnits } from '../../../src/main/services/units';
import type { Consolidation, StatusReport } from '../../../src/shared/domain/report';
import type { FormFill } from '../../../src/main/demo/form-filler';
import { getCatalog } from '../../../src/main/services/catalog';
import { unitFigures } from '../../../src/main/demo/data';
import { addUnits, filledForm, fillOf } from '../../helpers/province';
import { tmpCtx } from '../../helpers/tmp';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error!.message);
  return r.data as T;
}

async function send(ctx: Ctx, periodId: number, unit: string, fill: FormFill, receivedAt: string) {
  const f = await filledForm(ctx, periodId, unit, fill);
  // revisions with other random figures may leave cells blank: confirmed, as the officer would
  const r = await importFile(ctx, { periodId, file: f, receivedAt, allowBlanking: true });
  if (r.status !== 'accepted') throw new Error(r.errors.map((e) => e.message).join('; '));
  return r;
}

/** Imports a form filled with the figures demo-data generates from `seed` (consistent with every rule). */
async function sendFigures(ctx: Ctx, periodId: number, unit: string, seed: number, receivedAt: string) {
  const c = getCatalog(ctx.db);
  const figures = unitFigures(c.dataElements, c.validationRules, c.cellLabels, seed, c.indicators);
  return send(ctx, periodId, unit, fillOf(figures), receivedAt);
}

function setup(today = '2026-06-15') {
  const ctx = tmpCtx({ today: () => today });
  cleanup.push(() => ctx.dispose());
  addUnits(ctx, [
    ['S01', 'Sở Nội vụ', 'so_nganh'],
    ['S02', 'Sở Y tế', 'so_nganh'],
    ['D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
    ['X01', 'Phường Cam Đường', 'xa'],
    ['X02', 'Xã Bảo Thắng', 'xa'],
  ]);
  return ctx;
}

describe('consolidation of a period from real imports', () => {
  it('recomputes ratios from summed numerators and denominators: 2 of 4 and 1 of 10 give 21,4 %, not 30 %', async () => {
    const ctx = setup();
    const p = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    await send(ctx, p.id, 'S01', { CQ_TONG: { value: 4 }, CQ_LDCC_NU: { value: 2 } }, '2026-06-01');
    await send(ctx, p.id, 'X01', { CQ_TONG: { value: 10 }, CQ_LDCC_NU: { value: 1 } }, '2026-06-02');
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p.id }));
    const m11 = c.indicators.find((i) => i.code === 'CL.M1.1')!;
    expect(m11.numerator).toBe(3);
    expect(m11.denominator).toBe(14);
    expect(m11.value).toBeCloseTo(21.4286, 3);
    expect(c.values.find((v) => v.code === 'CQ_TONG')).toEqual({
      code: 'CQ_TONG',
      cell: 'value',
      value: 14,
      units: 2,
      previous: null, // no 6-month period of 2025 in this database
    });
    // by unit kind: each kind on its own figures
    const xa = c.byKind.find((k) => k.kind === 'xa')!;
    expect(xa.indicators.find((i) => i.code === 'CL.M1.1')!.value).toBeCloseTo(10, 6);
  });

  it('a zero denominator gives no value; yes/no answers are counted', async () => {
    const ctx = setup();
    const p = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    await send(
      ctx,
      p.id,
      'S01',
      { CQ_TONG: { value: 0 }, CQ_LDCC_NU: { value: 0 }, THD_KEHOACH: { value: true } },
      '2026-06-01',
    );
    await send(ctx, p.id, 'D01', { THD_KEHOACH: { value: 'x' } }, '2026-06-01');
    await send(ctx, p.id, 'X01', { THD_KEHOACH: { value: 'Không' }, XA_DU4TINBAI: { value: 'có' } }, '2026-06-01');
    await send(ctx, p.id, 'X02', { XA_DU4TINBAI: { value: 'KHÔNG' } }, '2026-06-01');
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p.id }));
    expect(c.indicators.find((i) => i.code === 'CL.M1.1')).toMatchObject({ value: null, denominator: 0 });
    expect(c.values.find((v) => v.code === 'THD_KEHOACH')).toEqual({
      code: 'THD_KEHOACH',
      cell: 'value',
      value: 2,
      units: 3,
      previous: null,
    });
    // count_yes / count_reported: 1 of the 2 communes had 4 news items each quarter
    expect(c.indicators.find((i) => i.code === 'CL.M6.3')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 50,
      met: false,
    });
  });

  it('province-level values are taken as entered, never summed', async () => {
    const ctx = setup();
    const p = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    setProvinceValue(ctx.db, { id: p.id, element: 'DANSO', cell: 'total', value: { state: 'number', value: 700000 } });
    setProvinceValue(ctx.db, {
      id: p.id,
      element: 'DANSO_TIEPCAN_BDG',
      cell: 'value',
      value: { state: 'number', value: 490000 },
    });
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p.id }));
    expect(c.values.find((v) => v.code === 'DANSO' && v.cell === 'total')!.value).toBe(700000);
    const m61 = c.indicators.find((i) => i.code === 'CL.M6.1')!;
    expect(m61.value).toBeCloseTo(70, 6);
    // 2026 is judged against the 2030 target (80 %)
    expect(m61.target).toMatchObject({ year: 2030, op: '>=', value: 80 });
    expect(m61.met).toBe(false);
  });

  it('targets: 2025 uses the 2025 target, 2027 the 2030 target, unless the province set its own', async () => {
    const ctx = setup();
    const p25 = createPeriod(ctx.db, { year: 2025, kind: 'year' });
    const p27 = createPeriod(ctx.db, { year: 2027, kind: 'year' });
    for (const p of [p25, p27]) {
      setProvinceValue(ctx.db, { id: p.id, element: 'DANSO', cell: 'total', value: { state: 'number', value: 1000 } });
      setProvinceValue(ctx.db, {
        id: p.id,
        element: 'DANSO_TIEPCAN_BDG',
        cell: 'value',
        value: { state: 'number', value: 700 },
      });
    }
    const ind = async (id: number) =>
      (await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: id }))).indicators.find(
        (i) => i.code === 'CL.M6.1',
      )!;
    expect(await ind(p25.id)).toMatchObject({ value: 70, target: { year: 2025, value: 60 }, met: true });
    expect(await ind(p27.id)).toMatchObject({ value: 70, target: { year: 2030, value: 80 }, met: false });
    await ok(
      dispatch(ctx, 'catalog.setProvinceTarget', { indicator: 'CL.M6.1', year: 2025, target: { op: '>=', value: 75 } }),
    );
    expect(await ind(p25.id)).toMatchObject({ target: { value: 75 }, met: false });
  });

  it('completeness: on time, late and missing, judged on the first accepted report', async () => {
    const ctx = setup();
    const p = createPeriod(ctx.db, { year: 2026, kind: 'half_year', deadline: '2026-06-10' });
    await send(ctx, p.id, 'S01', { VB_BANHANH: { value: 1 } }, '2026-06-10');
    await send(ctx, p.id, 'S02', { VB_BANHANH: { value: 1 } }, '2026-06-11');
    await send(ctx, p.id, 'X01', { VB_BANHANH: { value: 1 } }, '2026-06-01');
    await send(ctx, p.id, 'X01', { VB_BANHANH: { value: 2 } }, '2026-06-30');
    const s = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p.id }));
    expect(s).toMatchObject({ expected: 5, received: 3, onTime: 2, late: 1, missing: 2 });
    const by = Object.fromEntries(s.units.map((u) => [u.unit, u.status]));
    expect(by).toEqual({ S01: 'on_time', S02: 'late', X01: 'on_time', D01: 'missing', X02: 'missing' });
    const missing = s.units.filter((u) => u.status === 'missing');
    expect(missing.map((u) => u.name).sort()).toEqual(['Hội Liên hiệp Phụ nữ tỉnh', 'Xã Bảo Thắng']);
    const letter = await ok<{ text: string; units: number }>(dispatch(ctx, 'reports.reminder', { periodId: p.id }));
    expect(letter.units).toBe(2);
    expect(letter.text).toContain('Hội Liên hiệp Phụ nữ tỉnh');
    expect(letter.text).toContain('Xã Bảo Thắng');
    expect(letter.text).toMatch(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    expect(letter.text).not.toContain('Sở Y tế');
  });

  it('compares with the same period of the previous year across a 2025 merger', async () => {
    const ctx = setup();
    const ids = addUnits(ctx, [
      ['OLD1', 'Xã Cam Đường', 'xa'],
      ['OLD2', 'Xã Tả Phời', 'xa'],
    ]);
    const newId = ctx.raw.prepare("SELECT id FROM units WHERE code = 'X01'").get() as { id: number };
    linkUnits(ctx.db, [ids.get('OLD1')!, ids.get('OLD2')!], [newId.id], '2025-07-01');
    const p24 = createPeriod(ctx.db, { year: 2024, kind: 'year' });
    await send(ctx, p24.id, 'OLD1', { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 100, female: 40 } }, '2024-12-05');
    await send(ctx, p24.id, 'OLD2', { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 50, female: 20 } }, '2024-12-05');
    const p25 = createPeriod(ctx.db, { year: 2025, kind: 'year' });
    expect(
      (
        await ok<{ expectedUnits: Array<{ code: string }> }>(dispatch(ctx, 'periods.get', { id: p25.id }))
      ).expectedUnits.map((u) => u.code),
    ).not.toContain('OLD1');
    await send(ctx, p25.id, 'X01', { VB_BANHANH: { value: 7 }, TT_LUOT: { total: 300, female: 150 } }, '2025-12-05');
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p25.id }));
    expect(c.previous).not.toBeNull();
    expect(c.previous!.label).toBe('Năm 2024');
    expect(c.previous!.values.find((v) => v.code === 'VB_BANHANH')!.value).toBe(5);
    expect(c.values.find((v) => v.code === 'VB_BANHANH')!.value).toBe(7);
    const prevXa = c.previous!.values.find((v) => v.code === 'TT_LUOT' && v.cell === 'female')!;
    expect(prevXa).toMatchObject({ value: 60, units: 2 });
    // per unit: the new ward is compared with the sum of the two communes it replaced
    const d = await ok<{ rows: Array<{ unit: string; value: number; previous: number | null }> }>(
      dispatch(ctx, 'consolidation.drill', { periodId: p25.id, element: 'VB_BANHANH', cell: 'value' }),
    );
    expect(d.rows).toEqual([expect.objectContaining({ unit: 'X01', value: 7, previous: 5 })]);
  });

  it('drill (one element and cell read) equals the figures of every value, for every cell, across a merger', async () => {
    const ctx = setup();
    const ids = addUnits(ctx, [
      ['OLD1', 'Xã Cam Đường', 'xa'],
      ['OLD2', 'Xã Tả Phời', 'xa'],
    ]);
    const x01 = (ctx.raw.prepare("SELECT id FROM units WHERE code = 'X01'").get() as { id: number }).id;
    linkUnits(ctx.db, [ids.get('OLD1')!, ids.get('OLD2')!], [x01], '2025-07-01');
    const p24 = createPeriod(ctx.db, { year: 2024, kind: 'year' });
    let seed = 1;
    for (const u of ['S01', 'S02', 'D01', 'OLD1', 'OLD2']) await sendFigures(ctx, p24.id, u, seed++, '2024-12-05');
    const p25 = createPeriod(ctx.db, { year: 2025, kind: 'year' });
    for (const u of ['S01', 'D01', 'X01', 'X02']) await sendFigures(ctx, p25.id, u, seed++, '2025-12-05');
    // a second revision of one unit: the drill reads the latest only
    await sendFigures(ctx, p25.id, 'S01', seed++, '2025-12-06');

    // the reference: from every value of every unit (the consolidation's own path)
    const now = unitValues(ctx.db, p25.id);
    const before = new Map(unitValues(ctx.db, p24.id).map((u) => [u.unitId, u]));
    const num = (u: (typeof now)[number] | undefined, e: string, c: string) => {
      const v = u?.values.find((x) => x.element === e && x.cell === c)?.value;
      return !v ? null : v.state === 'number' ? v.value : v.state === 'yesno' ? (v.value ? 1 : 0) : null;
    };
    const preds = new Map([[x01, [ids.get('OLD1')!, ids.get('OLD2')!]]]);
    let compared = 0;
    for (const e of getCatalog(ctx.db).dataElements) {
      for (const cell of e.cells) {
        const expected = now.flatMap((u) => {
          const v = u.values.find((x) => x.element === e.code && x.cell === cell);
          if (!v) return [];
          const prevNums = before.has(u.unitId)
            ? [num(before.get(u.unitId), e.code, cell)]
            : (preds.get(u.unitId) ?? []).filter((p) => before.has(p)).map((p) => num(before.get(p), e.code, cell));
          const known = prevNums.filter((n): n is number => n !== null);
          return [
            {
              unit: u.unitCode,
              value: v.value.state === 'na' ? null : v.value.value,
              na: v.value.state === 'na',
              submissionId: u.submissionId,
              previous: before.has(u.unitId)
                ? (prevNums[0] ?? null)
                : known.length
                  ? known.reduce((a, b) => a + b, 0)
                  : null,
            },
          ];
        });
        const d = await ok<{ rows: Array<Record<string, unknown>> }>(
          dispatch(ctx, 'consolidation.drill', { periodId: p25.id, element: e.code, cell }),
        );
        expect(
          d.rows.map(({ unit, value, na, submissionId, previous }) => ({ unit, value, na, submissionId, previous })),
          `${e.code}.${cell}`,
        ).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
    const merged = await ok<{ rows: Array<{ unit: string; previous: number | null }> }>(
      dispatch(ctx, 'consolidation.drill', { periodId: p25.id, element: 'TT_LUOT', cell: 'total' }),
    );
    expect(merged.rows.find((r) => r.unit === 'X01')!.previous).toBe(
      num(before.get(ids.get('OLD1')!), 'TT_LUOT', 'total')! + num(before.get(ids.get('OLD2')!), 'TT_LUOT', 'total')!,
    );
  });

  it('exports the ministry workbook: header lines, A4, fonts, figures; unit text stays inert', async () => {
    const ctx = setup();
    await ok(
      dispatch(ctx, 'settings.update', {
        province: 'Tỉnh Lào Cai',
        agencyParent: 'UBND TỈNH LÀO CAI',
        placeName: 'Lào Cai',
      }),
    );
    const p = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    await send(
      ctx,
      p.id,
      'S01',
      {
        TT_LUOT: { total: 1234, female: 700 },
        TXT_KETQUA: { value: '=HYPERLINK("http://evil.example","bấm vào đây")' },
      },
      '2026-06-01',
    );
    await send(ctx, p.id, 'X01', { TT_LUOT: { total: 66, female: 30 }, BLGD_VU: { value: 3 } }, '2026-06-01');
    const wbFile = await ok<{ name: string; bytes: Uint8Array }>(dispatch(ctx, 'reports.workbook', { periodId: p.id }));
    expect(wbFile.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(wbFile.bytes) as unknown as ExcelJS.Buffer);
    const cover = wb.getWorksheet('Báo cáo')!;
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula, `${ws.name}!${cell.address}`).toBeFalsy();
          texts.push(cell.text);
        }),
      ),
    );
    const all = texts.join('\n');
    expect(all).toContain('UBND TỈNH LÀO CAI');
    expect(all).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(all).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(all).toMatch(/Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ/);
    expect(cover.pageSetup.paperSize).toBe(9);
    let fontOk = true;
    cover.eachRow((row) =>
      row.eachCell((cell) => (fontOk = fontOk && (cell.font?.name ?? 'Times New Roman') === 'Times New Roman')),
    );
    expect(fontOk).toBe(true);
    // the consolidated figure 1234 + 66 = 1300 appears as a number
    let found = false;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => (found = found || cell.value === 1300))));
    expect(found).toBe(true);
    // the unit's "=HYPERLINK(…)" text is a plain string cell
    let inert = false;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && cell.value.startsWith('=HYPERLINK'))
            inert = cell.type === ExcelJS.ValueType.String;
        }),
      ),
    );
    expect(inert).toBe(true);
    // a sensitive count of 3 below province level is shown as "<5"
    expect(all).toContain('<5');
    const internal = await ok<{ bytes: Uint8Array }>(
      dispatch(ctx, 'reports.workbook', { periodId: p.id, includeSensitive: true }),
    );
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(internal.bytes) as unknown as ExcelJS.Buffer);
    const t2: string[] = [];
    wb2.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => t2.push(cell.text))));
    expect(t2.join('\n')).not.toContain('<5');
  });

  it('the print view carries the same report as escaped HTML', async () => {
    const ctx = setup();
    const p = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    await send(ctx, p.id, 'S01', { TXT_KETQUA: { value: '<script>alert(1)</script> kết quả tốt' } }, '2026-06-01');
    const r = await ok<{ html: string; title: string }>(dispatch(ctx, 'reports.printHtml', { periodId: p.id }));
    expect(r.html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(r.html).toContain('@page');
    expect(r.html).not.toContain('<script>alert(1)</script>');
    expect(r.html).toContain('&lt;script&gt;');
  });
});

describe('the database path and the pure rules agree', () => {
  it('SQLite partial sums give exactly what consolidate() gives from every unit value', async () => {
    const { consolidate } = await import('../../../src/shared/rules/aggregate');
    const { unitValues } = await import('../../../src/main/services/consolidation');
    const { getProvinceValues } = await import('../../../src/main/services/periods');
    const ctx = setup();
    const catalog = getCatalog(ctx.db);
    const p = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    setProvinceValue(ctx.db, { id: p.id, element: 'DANSO', cell: 'total', value: { state: 'number', value: 5000 } });
    let seed = 7;
    for (const unit of ['S01', 'S02', 'D01', 'X01', 'X02']) await sendFigures(ctx, p.id, unit, seed++, '2026-12-01');
    // a second revision for one unit: only the latest counts
    await sendFigures(ctx, p.id, 'X01', 99, '2026-12-02');
    const viaDb = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p.id }));
    const pure = consolidate({
      elements: catalog.dataElements,
      indicators: catalog.indicators,
      provinceTargets: catalog.provinceTargets,
      year: 2026,
      units: [...unitValues(ctx.db, p.id)],
      provinceValues: getProvinceValues(ctx.db, p.id),
    });
    // no period of 2025 here: every `previous` is null (services/previous.ts)
    expect(viaDb.values).toEqual(pure.values.map((v) => ({ ...v, previous: null })));
    expect(viaDb.indicators).toEqual(pure.indicators.map((i) => ({ ...i, previous: null })));
    expect(viaDb.byKind).toEqual(pure.byKind);
    expect([...viaDb.texts].sort((a, b) => (a.code + a.unit).localeCompare(b.code + b.unit))).toEqual(
      [...pure.texts].sort((a, b) => (a.code + a.unit).localeCompare(b.code + b.unit)),
    );
    expect(viaDb.values.length).toBeGreaterThan(50);
  });
  it('the trend of one indicator, summed from its own elements only, equals that indicator in every period', async () => {
    type Point = { periodId: number; value: number | null };
    const ctx = setup('2026-12-20');
    const catalog = getCatalog(ctx.db);
    const periods = [
      createPeriod(ctx.db, { year: 2024, kind: 'year' }),
      createPeriod(ctx.db, { year: 2025, kind: 'half_year' }),
      createPeriod(ctx.db, { year: 2026, kind: 'year' }),
    ];
    let seed = 300;
    for (const [i, p] of periods.entries()) {
      // province-level figures in two periods, units reporting more as the years go by
      if (i > 0) {
        const provinceNumbers = catalog.dataElements.filter(
          (e) => e.collectedFrom === 'province' && (e.type === 'integer' || e.type === 'decimal'),
        );
        expect(provinceNumbers.length).toBeGreaterThan(3);
        provinceNumbers.forEach((el, k) =>
          el.cells.forEach((cell, c) =>
            setProvinceValue(ctx.db, {
              id: p.id,
              element: el.code,
              cell,
              value: { state: 'number', value: 1000 * (i + 1) + 137 * k - 211 * c },
            }),
          ),
        );
      }
      for (const unit of ['S01', 'S02', 'D01', 'X01', 'X02'].slice(0, 3 + i)) {
        await sendFigures(ctx, p.id, unit, seed++, `${p.year}-12-01`);
      }
    }
    const perPeriod = new Map<number, Consolidation>();
    for (const p of periods)
      perPeriod.set(p.id, await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p.id })));
    const all = await ok<Record<string, Point[]>>(dispatch(ctx, 'consolidation.trends', {}));
    let withValue = 0;
    for (const ind of catalog.indicators) {
      const one = await ok<Point[]>(dispatch(ctx, 'consolidation.trend', { indicator: ind.code }));
      expect(one.map((x) => x.periodId)).toEqual(periods.map((p) => p.id));
      const want = periods.map((p) => perPeriod.get(p.id)!.indicators.find((x) => x.code === ind.code)?.value ?? null);
      expect(
        one.map((x) => x.value),
        ind.code,
      ).toEqual(want);
      expect(
        all[ind.code]!.map((x) => x.value),
        ind.code,
      ).toEqual(want);
      withValue += want.filter((v) => v !== null).length;
    }
    // most indicators have figures in most periods: the comparison is not between empty lists
    expect(withValue).toBeGreaterThan(catalog.indicators.length);
  });
});
