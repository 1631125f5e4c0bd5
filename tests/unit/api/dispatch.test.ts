import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { contract, OP_NAMES } from '../../../src/shared/contract';
import { handlers } from '../../../src/main/api/handlers';
import { INTERNAL_MESSAGE } from '../../../src/shared/result';
import { migrations } from '../../../src/main/db/migrate';
import { tmpCtx } from '../../helpers/tmp';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

describe('the contract and its dispatcher', () => {
  it('every contract entry has a handler and a zod schema, and nothing else is handled', () => {
    expect(Object.keys(handlers).sort()).toEqual([...OP_NAMES].sort());
    for (const op of OP_NAMES) expect(typeof contract[op].input.safeParse).toBe('function');
  });

  it('rejects bad input before any handler runs, in Vietnamese', async () => {
    const ctx = tmpCtx();
    cleanup.push(() => ctx.dispose());
    const r = await dispatch(ctx, 'periods.create', { year: 'hai nghìn', kind: 'quy' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toMatch(/^Dữ liệu gửi lên không hợp lệ: /);
    expect(r.error.message).toMatch(/year/);
    expect(r.error.message).not.toMatch(/Invalid input|Expected/);
    const extra = await dispatch(ctx, 'units.list', { q: 'x', drop: 'table' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('says the usual refusals in plain words, not the schema’s type names', async () => {
    const ctx = tmpCtx();
    cleanup.push(() => ctx.dispose());
    const said = async (input: unknown): Promise<string> => {
      const r = await dispatch(ctx, 'periods.create', input);
      return r.ok ? 'ok' : r.error.message.replace(/^Dữ liệu gửi lên không hợp lệ: /, '');
    };
    expect(await said({ year: 20266, kind: 'year' })).toBe('year: không được lớn hơn 2100.');
    expect(await said({ year: 1999, kind: 'year' })).toBe('year: không được nhỏ hơn 2000.');
    expect(await said({ year: 2026.5, kind: 'year' })).toBe('year: phải là một số nguyên.');
    expect(await said({ year: 'hai', kind: 'year' })).toBe('year: phải là một số.');
    expect(await said({ kind: 'year' })).toBe('year: bị thiếu.');
    expect(await said({ year: 2026, kind: 'quy' })).toBe('kind: phải là một trong: half_year, year, adhoc.');
    expect(await said({ year: 2026, kind: 'year', label: '' })).toBe('label: không được để trống.');
    expect(await said({ year: 2026, kind: 'year', label: 'x'.repeat(201) })).toBe('label: dài tối đa 200 ký tự.');
    expect(await said({ year: 2026, kind: 'year', drop: 1 })).toBe('có trường không dùng được: drop.');
    const values = await dispatch(ctx, 'submissions.enter', { periodId: 1, unitCode: 'X', values: { A: 1 } });
    expect(values.ok ? '' : values.error.message).toContain('values.A: phải là một đối tượng (các cặp tên: giá trị)');
    // nothing of zod's English type names or its symbols is left
    for (const m of [await said({ year: 20266, kind: 'year' }), await said({ year: 2026, kind: 'year', label: '' })])
      expect(m).not.toMatch(/number|string|mong đợi|[<>]=/);
  });

  it('answers an unknown operation without throwing', async () => {
    const ctx = tmpCtx();
    cleanup.push(() => ctx.dispose());
    expect(await dispatch(ctx, 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_operation' },
    });
    expect(await dispatch(ctx, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
  });

  it('turns an unexpected failure into a plain Vietnamese message, never a stack trace', async () => {
    const ctx = tmpCtx();
    ctx.close(); // the database is gone: any query fails
    cleanup.push(() => ctx.dispose());
    const r = await dispatch(ctx, 'units.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(JSON.stringify(r)).not.toMatch(/\n\s+at /);
  });

  it('app.info and units.list work end to end; imports emit progress', async () => {
    const events: unknown[] = [];
    const ctx = tmpCtx({ emit: (e, p) => events.push([e, p]) });
    cleanup.push(() => ctx.dispose());
    const info = await dispatch(ctx, 'app.info', {});
    expect(info).toMatchObject({
      ok: true,
      data: {
        name: 'Báo cáo BĐG',
        dbPath: ctx.dbPath,
        schemaVersion: migrations[migrations.length - 1]!.tag,
        migrationsApplied: migrations.length,
        demo: false,
      },
    });
    await dispatch(ctx, 'units.save', { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' });
    expect(await dispatch(ctx, 'units.list', {})).toMatchObject({
      ok: true,
      data: [{ code: 'S01', name: 'Sở Nội vụ' }],
    });
    const p = (await dispatch(ctx, 'periods.create', { year: 2026, kind: 'year' })) as {
      ok: true;
      data: { id: number };
    };
    await dispatch(ctx, 'imports.file', {
      periodId: p.data.id,
      file: { name: 'rong.xlsx', bytes: new Uint8Array() },
      batchId: 'b1',
    });
    expect(events).toEqual([['import.progress', { batchId: 'b1', file: 'rong.xlsx', status: 'rejected', unit: null }]]);
  });
});
