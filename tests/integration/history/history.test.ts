/**
 * Issue 17, part 3 (history): past periods created and filled from last year's files, the communes merged in
 * 7/2025 included; files entered long after the deadline without a receipt date filed as history (received,
 * neither on time nor late); the 2026 consolidation's `previous` equal to the 2025 sums through the merger, by the
 * contract (dispatch) and by the real CLI (`consolidate --json`). Real SQLite file, real .xlsx written by the
 * app's own template and the demo form filler.
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { fillForm } from '../../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { getCatalog } from '../../../src/main/services/catalog';
import { submissionValues } from '../../../src/main/services/submissions';
import { exportTemplates } from '../../../src/main/services/templates';
import { linkUnits, saveUnit } from '../../../src/main/services/units';
import type { UnitKind } from '../../../src/shared/domain/catalog';
import type { Period, Unit } from '../../../src/shared/domain/records';
import type { Consolidation, ImportResult, StatusReport } from '../../../src/shared/domain/report';
import { formatNumber } from '../../../src/shared/text/vi';
import { tmpCtx } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

/** 8 provincial units, 16 communes that stay, 6 communes merged two by two on 01/7/2025 into 3 new ones. */
const PROVINCIAL: Array<[string, string, UnitKind]> = [
  ['LS-S01', 'Sở Nội vụ', 'so_nganh'],
  ['LS-S02', 'Sở Tài chính', 'so_nganh'],
  ['LS-S03', 'Sở Y tế', 'so_nganh'],
  ['LS-S04', 'Sở Giáo dục và Đào tạo', 'so_nganh'],
  ['LS-S05', 'Sở Tư pháp', 'so_nganh'],
  ['LS-D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
  ['LS-D02', 'Liên đoàn Lao động tỉnh', 'doan_the'],
  ['LS-D03', 'Tỉnh đoàn', 'doan_the'],
];
const STAYING = Array.from({ length: 16 }, (_, i): [string, string, UnitKind] => [
  `LS-X${String(i + 1).padStart(2, '0')}`,
  `Xã Núi ${i + 1}`,
  'xa',
]);
const MERGED: Array<{ old: Array<[string, string]>; into: [string, string] }> = [
  {
    old: [
      ['LS-C01', 'Xã Cam Đường'],
      ['LS-C02', 'Xã Tả Phời'],
    ],
    into: ['LS-N01', 'Phường Cam Đường'],
  },
  {
    old: [
      ['LS-C03', 'Xã Hợp Thành'],
      ['LS-C04', 'Xã Thống Nhất'],
    ],
    into: ['LS-N02', 'Xã Hợp Thành'],
  },
  {
    old: [
      ['LS-C05', 'Phường Pom Hán'],
      ['LS-C06', 'Phường Bắc Lệnh'],
    ],
    into: ['LS-N03', 'Phường Lào Cai'],
  },
];
const OLD_CODES = MERGED.flatMap((m) => m.old.map(([c]) => c));
const NEW_CODES = MERGED.map((m) => m.into[0]);

/** A consolidated figure equals the test's own sum (decimals, e.g. kinh phí, up to float noise); none: null. */
function expectSum(got: number | null | undefined, want: number | undefined, what: string): void {
  if (want === undefined) expect(got, what).toBeNull();
  else expect(got, what).toBeCloseTo(want, 9);
}

type Ctx = ReturnType<typeof tmpCtx>;
let today = '2026-03-02';
let ctx: Ctx;
let p2025: Period;
let p2026: Period;
let results2025: ImportResult[];
/** the test's own sums of the 2025 figures as stored (element.cell → sum; a "Có" counts 1) */
const sums2025 = new Map<string, number>();

/** Every expected unit's form of a period, filled with demo figures (seeded), as files in a mailbox. */
async function filledForms(periodId: number, seed: number) {
  const catalog = getCatalog(ctx.db);
  const files = (await exportTemplates(ctx.db, periodId)).filter((f) => f.unit !== null);
  return Promise.all(
    files.map(async (f, i) => {
      const values = unitFigures(
        catalog.dataElements,
        catalog.validationRules,
        catalog.cellLabels,
        seed + i,
        catalog.indicators,
      );
      return { name: f.name, bytes: await fillForm(f.bytes, toFill(values), catalog.cellLabels), unit: f.unit! };
    }),
  );
}

beforeAll(async () => {
  ctx = tmpCtx({ today: () => today });
  for (const [code, name, kind] of [...PROVINCIAL, ...STAYING]) saveUnit(ctx.db, { code, name, kind });
  for (const m of MERGED) {
    const olds = m.old.map(([code, name]) => saveUnit(ctx.db, { code, name, kind: 'xa' }).id);
    const successor = saveUnit(ctx.db, { code: m.into[0], name: m.into[1], kind: 'xa' }).id;
    linkUnits(ctx.db, olds, [successor], '2025-07-01');
  }
  // "today" is 2 March 2026: she creates last year's 6-month period and types in last year's e-mail attachments
  p2025 = await ok<Period>(dispatch(ctx, 'periods.create', { year: 2025, kind: 'half_year' }));
  const mailbox = await filledForms(p2025.id, 100);
  const batch = await ok<{ results: ImportResult[] }>(
    dispatch(ctx, 'imports.batch', { periodId: p2025.id, files: mailbox.map(({ name, bytes }) => ({ name, bytes })) }),
  );
  results2025 = batch.results;
  for (const r of results2025) {
    if (r.status !== 'accepted') continue;
    for (const v of submissionValues(ctx.db, r.submissionId!)) {
      const n = v.value.state === 'number' ? v.value.value : v.value.state === 'yesno' ? (v.value.value ? 1 : 0) : null;
      if (n === null) continue;
      const k = `${v.element}.${v.cell}`;
      sums2025.set(k, (sums2025.get(k) ?? 0) + n);
    }
  }
  // in June 2026 the units send this year's forms on time: the successors, not the dissolved communes
  today = '2026-06-05';
  p2026 = await ok<Period>(dispatch(ctx, 'periods.create', { year: 2026, kind: 'half_year' }));
  const forms2026 = await filledForms(p2026.id, 500);
  const r2026 = await ok<{ results: ImportResult[] }>(
    dispatch(ctx, 'imports.batch', {
      periodId: p2026.id,
      files: forms2026.map(({ name, bytes }) => ({ name, bytes })),
    }),
  );
  expect(r2026.results.filter((r) => r.status !== 'accepted').map((r) => [r.file, r.errors])).toEqual([]);
  today = '2026-12-01';
}, 600_000);

afterAll(() => ctx?.dispose());

describe('a past period expects the units that existed then', () => {
  it('6 tháng đầu năm 2025: window and deadline as for any year; the 30 units of then, dissolved communes included', async () => {
    expect(p2025).toMatchObject({
      year: 2025,
      label: '6 tháng đầu năm 2025',
      dataFrom: '2024-12-15',
      dataTo: '2025-06-14',
      deadline: '2025-06-10',
      expected: 30,
    });
    const got = await ok<Period & { expectedUnits: Unit[] }>(dispatch(ctx, 'periods.get', { id: p2025.id }));
    const codes = got.expectedUnits.map((u) => u.code);
    for (const c of OLD_CODES) expect(codes).toContain(c);
    for (const c of NEW_CODES) expect(codes).not.toContain(c);
  });
  it('6 tháng đầu năm 2026 expects the successors instead', async () => {
    expect(p2026.expected).toBe(8 + 16 + 3);
    const got = await ok<Period & { expectedUnits: Unit[] }>(dispatch(ctx, 'periods.get', { id: p2026.id }));
    const codes = got.expectedUnits.map((u) => u.code);
    for (const c of NEW_CODES) expect(codes).toContain(c);
    for (const c of OLD_CODES) expect(codes).not.toContain(c);
  });
});

describe('last year typed in: history, not late', () => {
  it('the 30 files of 2025, the merged communes among them, are all accepted', () => {
    expect(results2025).toHaveLength(30);
    expect(results2025.filter((r) => r.status !== 'accepted').map((r) => [r.file, r.errors])).toEqual([]);
    const units = results2025.map((r) => r.unit);
    for (const c of OLD_CODES) expect(units).toContain(c);
  });
  it('every one is stored as history, and the status counts them received, none late, none on time', async () => {
    const flags = ctx.raw.prepare(
      'SELECT history, count(*) AS n FROM submissions WHERE period_id = ? GROUP BY history',
    );
    expect(flags.all(p2025.id)).toEqual([{ history: 1, n: 30 }]);
    const s = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p2025.id }));
    expect(s).toMatchObject({ expected: 30, received: 30, history: 30, onTime: 0, late: 0, missing: 0 });
    expect(new Set(s.units.map((u) => u.status))).toEqual(new Set(['history']));
    // the 2026 forms came on time: judged normally
    const s26 = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p2026.id }));
    expect(s26).toMatchObject({ expected: 27, received: 27, onTime: 27, late: 0, history: 0 });
  });
  it('the CLI status says so too', async () => {
    const r = await cli(['status', '--db', ctx.dbPath, '--period', String(p2025.id), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { history: number; late: number; units: Array<{ status: string }> };
    expect(j.history).toBe(30);
    expect(j.late).toBe(0);
    expect(j.units.every((u) => u.status === 'history')).toBe(true);
  });
});

