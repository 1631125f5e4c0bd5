import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import * as t from '../../../src/main/db/schema';
import { listAudit } from '../../../src/main/services/audit';
import {
  ensureSeeded,
  getCatalog,
  latestTemplate,
  saveLocalElement,
  SEED,
  setProvinceTarget,
} from '../../../src/main/services/catalog';
import { setMeta } from '../../../src/main/services/settings';
import {
  createPeriod,
  expectedUnits,
  setPeriodStatus,
  setProvinceValue,
  updatePeriod,
} from '../../../src/main/services/periods';
import { importUnitList, linkUnits, listUnits, saveUnit, setUnitActive } from '../../../src/main/services/units';
import { AppError } from '../../../src/shared/result';
import { addUnits, smallProvince, unitListBytes } from '../../helpers/province';
import { tmpCtx } from '../../helpers/tmp';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});
function ctxFor() {
  const ctx = tmpCtx();
  cleanup.push(() => ctx.dispose());
  return ctx;
}

describe('member units', () => {
  it('imports the LibreOffice unit list: 42 units, right kinds, Vietnamese names intact', async () => {
    const ctx = ctxFor();
    const r = await importUnitList(ctx.db, unitListBytes());
    expect(r.errors).toEqual([]);
    expect(r.imported).toBe(42);
    const units = listUnits(ctx.db);
    expect(units).toHaveLength(42);
    const byKind = (k: string) => units.filter((u) => u.kind === k).length;
    expect([byKind('so_nganh'), byKind('doan_the'), byKind('xa')]).toEqual([17, 5, 20]);
    for (const u of units) expect(u.name).toBe(u.name.normalize('NFC'));
    expect(units.some((u) => u.name === 'Phường Cam Đường')).toBe(true);
    expect(units.every((u) => u.contact && u.email)).toBe(true);
  });

  it('importing the same list again changes nothing and never duplicates', async () => {
    const ctx = ctxFor();
    await importUnitList(ctx.db, unitListBytes());
    const auditBefore = listAudit(ctx.db, { limit: 1000 }).length;
    const again = await importUnitList(ctx.db, unitListBytes());
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 42, errors: [] });
    expect(listUnits(ctx.db)).toHaveLength(42);
    expect(listAudit(ctx.db, { limit: 1000 })).toHaveLength(auditBefore);
  });

  it('a list with bad rows reports them by row number and imports the rest', async () => {
    const ctx = ctxFor();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['DANH SÁCH ĐƠN VỊ THÀNH VIÊN']);
    ws.addRow([]);
    ws.addRow(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Người liên hệ', 'Điện thoại', 'Email']);
    ws.addRow([1, 'A01', 'Sở Tư pháp', 'Sở, ban, ngành', 'Lê Văn A', '0214 3820 111', 'stp@laocai.gov.vn']);
    ws.addRow([2, 'A02', '', 'Đoàn thể', 'Thiếu tên', '', '']);
    ws.addRow([3, 'A03', 'Xã Bát Xát', 'UBND xã, phường', 'Giàng A Lử', '0912345678', 'khong-phai-email']);
    ws.addRow([4, 'A04', 'Hội Nông dân tỉnh', 'Đoàn thể', 'Vàng Thị B', '', 'hnd@laocai.gov.vn']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importUnitList(ctx.db, { name: 'co-loi.xlsx', bytes });
    expect(r.errors.map((e) => e.row)).toEqual(expect.arrayContaining([5, 6]));
    for (const e of r.errors) expect(e.message).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/);
    const codes = listUnits(ctx.db)
      .map((u) => u.code)
      .sort();
    expect(codes).toContain('A01');
    expect(codes).toContain('A04');
    expect(codes).not.toContain('A02');
  });

  it('refuses a duplicate code with a Vietnamese message', () => {
    const ctx = ctxFor();
    saveUnit(ctx.db, { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' });
    expect(() => saveUnit(ctx.db, { code: 'S01', name: 'Sở khác', kind: 'so_nganh' })).toThrow(/đã được dùng/);
  });

  it('searches ignoring diacritics and sorts with Vietnamese collation', () => {
    const ctx = ctxFor();
    addUnits(ctx, [
      ['X1', 'Phường Cam Đường', 'xa'],
      ['X2', 'Xã Đồng Tuyển', 'xa'],
      ['X3', 'Xã Bảo Hà', 'xa'],
    ]);
    expect(listUnits(ctx.db, { q: 'cam duong' }).map((u) => u.code)).toEqual(['X1']);
    expect(listUnits(ctx.db, { q: 'dong tuyen' }).map((u) => u.code)).toEqual(['X2']);
    expect(listUnits(ctx.db, { q: 'đường' }).map((u) => u.code)).toEqual(['X1']);
  });
});

