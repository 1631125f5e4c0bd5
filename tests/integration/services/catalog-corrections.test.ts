/**
 * The catalogue corrections of issue 16 (point 7), seen through catalog.get on a fresh database and on an old
 * release's database (tests/fixtures/db/v0.1.0.sqlite) after its seed upgrade; the officer's "who reports what"
 * survives a later upgrade.
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { ensureSeeded } from '../../../src/main/services/catalog';
import { VERSION_KEY } from '../../../src/main/services/catalog/seed';
import { setMeta } from '../../../src/main/services/settings';
import type { CatalogView } from '../../../src/shared/contract';
import { tmpDir } from '../../helpers/tmp';

const FIXTURE = resolve(__dirname, '../../fixtures/db/v0.1.0.sqlite');

function checkCorrections(c: CatalogView): void {
  const ind = (code: string) => c.indicators.find((i) => i.code === code)!;
  expect(c.catalogVersion).toBe('2026.2');
  expect(ind('CL.M5.2A').targets['2030']).toMatchObject({ op: '>=', value: 99, wording: 'khoảng 99%' });
  expect(ind('CL.M2.1').targets['2030']).toMatchObject({ value: 60, wording: 'khoảng 60%' });
  for (const code of ['CL.M4.3', 'CL.M5.3', 'CL.M5.4B'])
    expect(ind(code).targets['2030']!.verified, code).toBe('unverified');
  expect(ind('CL.M1.1').targets['2030']!.verified).toBe('source');
  expect(c.dataElements.find((d) => d.code === 'CSYT_LGBT')!.targets!['2030']!.verified).toBe('unverified');
  expect(ind('CL.M6.3').name).toContain('xã, phường, đặc khu');
  expect(ind('CL.M6.3').name).not.toContain('thị trấn');
  expect(ind('CL.M6.3').note).toContain('thị trấn');
  const cb = c.dataElements.find((d) => d.code === 'CB_BDG')!;
  expect(cb).toMatchObject({
    name: 'Số người làm công tác bình đẳng giới và vì sự tiến bộ phụ nữ',
    cells: ['total', 'female'],
    section: 'I',
  });
  const tpl = c.templates.filter((t) => t.code === 'BC-BDG-DV').at(-1)!;
  expect(tpl.rows).toContain('CB_BDG');
  expect(c.validationRules.some((r) => r.left === 'CB_BDG.female' && r.right === 'CB_BDG.total')).toBe(true);
  const legal = (c.legalNotes ?? []).map((n) => n.text).join('\n');
  expect(legal).toContain('276/2026/NĐ-CP');
  expect(legal).toContain('25/2025/NĐ-CP');
  expect(legal).toContain('13/2025/TT-BNV');
  expect(legal).toContain('18/2025/TT-BNV');
  const sinh = c.dataElements.find((d) => d.code === 'SINH_SONG');
  if (sinh) expect(sinh.reporterUnits).toEqual(['vai-tro:y_te']);
  expect(c.dataElements.find((d) => d.code === 'DN_TONG')!.reporterUnits).toEqual(['vai-tro:tai_chinh']);
  // every section V row names who reports it
  for (const d of c.dataElements.filter((x) => x.section === 'V'))
    expect(d.reporterUnits?.length, d.code).toBeGreaterThan(0);
}

describe('catalogue corrections', () => {
  it('a fresh database has them', async () => {
    const ctx = createContext(join(tmpDir(), 'moi.sqlite'));
    try {
      const r = await dispatch(ctx, 'catalog.get', {});
      expect(r.ok).toBe(true);
      checkCorrections((r as { data: CatalogView }).data);
    } finally {
      ctx.close();
    }
  });

  it("an old release's database is brought up to date, keeping its codes and the officer's choices", async () => {
    const copy = join(tmpDir(), 'cu.sqlite');
    copyFileSync(FIXTURE, copy);
    const ctx = createContext(copy);
    try {
      const before = ctx.raw.prepare('SELECT count(*) AS n FROM data_elements').get() as { n: number };
      const r = await dispatch(ctx, 'catalog.get', {});
      expect(r.ok).toBe(true);
      checkCorrections((r as { data: CatalogView }).data);
      // the officer says who reports SINH_SONG in her province (a unit code)
      const save = await dispatch(ctx, 'catalog.saveElement', {
        code: 'SINH_SONG',
        name: 'ignored',
        unit: 'người',
        type: 'integer',
        cells: ['total'],
        section: 'V',
        reportedBy: ['so_nganh'],
        reporterUnits: ['S99', 'vai-tro:y_te'],
      });
      expect(save.ok, JSON.stringify(save)).toBe(true);
      // a later seed upgrade (the version stamp set back) keeps her choice and the standard name
      setMeta(ctx.db, VERSION_KEY, '2026.1');
      expect(ensureSeeded(ctx.db).upgraded).toBe(true);
      const after = (await dispatch(ctx, 'catalog.get', {})) as { data: CatalogView };
      const sinh = after.data.dataElements.find((d) => d.code === 'SINH_SONG')!;
      expect(sinh.reporterUnits).toEqual(['S99', 'vai-tro:y_te']);
      expect(sinh.name).toBe('Số trẻ sinh ra sống');
      checkCorrections({ ...after.data, dataElements: after.data.dataElements.filter((d) => d.code !== 'SINH_SONG') });
      const n = ctx.raw.prepare('SELECT count(*) AS n FROM data_elements').get() as { n: number };
      expect(n.n).toBeGreaterThanOrEqual(before.n);
      // an unknown role is refused in Vietnamese
      const bad = await dispatch(ctx, 'catalog.saveElement', {
        code: 'SINH_SONG',
        name: 'x',
        unit: 'người',
        type: 'integer',
        cells: ['total'],
        section: 'V',
        reportedBy: ['so_nganh'],
        reporterUnits: ['vai-tro:khong-co'],
      });
      expect(bad.ok).toBe(false);
    } finally {
      ctx.close();
    }
  });
});
