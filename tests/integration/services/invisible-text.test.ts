/**
 * Issue 19, finding 7: a unit's text with bidi controls is stored without them, and the officer is told (a
 * warning on the import result); a unit name saved with them is stored clean.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { smallProvince } from '../../helpers/province';

describe('invisible format characters on the way in', () => {
  it('a text cell keeps its words, loses the bidi override, and the result warns', async () => {
    const { ctx, importAs } = smallProvince();
    try {
      const r = await importAs('S01', { VB_BANHANH: { value: 3 }, TXT_KETQUA: { value: 'Xã \u202Egnp.exe' } });
      expect(r.status).toBe('accepted');
      expect(r.warnings.map((w) => w.code)).toContain('INVISIBLE_CHARS');
      expect(r.warnings.find((w) => w.code === 'INVISIBLE_CHARS')!.message).toMatch(/ký tự ẩn/);
      const stored = ctx.raw.prepare("SELECT text AS t FROM submission_values WHERE text LIKE 'Xã%'").all() as Array<{
        t: string;
      }>;
      expect(stored.map((s) => s.t)).toEqual(['Xã gnp.exe']);
    } finally {
      ctx.dispose();
    }
  });

  it('units.save stores a name without bidi controls', async () => {
    const { ctx } = smallProvince();
    try {
      const r = await dispatch(ctx, 'units.save', { code: 'X9', name: 'Xã \u202Egnp.exe\u2069', kind: 'xa' });
      expect(r.ok && (r.data as { name: string }).name).toBe('Xã gnp.exe');
    } finally {
      ctx.dispose();
    }
  });
});
