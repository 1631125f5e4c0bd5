/**
 * getCatalog is cached per database handle (the import pipeline asks for it for every file): every catalogue write
 * must be seen by the very next call, a failed write must not disturb the cache, and a frozen template too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureSeeded,
  getCatalog,
  latestTemplate,
  saveLocalElement,
  saveLocalIndicator,
  setProvinceTarget,
} from '../../../src/main/services/catalog';
import { createPeriod } from '../../../src/main/services/periods';
import { setMeta } from '../../../src/main/services/settings';
import { AppError } from '../../../src/shared/result';
import { tmpCtx } from '../../helpers/tmp';

const open: Array<ReturnType<typeof tmpCtx>> = [];
afterEach(() => {
  for (const c of open.splice(0)) c.dispose();
});
const ctxFor = (): ReturnType<typeof tmpCtx> => {
  const c = tmpCtx();
  open.push(c);
  return c;
};

const element = (code: string, name: string) => ({
  code,
  name,
  unit: 'lượt',
  type: 'integer' as const,
  cells: ['value' as const],
  section: 'I',
  reportedBy: ['so_nganh' as const],
  sensitive: false,
  collectedFrom: 'units' as const,
});

describe('getCatalog cache', () => {
  it('returns the cached view while nothing changes', () => {
    const ctx = ctxFor();
    const a = getCatalog(ctx.db);
    expect(getCatalog(ctx.db)).toBe(a);
    expect(Object.isFrozen(a.dataElements)).toBe(true);
  });

  it('sees every catalogue write immediately after', () => {
    const ctx = ctxFor();
    const before = getCatalog(ctx.db);
    saveLocalElement(ctx.db, element('LOCAL_A', 'Chỉ tiêu A'));
    const a = getCatalog(ctx.db);
    expect(a).not.toBe(before);
    expect(a.dataElements.find((e) => e.code === 'LOCAL_A')?.name).toBe('Chỉ tiêu A');
    saveLocalElement(ctx.db, element('LOCAL_A', 'Chỉ tiêu A sửa'));
    expect(getCatalog(ctx.db).dataElements.find((e) => e.code === 'LOCAL_A')?.name).toBe('Chỉ tiêu A sửa');

    setProvinceTarget(ctx.db, 'CL.M6.1', 2025, { op: '>=', value: 80 });
    expect(getCatalog(ctx.db).provinceTargets['CL.M6.1']).toEqual({ '2025': { op: '>=', value: 80 } });
    setProvinceTarget(ctx.db, 'CL.M6.1', 2025, null);
    expect(getCatalog(ctx.db).provinceTargets['CL.M6.1']).toBeUndefined();

    const ind = getCatalog(ctx.db).indicators[0]!;
    saveLocalIndicator(ctx.db, { ...ind, code: 'LOCAL_IND', name: 'Chỉ tiêu của tỉnh' }, () => undefined);
    expect(getCatalog(ctx.db).indicators.find((i) => i.code === 'LOCAL_IND')?.name).toBe('Chỉ tiêu của tỉnh');

    setMeta(ctx.db, 'catalog.version', '2000.1');
    expect(ensureSeeded(ctx.db).upgraded).toBe(true);
    expect(getCatalog(ctx.db).catalogVersion).not.toBe('2000.1');
  });

  it('a refused write leaves the cache right', () => {
    const ctx = ctxFor();
    const before = getCatalog(ctx.db);
    expect(() => setProvinceTarget(ctx.db, 'KHONG_CO', 2025, { op: '>=', value: 1 })).toThrow(AppError);
    expect(getCatalog(ctx.db)).toBe(before);
  });

  it('sees a template frozen by a new period, and each handle keeps its own cache', () => {
    const ctx = ctxFor();
    const other = ctxFor();
    expect(getCatalog(ctx.db).templates.every((t) => !(t as { frozen?: boolean }).frozen)).toBe(true);
    createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    expect(latestTemplate(ctx.db, 'BC-BDG-DV').frozen).toBe(true);
    const tpl = getCatalog(ctx.db).templates.find((t) => t.code === 'BC-BDG-DV') as { frozen?: boolean } | undefined;
    expect(tpl?.frozen).toBe(true);
    saveLocalElement(ctx.db, element('LOCAL_B', 'B'));
    expect(getCatalog(ctx.db).templates.filter((t) => t.code === 'BC-BDG-DV').length).toBe(2);
    expect(getCatalog(other.db).dataElements.some((e) => e.code === 'LOCAL_B')).toBe(false);
  });
});
