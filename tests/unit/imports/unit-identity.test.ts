/** The unit resolver on its own: every source read, cross-checked against the register. */
import { describe, expect, it } from 'vitest';
import { NO_IDENTITY, type FormIdentity } from '../../../src/main/excel/form-identity';
import type { UnitRow } from '../../../src/main/services/imports/identify';
import { makeRegister, resolveUnit, unitInFileName } from '../../../src/main/services/imports/unit-identity';
import { unitNameSlug } from '../../../src/shared/text/unit-names';

let nextId = 1;
const unit = (code: string, name: string, kind = 'so_nganh'): UnitRow =>
  ({ id: nextId++, code, name, kind }) as unknown as UnitRow;
const S01 = unit('LCA-S01', 'Sở Nội vụ');
const S02 = unit('LCA-S02', 'Sở Tài chính');
const X01 = unit('LCA-X01', 'Phường Cam Đường', 'xa');
const X02 = unit('LCA-X02', 'Xã Cam Đường', 'xa');
const reg = makeRegister([S01, S02, X01, X02]);

const id = (over: Partial<FormIdentity>): FormIdentity => ({ source: 'meta', ...NO_IDENTITY, ...over });

describe('resolveUnit', () => {
  it('every source agreeing: that unit, no word', () => {
    const r = resolveUnit(
      id({ metaUnitCode: 'LCA-S01', visibleUnitCode: 'LCA-S01', visibleUnitName: 'Sở Nội vụ' }),
      'BDG_6-thang_LCA-S01.xlsx',
      reg,
    );
    expect(r).toMatchObject({ kind: 'unit', unit: { code: 'LCA-S01' }, warnings: [] });
  });

  it('a reused file: the typed unit against the hidden one is refused naming both', () => {
    const r = resolveUnit(
      id({ metaUnitCode: 'LCA-S01', visibleUnitCode: 'LCA-S02', visibleUnitName: 'Sở Tài chính' }),
      'bao-cao.xlsx',
      reg,
    );
    expect(r.kind).toBe('mismatch');
    const msg = r.kind === 'mismatch' ? r.errors[0]!.message : '';
    expect(msg).toContain('Sở Tài chính (LCA-S02)');
    expect(msg).toContain('Sở Nội vụ (LCA-S01)');
  });

  it('the generic copy: a code that contradicts the typed name is refused', () => {
    const r = resolveUnit(
      id({ source: 'header', visibleUnitCode: 'LCA-S01', visibleUnitName: 'Sở Tài chính' }),
      'x.xlsx',
      reg,
    );
    expect(r.kind).toBe('mismatch');
  });

  it('a name alone, written as people write it, identifies the unit; "Cam Đường" alone does not', () => {
    expect(resolveUnit(id({ visibleUnitName: 'UBND phường Cam Đường' }), 'a.xlsx', reg)).toMatchObject({
      kind: 'unit',
      unit: { code: 'LCA-X01' },
    });
    expect(resolveUnit(id({ visibleUnitName: 'Cam Đường' }), 'a.xlsx', reg).kind).toBe('unidentified');
  });

  it('a file name naming another unit than the content is refused', () => {
    const r = resolveUnit(id({ metaUnitCode: 'LCA-S01' }), 'So-Tai-chinh.xlsx', reg);
    expect(r.kind).toBe('mismatch');
  });

  it('nothing sure: unidentified, with the file name as a hint only', () => {
    const r = resolveUnit(id({ source: 'header' }), 'LCA-X02.xlsx', reg);
    expect(r.kind).toBe('unidentified');
    expect(r.kind === 'unidentified' && r.hint?.code).toBe('LCA-X02');
  });

  it('a code not in the register is unidentified; beside a known one it is a contradiction', () => {
    expect(resolveUnit(id({ metaUnitCode: 'LCA-S99' }), 'a.xlsx', reg).kind).toBe('unidentified');
    expect(resolveUnit(id({ metaUnitCode: 'LCA-S01', visibleUnitCode: 'LCA-S99' }), 'a.xlsx', reg).kind).toBe(
      'mismatch',
    );
  });

  it('an odd spelling of the right unit is a warning, not a refusal', () => {
    const r = resolveUnit(id({ metaUnitCode: 'LCA-S01', visibleUnitName: 'SNV tỉnh' }), 'a.xlsx', reg);
    expect(r).toMatchObject({ kind: 'unit', warnings: [{ code: 'UNIT_NAME_DIFFERS' }] });
  });
});

describe('unitInFileName', () => {
  it('finds a code or a full name, longest first, and refuses to choose between two', () => {
    expect(unitInFileName(reg, 'BDG-6T_6-thang-dau-nam-2026_LCA-X01.xlsx')?.code).toBe('LCA-X01');
    expect(unitInFileName(reg, 'So-Noi-vu-ban-sua.xlsx')?.code).toBe('LCA-S01');
    expect(unitInFileName(reg, 'Phuong Cam Duong.xlsx')?.code).toBe('LCA-X01');
    expect(unitInFileName(reg, 'bao-cao.xlsx')).toBeNull();
    expect(unitInFileName(reg, 'LCA-S01 va LCA-S02.xlsx')).toBeNull();
  });

  it('looks names up piece by piece with the same answer as trying every token of the register', () => {
    // the reference: every token, longest first, by its regex (the resolver's first version)
    const byEveryToken = (r: ReturnType<typeof makeRegister>, fileName: string): string | null => {
      const base = fileName.replace(/\.[^.]+$/, '');
      const upper = base.toUpperCase();
      const slug = unitNameSlug(base);
      let found: { unit: UnitRow; length: number } | null = null;
      for (const t of r.fileTokens) {
        if (found && t.token.length < found.length) break;
        if (!t.re.test(t.isCode ? upper : slug)) continue;
        if (found && found.unit.id !== t.unit.id) return null;
        found = { unit: t.unit, length: t.token.length };
      }
      return found?.unit.code ?? null;
    };
    const units = [
      S01,
      S02,
      X01,
      X02,
      unit('X1', 'Xã Một'),
      unit('X1-A', 'Xã Một A'),
      unit('A-X1', 'Thôn A'),
      unit('CAM-DUONG', 'Cam Đường Mới'),
      unit('ĐB-01', 'Đồng Bằng'),
      unit('Q7', 'Phường Cam Đường'),
    ];
    const big = makeRegister(units);
    const words = [
      'LCA-S01',
      'lca-s01',
      'X1',
      'x1-a',
      'A-X1',
      'Xa-Mot',
      'xa mot a',
      'Phuong-Cam-Duong',
      'Cam Đường',
      'CAM-DUONG',
      'moi',
      'ĐB-01',
      'Q7',
      'Q77',
      'BC',
      '2026',
      '_',
      '-',
      ' ',
      '.',
      'Sở Nội vụ',
      'thon-a',
      'a',
    ];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const differ: string[] = [];
    let named = 0;
    for (let i = 0; i < 5000; i++) {
      let name = '';
      for (let k = 1 + rnd(5); k > 0; k--) name += words[rnd(words.length)]! + ['', '-', '_', ' '][rnd(4)]!;
      name += ['.xlsx', '', '.x.xlsm'][rnd(3)]!;
      const want = byEveryToken(big, name);
      if (want) named++;
      if ((unitInFileName(big, name)?.code ?? null) !== want) differ.push(name);
    }
    expect(differ.slice(0, 5)).toEqual([]);
    expect(named).toBeGreaterThan(1000);
  });
});
