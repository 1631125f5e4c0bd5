/**
 * Issue 15: the unit lists officers really keep, each as exceljs writes it and as LibreOffice re-saves it
 * (tests/fixtures/units/, made by scripts/make-unit-fixtures.ts), through the import, the register and the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import * as t from '../../../src/main/db/schema';
import { cli } from '../../helpers/cli';
import { createPeriod, expectedUnits } from '../../../src/main/services/periods';
import { importUnitList, listUnits, saveUnit, unitByCode } from '../../../src/main/services/units';
import type { Unit } from '../../../src/shared/domain/records';
import { tmpCtx, tmpDir } from '../../helpers/tmp';

const FIX = join(__dirname, '../../fixtures/units');
const TODAY = '2026-06-05';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function ctxOf() {
  const ctx = tmpCtx({ today: () => TODAY });
  cleanups.push(() => ctx.dispose());
  return ctx;
}

async function call<T>(ctx: ReturnType<typeof ctxOf>, op: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, op as never, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.data as T;
}

const byCode = (list: Unit[]) => new Map(list.map((u) => [u.code, u]));

for (const writer of ['exceljs', 'libreoffice'] as const) {
  const file = (name: string) => {
    const path = join(FIX, writer, `${name}.xlsx`);
    return { name: `${name}.xlsx`, bytes: new Uint8Array(readFileSync(path)), path };
  };

  describe(`unit lists written by ${writer}`, () => {
    it('title block + STT + synonyms + no codes: columns found, kinds guessed, codes made, re-import matches by name', async () => {
      const ctx = ctxOf();
      const f = file('tieu-de-khong-ma');
      const preview = await importUnitList(ctx.db, f, { dryRun: true, today: TODAY });
      expect(preview.needsMapping).toBe(false);
      expect(preview.headerRow).toBe(4);
      expect(Object.fromEntries(preview.columns.map((c) => [c.letter, c.role]))).toEqual({
        A: 'skip',
        B: 'name',
        C: 'contact',
        D: 'position',
        E: 'phone',
        F: 'email',
        G: 'note',
      });
      expect(preview.generatedCodes.map((g) => `${g.code} ${g.name}`)).toEqual([
        'S01 Sở Nội vụ',
        'S02 Sở Y tế',
        'S03 Công an tỉnh',
        'S04 Văn phòng UBND tỉnh',
        'D01 Ủy ban MTTQ Việt Nam tỉnh',
        'D02 Hội Liên hiệp Phụ nữ tỉnh',
        'D03 Tỉnh đoàn',
        'X001 UBND phường Bắc Sơn',
        'X002 Ủy ban nhân dân xã Hòa Bình',
        'X003 Đặc khu Cô Tô',
      ]);
      expect(preview.rows.filter((r) => r.action === 'new').every((r) => r.kindInferred && r.generated)).toBe(true);
      // the kind of "Quỹ Hỗ trợ nông dân" cannot be guessed: the row asks for it
      expect(preview.errors).toHaveLength(1);
      expect(preview.errors[0]!.message).toMatch(/Dòng 15 .*loại đơn vị/);
      expect(preview.notices.join(' ')).toMatch(/không có cột mã/);
      expect(preview.notices.join(' ')).toMatch(/loại được đoán theo tên/);
      expect(listUnits(ctx.db)).toHaveLength(0); // a preview writes nothing

      // she picks the missing kind and edits one generated code
      const done = await call<typeof preview>(ctx, 'units.import', {
        file: f,
        decisions: { kinds: [{ row: 15, kind: 'khac' }], codes: [{ row: 5, code: 'snv ' }] },
      });
      expect(done.imported).toBe(11);
      expect(done.errors).toEqual([]);
      const units = byCode(listUnits(ctx.db));
      expect(units.get('SNV')).toMatchObject({
        name: 'Sở Nội vụ',
        kind: 'so_nganh',
        contact: 'Nguyễn Thị Hoa',
        position: 'Phó Giám đốc',
        phone: '0912345678',
        note: 'Cơ quan thường trực',
      });
      expect(units.get('S02')!.phone).toBe('0912000111');
      expect(units.get('K01')).toMatchObject({ name: 'Quỹ Hỗ trợ nông dân', kind: 'khac' });
      // searchable by contact, without diacritics
      expect(listUnits(ctx.db, { q: 'tran thu ha' }).map((u) => u.code)).toEqual(['S04']);

      // she renames one in the app the short way; the same list again: matched by name, no twins, nothing changed
      const hb = units.get('X002')!;
      saveUnit(ctx.db, { id: hb.id, code: hb.code, name: 'UBND xã Hòa Bình', kind: 'xa' });
      const again = await importUnitList(ctx.db, f, { today: TODAY });
      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 11, generatedCodes: [], changes: [] });
      expect(again.rows.filter((r) => r.matchedByName)).toHaveLength(11);
      expect(listUnits(ctx.db)).toHaveLength(11);
      expect(unitByCode(ctx.db, 'x002')!.name).toBe('UBND xã Hòa Bình');
    });

    it('a "Khối" kind column; case, dash and space variants of codes are one code, in the form and the import', async () => {
      const ctx = ctxOf();
      const s01 = await call<Unit>(ctx, 'units.save', { code: ' lca–s01 ', name: 'Sở Nội vụ', kind: 'so_nganh' });
      expect(s01.code).toBe('LCA-S01');
      await expect(call(ctx, 'units.save', { code: 'LCA S01', name: 'Sở trùng', kind: 'so_nganh' })).rejects.toThrow(
        /đã được dùng cho "Sở Nội vụ"/,
      );
      const r = await importUnitList(ctx.db, file('khoi'), { today: TODAY });
      expect(r.errors).toEqual([]);
      expect(r).toMatchObject({ imported: 4, updated: 1 });
      const units = byCode(listUnits(ctx.db));
      expect([...units.keys()].sort()).toEqual(['LCA-D01', 'LCA-S01', 'LCA-S03', 'LCA-S05', 'LCA-X001']);
      expect(units.get('LCA-D01')!.kind).toBe('doan_the');
      expect(units.get('LCA-X001')!.kind).toBe('xa');
      expect(units.get('LCA-S01')!.phone).toBe('0912000001');
    });

    it('re-import after editing contacts in the app: nothing wiped, the preview shows each change, unticked ones stay', async () => {
      const ctx = ctxOf();
      await importUnitList(ctx.db, file('khoi'), { today: TODAY });
      const s05 = unitByCode(ctx.db, 'LCA-S05')!;
      await call(ctx, 'units.save', {
        ...{ id: s05.id, code: s05.code, name: s05.name, kind: s05.kind, phone: s05.phone },
        contact: 'Bà Mai',
        email: 'mai@syt.gov.vn',
      });
      saveUnit(ctx.db, { code: 'LCA-K01', name: 'Trường Chính trị tỉnh', kind: 'khac' });
      const preview = await importUnitList(ctx.db, file('khoi-sua'), { dryRun: true, today: TODAY });
      expect(preview.changes).toEqual([
        { row: 2, code: 'LCA-S01', field: 'phone', before: '0912000001', after: '0912999999' },
      ]);
      expect(preview).toMatchObject({ imported: 0, updated: 1, unchanged: 4 });
      expect(preview.absent).toEqual([{ code: 'LCA-K01', name: 'Trường Chính trị tỉnh' }]);

      // she unticks the only change: nothing is written
      const kept = await importUnitList(ctx.db, file('khoi-sua'), {
        today: TODAY,
        decisions: { skipChanges: [{ row: 2, field: 'phone' }] },
      });
      expect(kept).toMatchObject({ updated: 0, unchanged: 5 });
      expect(unitByCode(ctx.db, 'LCA-S01')!.phone).toBe('0912000001');

      await importUnitList(ctx.db, file('khoi-sua'), { today: TODAY });
      const units = byCode(listUnits(ctx.db, { today: TODAY }));
      expect(units.get('LCA-S01')!.phone).toBe('0912999999');
      expect(units.get('LCA-S05')).toMatchObject({ contact: 'Bà Mai', email: 'mai@syt.gov.vn', phone: '0912000005' });
      expect(units.get('LCA-K01')!.active).toBe(true); // absent from the list, not deactivated
      expect(units.size).toBe(6);
    });

    it('a merged two-row header: "Cán bộ đầu mối" over name, position, phone; "Hiệu lực" over from and to', async () => {
      const ctx = ctxOf();
      const r = await importUnitList(ctx.db, file('hai-dong'), { today: TODAY });
      expect(r.errors).toEqual([]);
      expect(Object.fromEntries(r.columns.map((c) => [c.letter, c.role]))).toEqual({
        A: 'skip',
        B: 'code',
        C: 'name',
        D: 'contact',
        E: 'position',
        F: 'phone',
        G: 'validFrom',
        H: 'validTo',
      });
      const units = byCode(listUnits(ctx.db, { today: TODAY }));
      expect(units.get('S02')).toMatchObject({
        contact: 'Vũ Văn Long',
        position: 'Chánh Văn phòng',
        phone: '0912345679',
        validTo: '2025-12-31',
        active: false,
        state: 'ended',
      });
      expect(units.get('X001')).toMatchObject({ validFrom: '2025-07-01', active: true, kind: 'xa' });
    });

    it('extra columns are kept as notes, and the preview says so', async () => {
      const ctx = ctxOf();
      const r = await importUnitList(ctx.db, file('cot-them'), { today: TODAY });
      expect(r.notices.join(' ')).toMatch(/"Số cán bộ nữ" \(cột E\).*"Trang thông tin" \(cột F\)/);
      const units = byCode(listUnits(ctx.db));
      expect(units.get('S01')).toMatchObject({
        address: 'Số 1 Trần Phú',
        note: 'Thường trực; Số cán bộ nữ: 12; Trang thông tin: snv.hoaban.gov.vn',
      });
      expect(units.get('D01')!.note).toBe('Số cán bộ nữ: 30');
    });

    it('the 2024 list with the 2025 mergers builds the lineage; the old units are inactive everywhere after', async () => {
      const ctx = ctxOf();
      const r = await importUnitList(ctx.db, file('sap-nhap-2025'), { today: TODAY });
      expect(r.errors).toEqual([]);
      expect(r.links.map((l) => `${l.predecessor}>${l.successors.join('+')}@${l.effectiveDate}`)).toEqual([
        'S02>S01@2025-03-01',
        'S03>S04@2026-01-01',
        'X01>X10@2025-07-01',
        'X02>X10@2025-07-01',
        'X03>X10@2025-07-01',
      ]);
      const links = ctx.db.select().from(t.unitLinks).all();
      expect(links).toHaveLength(5);
      const units = byCode(listUnits(ctx.db, { today: TODAY }));
      expect(units.get('X10')!.predecessorIds.sort()).toEqual(
        [units.get('X01')!.id, units.get('X02')!.id, units.get('X03')!.id].sort(),
      );
      // the list (activeOnly through the contract, on the context's today)
      const active = await call<Unit[]>(ctx, 'units.list', { activeOnly: true });
      expect(active.map((u) => u.code).sort()).toEqual(['S01', 'S04', 'X10']);
      const s03 = await call<{ unit: Unit }>(ctx, 'units.get', { id: units.get('S03')!.id });
      expect(s03.unit).toMatchObject({ validTo: '2025-12-31', active: false, state: 'ended' });
      // the expected units of a later period and of the year before
      const p2026 = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
      expect(
        expectedUnits(ctx.db, p2026.id)
          .map((u) => u.code)
          .sort(),
      ).toEqual(['S01', 'S04', 'X10']);
      const p2025 = createPeriod(ctx.db, { year: 2025, kind: 'year' });
      expect(
        expectedUnits(ctx.db, p2025.id)
          .map((u) => u.code)
          .sort(),
      ).toEqual(['S01', 'S03', 'S04', 'X10']);
      // re-importing the same list: the links are there, nothing changes
      const again = await importUnitList(ctx.db, file('sap-nhap-2025'), { today: TODAY });
      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 8, changes: [] });
    });

    it('a needed column not recognised: the preview asks (naming it, with the first rows); --columns answers', async () => {
      const ctx = ctxOf();
      const f = file('thieu-cot-ten');
      const r = await importUnitList(ctx.db, f, { dryRun: true, today: TODAY });
      expect(r.needsMapping).toBe(true);
      expect(r.missing).toEqual(['Tên đơn vị']);
      expect(r.errors[0]!.message).toMatch(/Không nhận ra cột "Tên đơn vị"/);
      expect(r.columns.find((c) => c.letter === 'C')).toMatchObject({
        header: 'Cơ sở',
        samples: ['Sở Nội vụ', 'Sở Y tế', 'Tỉnh đoàn'],
      });
      expect(r.rows).toEqual([]);
      const ok = await importUnitList(ctx.db, f, { today: TODAY, columns: { C: 'name', D: 'contact' } });
      expect(ok).toMatchObject({ imported: 3, needsMapping: false, errors: [] });
      expect(unitByCode(ctx.db, 'S01')).toMatchObject({ name: 'Sở Nội vụ', contact: 'Nguyễn Thị Hoa' });
      expect(unitByCode(ctx.db, 'S02')!.phone).toBe('0912000111');

      // the same through the CLI
      const dir = tmpDir();
      const db = join(dir, 'cli.sqlite');
      expect((await cli(['init', '--db', db, '--json'])).code).toBe(0);
      const refused = await cli(['units', 'import', '--db', db, f.path, '--json']);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/Tên đơn vị/);
      expect((refused.json().error as { message: string }).message).toMatch(/C "Cơ sở"/);
      const dry = await cli([
        'units',
        'import',
        '--db',
        db,
        f.path,
        '--columns',
        'name=C,contact=D',
        '--dry-run',
        '--json',
      ]);
      expect(dry.json()).toMatchObject({ imported: 3, dryRun: true });
      expect((await cli(['units', 'list', '--db', db, '--json'])).json()).toEqual({ units: [] });
      const done = await cli(['units', 'import', '--db', db, f.path, '--columns', 'name=C,contact=D', '--json']);
      expect(done.json()).toMatchObject({ imported: 3, updated: 0, unchanged: 0, errors: [], changes: [], absent: [] });
      const bad = await cli(['units', 'import', '--db', db, f.path, '--columns', 'ten=C', '--json']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--columns: không hiểu "ten=C"/);
    });

    it('a chosen column with nothing under its header: one answer naming the column, nothing read or written', async () => {
      const ctx = ctxOf();
      const f = file('thieu-cot-ten');
      // ZZ: past the sheet's last column; the answer lists it once, not the hundreds of empty columns before it
      const r = await importUnitList(ctx.db, f, { today: TODAY, columns: { ZZ: 'name' } });
      expect(r.needsMapping).toBe(true);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.message).toMatch(
        /^Cột ZZ được chọn là "Tên đơn vị" nhưng trống ở mọi dòng từ dòng \d+ trở xuống: không có gì để nhập, chưa ghi gì\./,
      );
      expect(r.errors[0]!.message).toMatch(/các cột có nội dung: [A-Z, ]*C[A-Z, ]*\)\.$/);
      expect(r.rows).toEqual([]);
      expect(r.columns.length).toBeLessThan(20);
      expect(r.columns.at(-1)).toMatchObject({ letter: 'ZZ', samples: [] });
      expect(ctx.db.select().from(t.units).all()).toEqual([]);
      // another field's empty column (the screen sends every column's role) has only nothing to give
      const ok = await importUnitList(ctx.db, f, { today: TODAY, columns: { C: 'name', ZZ: 'contact' } });
      expect(ok).toMatchObject({ imported: 3, needsMapping: false, errors: [] });

      const dir = tmpDir();
      const db = join(dir, 'cli.sqlite');
      expect((await cli(['init', '--db', db, '--json'])).code).toBe(0);
      const answer = await cli(['units', 'import', '--db', db, f.path, '--columns', 'name=ZZ', '--json']);
      expect(answer.code).toBe(1);
      const message = answer.json<{ error: { message: string } }>().error.message;
      expect(message).toMatch(/^Cột ZZ được chọn là "Tên đơn vị" nhưng trống/);
      expect(message).toMatch(/Các cột trong tệp: A "[^"]+", .*C "Cơ sở"/);
      expect(message).not.toMatch(/Z ""/);
    });
  });
}

describe('units through the CLI: list fields, export, the merger on the list', () => {
  it('units list carries the new fields; an ended unit is inactive; units export writes a list that imports back', async () => {
    const dir = tmpDir();
    const db = join(dir, 'cli.sqlite');
    await cli(['init', '--db', db, '--json']);
    const imp = await cli(['units', 'import', '--db', db, join(FIX, 'exceljs', 'sap-nhap-2025.xlsx'), '--json']);
    expect(imp.json()).toMatchObject({ imported: 8, errors: [] });
    await cli(['units', 'import', '--db', db, join(FIX, 'exceljs', 'hai-dong.xlsx'), '--json']);
    const list = (await cli(['units', 'list', '--db', db, '--json'])).json().units as Array<Record<string, unknown>>;
    const s01 = list.find((u) => u.code === 'S01')!;
    expect(s01).toMatchObject({
      contactPerson: 'Nguyễn Thị Hoa',
      contact: 'Nguyễn Thị Hoa',
      position: 'Phó Giám đốc',
      address: null,
      notes: null,
      validFrom: null,
      validTo: null,
      active: true,
    });
    // S03 (Sở Ngoại vụ, merged into Văn phòng UBND from 01/01/2026): inactive after 31/12/2025
    expect(list.find((u) => u.code === 'S03')).toMatchObject({ validTo: '2025-12-31', active: false });

    const out = join(dir, 'ds.xlsx');
    const ex = await cli(['units', 'export', '--db', db, '--out', out, '--json']);
    expect(ex.json()).toMatchObject({ path: out, units: 9 });
    // the exported list imports back into an empty register: the same units, the same lineage
    const ctx = ctxOf();
    const back = await importUnitList(ctx.db, { name: 'ds.xlsx', bytes: readFileSync(out) }, { today: TODAY });
    expect(back.errors).toEqual([]);
    expect(back.imported).toBe(9);
    expect(back.notices.join(' ')).not.toMatch(/Ghi chú của đơn vị/); // every exported column is understood
    expect(back.links.map((l) => `${l.predecessor}>${l.successors.join('+')}`)).toContain('S03>S04');
    expect(unitByCode(ctx.db, 'S01')!.position).toBe('Phó Giám đốc');
  });
});