describe('consolidate: previous = the same cell / indicator of 6 tháng đầu năm 2025', () => {
  it('each value of 2026 carries the 2025 sum of every unit of then (the dissolved communes included)', async () => {
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2026.id }));
    expect(c.previous?.periodId).toBe(p2025.id);
    expect(c.values.length).toBeGreaterThan(20);
    let compared = 0;
    for (const v of c.values) {
      const want = sums2025.get(`${v.code}.${v.cell}`);
      expectSum(v.previous, want, `${v.code}.${v.cell}`);
      if (want !== undefined) compared++;
    }
    expect(compared).toBeGreaterThan(20);
    // the comparison reaches the dissolved communes: a commune-only figure of 2025 includes their sums
    const merged = ctx.raw
      .prepare(
        `SELECT count(*) AS n FROM submissions s JOIN units u ON u.id = s.unit_id WHERE s.period_id = ? AND u.code IN (${OLD_CODES.map(() => '?').join(',')})`,
      )
      .get(p2025.id, ...OLD_CODES) as { n: number };
    expect(merged.n).toBe(6);
    // and the 2025 period consolidated on its own gives the same sums
    const c25 = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2025.id }));
    for (const v of c25.values) expectSum(v.value, sums2025.get(`${v.code}.${v.cell}`), `${v.code}.${v.cell}`);
    // 2025 has no 2024 period: previous is null everywhere
    expect(c25.previous).toBeNull();
    expect(c25.values.every((v) => v.previous === null)).toBe(true);
  });

  it('each indicator carries last year’s, recomputed from the summed 2025 numerators and denominators', async () => {
    const catalog = getCatalog(ctx.db);
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2026.id }));
    const simple = /^([A-Z0-9_]+\.(?:total|female|male|value))$/;
    let checked = 0;
    for (const i of c.indicators) {
      const ind = catalog.indicators.find((x) => x.code === i.code)!;
      const prevBlock = c.previous!.indicators.find((x) => x.code === i.code)!;
      expect(i.previous, i.code).toBe(prevBlock.value);
      if (!simple.test(ind.numerator) || !simple.test(ind.denominator)) continue;
      const num = sums2025.get(ind.numerator);
      const den = sums2025.get(ind.denominator);
      if (num === undefined || den === undefined || den === 0) {
        expect(i.previous, i.code).toBeNull();
        continue;
      }
      expect(i.previous, i.code).toBeCloseTo((num / den) * (ind.factor || 1), 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('the real CLI `consolidate --json` prints the same previous, cell by cell', async () => {
    const r = await cli(['consolidate', '--db', ctx.dbPath, '--period', String(p2026.id), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Consolidation;
    expect(j.values.length).toBeGreaterThan(20);
    for (const v of j.values) {
      expect(v).toHaveProperty('previous');
      const want = sums2025.get(`${v.code}.${v.cell}`);
      expectSum(v.previous, want, `${v.code}.${v.cell}`);
    }
    const viaDispatch = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2026.id }));
    expect(j.indicators.map((i) => [i.code, i.previous])).toEqual(
      viaDispatch.indicators.map((i) => [i.code, i.previous]),
    );
  });
});