describe('the 2025 mergers', () => {
  it('a 2024 period expects the pre-merger units and a 2026 period their successors', () => {
    const ctx = ctxFor();
    const ids = addUnits(ctx, [
      ['H-OLD1', 'Xã Cam Đường', 'xa'],
      ['H-OLD2', 'Xã Tả Phời', 'xa'],
      ['P-NEW', 'Phường Cam Đường', 'xa'],
      ['SPLIT', 'Xã Bản Phiệt', 'xa'],
      ['N1', 'Xã Bản Phiệt Mới', 'xa'],
      ['N2', 'Xã Bản Qua', 'xa'],
      ['S01', 'Sở Nội vụ', 'so_nganh'],
    ]);
    // several merged into one, and one split into several
    linkUnits(ctx.db, [ids.get('H-OLD1')!, ids.get('H-OLD2')!], [ids.get('P-NEW')!], '2025-07-01');
    linkUnits(ctx.db, [ids.get('SPLIT')!], [ids.get('N1')!, ids.get('N2')!], '2025-07-01');
    const p2024 = createPeriod(ctx.db, { year: 2024, kind: 'year' });
    const p2026 = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    const codes = (id: number) =>
      expectedUnits(ctx.db, id)
        .map((u) => u.code)
        .sort();
    expect(codes(p2024.id)).toEqual(['H-OLD1', 'H-OLD2', 'S01', 'SPLIT']);
    expect(codes(p2026.id)).toEqual(['N1', 'N2', 'P-NEW', 'S01']);
    const old = listUnits(ctx.db).find((u) => u.code === 'H-OLD1')!;
    expect(old.validTo).toBe('2025-06-30');
    expect(old.successorIds).toEqual([ids.get('P-NEW')]);
    // history stays: the old unit is still in the register
    expect(listUnits(ctx.db)).toHaveLength(7);
  });

  it('a deactivated unit is not expected in new periods', () => {
    const ctx = ctxFor();
    const ids = addUnits(ctx, [
      ['A', 'Sở A', 'so_nganh'],
      ['B', 'Sở B', 'so_nganh'],
    ]);
    setUnitActive(ctx.db, ids.get('B')!, false);
    const p = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    expect(expectedUnits(ctx.db, p.id).map((u) => u.code)).toEqual(['A']);
  });
});

