/** Catalogue expressions read as names, never as codes. */
import { describe, expect, it } from 'vitest';
import { formulaWords } from '../../../src/shared/text/formula';

const names: Record<string, string> = {
  LDQL: 'Lao động quản lý',
  KH_BDG: 'Có kế hoạch hoạt động bình đẳng giới',
  'TL.A': 'Số A',
};
const nameOf = (c: string) => names[c];

describe('formulaWords', () => {
  it('writes cells with their element name', () => {
    expect(formulaWords('LDQL.female', nameOf)).toBe('Lao động quản lý (nữ)');
    expect(formulaWords('LDQL.male + LDQL.female', nameOf)).toBe('Lao động quản lý (nam) + Lao động quản lý (nữ)');
    expect(formulaWords('TL.A.value', nameOf)).toBe('Số A');
  });
  it('writes counts of units', () => {
    expect(formulaWords('count_yes(KH_BDG)', nameOf)).toBe(
      'số đơn vị trả lời “Có” – Có kế hoạch hoạt động bình đẳng giới',
    );
    expect(formulaWords('count_reported(KH_BDG)', nameOf)).toBe(
      'số đơn vị có báo cáo – Có kế hoạch hoạt động bình đẳng giới',
    );
  });
  it('never shows an unknown code', () => {
    expect(formulaWords('OLD_CODE.total', nameOf)).not.toContain('OLD_CODE');
  });
});