describe('the documents compare with last year filled as history, and do not call its units late', () => {
  it('report docx: Phần II/IV say "so với cùng kỳ năm trước" with the 2025 figures', async () => {
    const doc = await ok<{ bytes: Uint8Array }>(dispatch(ctx, 'reports.docx', { periodId: p2026.id }));
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(doc.bytes) })).value;
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2026.id }));
    const compared = c.indicators.filter((i) => i.previous !== null && i.value !== null);
    expect(compared.length).toBeGreaterThan(3);
    expect(text).toMatch(/(tăng|giảm) [\d.,]+[^.]* so với cùng kỳ năm trước \(/);
    // the phrase carries last year's figure, as the 2025 period gives it
    const phrases = [...text.matchAll(/cùng kỳ năm trước \(([\d.,]+)/g)].map((m) => m[1]);
    expect(phrases.length).toBeGreaterThan(3);
    const prevTexts = compared.map((i) => formatNumber(i.previous!, 2));
    for (const p of phrases) expect(prevTexts, p).toContain(p);
  });

  it('report docx and print view of 2025: 30 units entered as history, no late units named', async () => {
    const doc = await ok<{ bytes: Uint8Array }>(dispatch(ctx, 'reports.docx', { periodId: p2025.id }));
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(doc.bytes) })).value;
    expect(text).toContain('0 đơn vị gửi muộn, 30 đơn vị nhập bổ sung sau kỳ (không xét hạn)');
    expect(text).not.toContain('Đơn vị gửi muộn:');
    const html = (await ok<{ html: string }>(dispatch(ctx, 'reports.printHtml', { periodId: p2025.id }))).html;
    expect(html.split('Nhập bổ sung (không xét hạn)').length - 1).toBe(30);
    expect(html).not.toContain('>Muộn<');
    expect(html).toContain('nhập bổ sung 30');
    // the reminder names nobody: every unit of then has sent
    const rem = await ok<{ units: number }>(dispatch(ctx, 'reports.reminder', { periodId: p2025.id }));
    expect(rem.units).toBe(0);
  });

  it('the ministry workbook of 2026 fills "Cùng kỳ (6 tháng đầu năm 2025)" with last year’s indicators', async () => {
    const wbOut = await ok<{ bytes: Uint8Array }>(dispatch(ctx, 'reports.workbook', { periodId: p2026.id }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(wbOut.bytes) as unknown as ExcelJS.Buffer);
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2026.id }));
    let header: { ws: ExcelJS.Worksheet; row: number } | null = null;
    wb.eachSheet((ws) =>
      ws.eachRow((row, r) => {
        if (!header && String(row.getCell(7).value ?? '') === 'Cùng kỳ (6 tháng đầu năm 2025)') header = { ws, row: r };
      }),
    );
    expect(header, 'the indicators sheet with its "Cùng kỳ" column').not.toBeNull();
    const { ws, row } = header!;
    let filled = 0;
    for (let r = row + 1; r <= ws.rowCount; r++) {
      const code = ws.getCell(r, 1).value;
      const ind = c.indicators.find((i) => i.code === code);
      if (!ind || ind.previous === null || ind.previous === undefined) continue;
      expect(ws.getCell(r, 7).value as number, String(code)).toBeCloseTo(ind.previous, 6);
      filled++;
    }
    expect(filled).toBeGreaterThan(3);
  });

  it('the trend has the 2025 point from the history-filled period', async () => {
    const trends = await ok<Record<string, Array<{ periodId: number; value: number | null }>>>(
      dispatch(ctx, 'consolidation.trends', { kind: 'half_year' }),
    );
    const c = await ok<Consolidation>(dispatch(ctx, 'consolidation.get', { periodId: p2026.id }));
    for (const i of c.indicators) {
      const point = trends[i.code]!.find((p) => p.periodId === p2025.id)!;
      expect(point.value, i.code).toBe(i.previous);
    }
  });
});