describe('catalogue', () => {
  it('every code of catalog.json is in the database', () => {
    const ctx = ctxFor();
    const c = getCatalog(ctx.db);
    expect(c.catalogVersion).toBe(SEED.catalogVersion);
    expect(c.dataElements.map((e) => e.code).sort()).toEqual(SEED.dataElements.map((e) => e.code).sort());
    expect(c.indicators.map((e) => e.code).sort()).toEqual(SEED.indicators.map((e) => e.code).sort());
    expect(c.validationRules.map((e) => e.code).sort()).toEqual(SEED.validationRules.map((e) => e.code).sort());
    expect(c.sections.map((e) => e.code)).toEqual(SEED.sections.map((e) => e.code));
    expect(c.unitKinds.map((e) => e.code)).toEqual(SEED.unitKinds.map((e) => e.code));
    expect(c.templates.map((x) => `${x.code}@${x.version}`)).toEqual(['BC-BDG-DV@1']);
    expect(c.templates[0]!.rows).toEqual(SEED.templates[0]!.rows);
    // the seed's fields survive exactly
    expect(c.dataElements.find((e) => e.code === 'CSYT_LGBT')).toMatchObject({
      strategyCode: 'CL.M4.4',
      sensitive: false,
    });
    expect(c.indicators.find((e) => e.code === 'CL.M6.3')).toMatchObject({ numerator: 'count_yes(XA_DU4TINBAI)' });
  });

  it('a newer seed upgrades the database without losing local additions', () => {
    const ctx = ctxFor();
    saveLocalElement(ctx.db, {
      code: 'LOCAL_CLB',
      name: 'Số câu lạc bộ gia đình phát triển bền vững',
      unit: 'câu lạc bộ',
      type: 'integer',
      cells: ['value'],
      section: 'IV',
      reportedBy: ['xa'],
      sensitive: false,
      collectedFrom: 'units',
    });
    ctx.raw.prepare("UPDATE data_elements SET name = 'tên cũ' WHERE code = 'VB_BANHANH'").run();
    setMeta(ctx.db, 'catalog.version', '2025.9');
    const r = ensureSeeded(ctx.db);
    expect(r.upgraded).toBe(true);
    const c = getCatalog(ctx.db);
    expect(c.catalogVersion).toBe(SEED.catalogVersion);
    expect(c.dataElements.find((e) => e.code === 'LOCAL_CLB')).toMatchObject({
      local: true,
      name: 'Số câu lạc bộ gia đình phát triển bền vững',
    });
    expect(c.dataElements.find((e) => e.code === 'VB_BANHANH')!.name).toBe(SEED.dataElements[0]!.name);
  });

  it('a provincial target overrides the national one', () => {
    const ctx = ctxFor();
    setProvinceTarget(ctx.db, 'CL.M6.1', 2025, { op: '>=', value: 80 });
    expect(getCatalog(ctx.db).provinceTargets).toEqual({ 'CL.M6.1': { '2025': { op: '>=', value: 80 } } });
    expect(() => setProvinceTarget(ctx.db, 'KHONG_CO', 2025, { op: '>=', value: 1 })).toThrow(AppError);
  });

  it('a template used by a period is frozen: a change makes a new version, the old period keeps its form', () => {
    const ctx = ctxFor();
    const p1 = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    expect(latestTemplate(ctx.db, 'BC-BDG-DV').frozen).toBe(true);
    saveLocalElement(ctx.db, {
      code: 'LOCAL_X',
      name: 'Chỉ tiêu bổ sung của tỉnh',
      unit: 'lượt',
      type: 'integer',
      cells: ['total', 'female'],
      section: 'I',
      reportedBy: ['so_nganh'],
      sensitive: false,
      collectedFrom: 'units',
    });
    const v2 = latestTemplate(ctx.db, 'BC-BDG-DV');
    expect(v2.version).toBe(2);
    expect(v2.rows).toContain('LOCAL_X');
    const p2 = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    const tpl = (id: number) =>
      ctx.db
        .select()
        .from(t.periods)
        .all()
        .find((p) => p.id === id)!.templateId;
    expect(tpl(p1.id)).not.toBe(tpl(p2.id));
  });
});

