import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { buildDemo } from '../../../src/main/demo';
import type { Consolidation, StatusReport } from '../../../src/shared/domain/report';
import { tmpDir } from '../../helpers/tmp';

describe('the demo province', () => {
  it('builds units with a merger, periods and filled reports through the real pipeline, in its own file', async () => {
    const path = join(tmpDir(), 'demo.sqlite');
    await buildDemo(path);
    expect(existsSync(path)).toBe(true);
    const ctx = createContext(path, { demo: true });
    try {
      const info = await dispatch(ctx, 'app.info', {});
      expect(info).toMatchObject({ ok: true, data: { demo: true } });
      const units = (await dispatch(ctx, 'units.list', {})) as {
        ok: true;
        data: Array<{ code: string; successorIds: number[] }>;
      };
      expect(units.data.length).toBe(23);
      expect(units.data.filter((u) => u.successorIds.length > 0)).toHaveLength(3);
      const periods = (await dispatch(ctx, 'periods.list', {})) as {
        ok: true;
        data: Array<{ id: number; label: string; status: string }>;
      };
      expect(periods.data.map((p) => p.label)).toEqual([
        'Năm 2026',
        '6 tháng đầu năm 2026',
        'Năm 2025',
        '6 tháng đầu năm 2025',
      ]);
      const current = periods.data[0]!;
      expect(current.status).toBe('open');
      const s = (await dispatch(ctx, 'status.get', { periodId: current.id })) as { ok: true; data: StatusReport };
      expect(s.data.received).toBeGreaterThan(0);
      expect(s.data.missing).toBeGreaterThan(0);
      const c = (await dispatch(ctx, 'consolidation.get', { periodId: current.id })) as {
        ok: true;
        data: Consolidation;
      };
      expect(c.data.previous?.label).toBe('Năm 2025');
      const strategy = c.data.indicators.filter((i) => i.code.startsWith('CL.') && i.value !== null);
      expect(strategy.length).toBeGreaterThan(15);
      for (const i of strategy)
        if (i.code !== 'CL.M4.1' && i.code !== 'CL.M4.2' && i.code !== 'CL.M4.3')
          expect(i.value!).toBeLessThanOrEqual(100);
    } finally {
      ctx.close();
    }
  });
});

describe('opening the demo from the app', () => {
  it('switches to a throw-away demo database and back, never touching the real one', async () => {
    const { tmpCtx } = await import('../../helpers/tmp');
    const ctx = tmpCtx();
    try {
      await dispatch(ctx, 'units.save', { code: 'THAT', name: 'Đơn vị thật', kind: 'so_nganh' });
      const real = ctx.dbPath;
      const opened = (await dispatch(ctx, 'app.demo', { open: true })) as {
        ok: true;
        data: { demo: boolean; dbPath: string };
      };
      expect(opened.data.demo).toBe(true);
      expect(opened.data.dbPath).not.toBe(real);
      const demoUnits = (await dispatch(ctx, 'units.list', {})) as { ok: true; data: Array<{ code: string }> };
      expect(demoUnits.data.map((u) => u.code)).not.toContain('THAT');
      expect(demoUnits.data.length).toBe(23);
      const back = (await dispatch(ctx, 'app.demo', { open: false })) as {
        ok: true;
        data: { demo: boolean; dbPath: string };
      };
      expect(back.data).toMatchObject({ demo: false, dbPath: real });
      const units = (await dispatch(ctx, 'units.list', {})) as { ok: true; data: Array<{ code: string }> };
      expect(units.data.map((u) => u.code)).toEqual(['THAT']);
    } finally {
      ctx.dispose();
    }
  });
});