describe('a past year through the doors; a receipt date given is judged', () => {
  it('periods.create for 2021..2024 through dispatch: NĐ 09 window and deadline of that year', async () => {
    for (const year of [2021, 2022, 2023, 2024]) {
      const p = await ok<Period>(dispatch(ctx, 'periods.create', { year, kind: 'year' }));
      expect(p).toMatchObject({
        label: `Năm ${year}`,
        dataFrom: `${year - 1}-12-15`,
        dataTo: `${year}-12-14`,
        deadline: `${year}-12-10`,
      });
    }
  });

  it('in a 2024 period: no date → history; a date before the deadline → on time; after → late', async () => {
    const p = await ok<Period>(dispatch(ctx, 'periods.create', { year: 2024, kind: 'half_year' }));
    const forms = await filledForms(p.id, 900);
    const [a, b, d] = ['LS-C01', 'LS-S01', 'LS-X01'].map((code) => forms.find((f) => f.unit === code));
    const imp = (f: { name: string; bytes: Buffer }, extra: Record<string, unknown> = {}) =>
      ok<ImportResult>(dispatch(ctx, 'imports.file', { periodId: p.id, file: f, ...extra }));
    // LS-C01 (dissolved in 2025) reports for 2024
    expect((await imp(a!)).status).toBe('accepted');
    expect((await imp(b!, { receivedAt: '2024-06-07' })).status).toBe('accepted');
    expect((await imp(d!, { receivedAt: '2024-06-20' })).status).toBe('accepted');
    const s = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p.id }));
    const st = (code: string) => s.units.find((u) => u.unit === code)?.status;
    expect(st('LS-C01')).toBe('history');
    expect(st('LS-S01')).toBe('on_time');
    expect(st('LS-X01')).toBe('late');
    expect(s).toMatchObject({ received: 3, history: 1, onTime: 1, late: 1 });
    // the receipt date set afterwards makes the history report judged
    const sub = s.units.find((u) => u.unit === 'LS-C01')!.submissionId!;
    await ok(
      dispatch(ctx, 'submissions.setReceived', { id: sub, receivedAt: '2024-06-30', reason: 'Sổ công văn đến' }),
    );
    const after = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p.id }));
    expect(after.units.find((u) => u.unit === 'LS-C01')?.status).toBe('late');
    expect(after).toMatchObject({ history: 0, late: 2 });
  });

  it('a paper report typed in for 2024 without a date is history; units that did not exist then are refused, saying why', async () => {
    const p = (await ok<Period[]>(dispatch(ctx, 'periods.list', {}))).find((x) => x.label === '6 tháng đầu năm 2024')!;
    const entered = await ok<ImportResult>(
      dispatch(ctx, 'submissions.enter', { periodId: p.id, unitCode: 'LS-X02', values: { VB_BANHANH: { value: 3 } } }),
    );
    expect(entered.status).toBe('accepted');
    const s = await ok<StatusReport>(dispatch(ctx, 'status.get', { periodId: p.id }));
    expect(s.units.find((u) => u.unit === 'LS-X02')?.status).toBe('history');
    // the successor did not exist in 2024; the dissolved commune does not report for 2026
    const notYet = await dispatch(ctx, 'submissions.enter', {
      periodId: p.id,
      unitCode: 'LS-N01',
      values: { VB_BANHANH: { value: 1 } },
    });
    expect(notYet.ok).toBe(false);
    expect(JSON.stringify(notYet)).toContain('bắt đầu hoạt động từ 01/07/2025');
    const ended = await dispatch(ctx, 'submissions.enter', {
      periodId: p2026.id,
      unitCode: 'LS-C01',
      values: { VB_BANHANH: { value: 1 } },
    });
    expect(ended.ok).toBe(false);
    expect(JSON.stringify(ended)).toContain('hết hiệu lực từ 01/07/2025');
  });

  it('bdg period create --year 2021 prints the window and deadline of 2021', async () => {
    const r = await cli(['period', 'create', '--db', ctx.dbPath, '--year', '2021', '--kind', 'half_year', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      label: '6 tháng đầu năm 2021',
      dataFrom: '2020-12-15',
      dataTo: '2021-06-14',
      deadline: '2021-06-10',
    });
  });
});