describe('periods', () => {
  it('defaults follow NĐ 09/2019 windows and the provincial due dates', () => {
    const ctx = ctxFor();
    const h = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    expect(h).toMatchObject({
      label: '6 tháng đầu năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-06-14',
      deadline: '2026-06-10',
      status: 'open',
    });
    const y = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    expect(y).toMatchObject({
      label: 'Năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-12-14',
      deadline: '2026-12-10',
    });
    const a = createPeriod(ctx.db, {
      year: 2026,
      kind: 'adhoc',
      label: 'Sơ kết Tháng hành động 2026',
      dataFrom: '2026-11-15',
      dataTo: '2026-12-15',
      deadline: '2026-12-20',
    });
    expect(a).toMatchObject({ kind: 'adhoc', label: 'Sơ kết Tháng hành động 2026', deadline: '2026-12-20' });
    expect(() => createPeriod(ctx.db, { year: 2026, kind: 'year' })).toThrow(/đã có/);
  });

  it('a closed period refuses imports and edits with a clear message', async () => {
    const { ctx, period, importAs } = smallProvince();
    cleanup.push(() => ctx.dispose());
    setPeriodStatus(ctx.db, period.id, 'closed');
    const r = await importAs('S01', { VB_BANHANH: { value: 3 } });
    expect(r.status).toBe('rejected');
    expect(r.errors[0]!.code).toBe('PERIOD_CLOSED');
    expect(r.errors[0]!.message).toMatch(/đã khóa sổ/);
    expect(() => updatePeriod(ctx.db, { id: period.id, deadline: '2026-06-30' })).toThrow(/đã khóa sổ/);
    const viaDoor = await dispatch(ctx, 'periods.update', { id: period.id, deadline: '2026-06-30' });
    expect(viaDoor).toMatchObject({ ok: false, error: { code: 'period_closed' } });
  });

  it('province-level values are entered once per period, checked and audited', () => {
    const ctx = ctxFor();
    const p = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    setProvinceValue(ctx.db, { id: p.id, element: 'DANSO', cell: 'total', value: { state: 'number', value: 742000 } });
    expect(() =>
      setProvinceValue(ctx.db, {
        id: p.id,
        element: 'VB_BANHANH',
        cell: 'value',
        value: { state: 'number', value: 1 },
      }),
    ).toThrow(/các đơn vị báo cáo/);
    expect(() =>
      setProvinceValue(ctx.db, { id: p.id, element: 'DANSO', cell: 'total', value: { state: 'number', value: -5 } }),
    ).toThrow(/không được âm/);
    expect(listAudit(ctx.db, { entity: 'province_value', limit: 10 })).toHaveLength(1);
  });
});

describe('audit log', () => {
  it('each change leaves an entry with who, when, before, after, reason', async () => {
    const { ctx, ids, period, importAs } = smallProvince();
    cleanup.push(() => ctx.dispose());
    const before = listAudit(ctx.db, { limit: 1000 }).length;
    saveUnit(ctx.db, { id: ids.get('S01')!, code: 'S01', name: 'Sở Nội vụ tỉnh', kind: 'so_nganh' });
    updatePeriod(ctx.db, { id: period.id, deadline: '2026-06-12' });
    const r = await importAs('S01', { VB_BANHANH: { value: 3 } });
    await dispatch(ctx, 'submissions.correct', {
      id: r.submissionId!,
      element: 'VB_BANHANH',
      cell: 'value',
      value: { state: 'number', value: 4 },
      reason: 'Đơn vị báo lại qua điện thoại',
    });
    await dispatch(ctx, 'settings.update', { placeName: 'Lào Cai' });
    const entries = listAudit(ctx.db, { limit: 1000 });
    expect(entries.length - before).toBe(5);
    const correction = entries.find((e) => e.action === 'correct')!;
    expect(correction.reason).toBe('Đơn vị báo lại qua điện thoại');
    expect(correction.before).toMatchObject({ value: { state: 'number', value: 3 } });
    expect(correction.after).toMatchObject({ value: { state: 'number', value: 4 } });
    expect(correction.actor).toBeTruthy();
    expect(correction.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const renamed = entries.find((e) => e.entity === 'unit' && e.action === 'update')!;
    expect(renamed.before).toMatchObject({ name: 'Sở Nội vụ' });
    expect(renamed.after).toMatchObject({ name: 'Sở Nội vụ tỉnh' });
  });

  it('a correction without a reason is refused', async () => {
    const { ctx, importAs } = smallProvince();
    cleanup.push(() => ctx.dispose());
    const r = await importAs('S01', { VB_BANHANH: { value: 3 } });
    const res = await dispatch(ctx, 'submissions.correct', {
      id: r.submissionId!,
      element: 'VB_BANHANH',
      cell: 'value',
      value: { state: 'number', value: 4 },
      reason: '',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(res.ok ? '' : res.error.message).toMatch(/lý do/);
  });
});
