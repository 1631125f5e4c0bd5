import { describe, expect, it } from 'vitest';
import { unitNameKey, unitNameSlug } from '../../../src/shared/text/unit-names';

describe('unitNameKey: one key for the ways a unit name is written', () => {
  it.each([
    ['UBND Phường Cam Đường', 'Phường Cam Đường'],
    ['Ủy ban nhân dân phường Cam Đường', 'PHƯỜNG CAM ĐƯỜNG'],
    ['U.B.N.D xã Bảo Thắng', 'Xã Bảo Thắng'],
    ['P. Cam Đường', 'Phường Cam Đường'],
    ['HLHPN tỉnh', 'Hội Liên hiệp Phụ nữ tỉnh'],
    ['Ủy ban MTTQ Việt Nam tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'],
    ['Sở  Nội vụ ', 'sở nội vụ'],
    ['Sở Văn hóa, Thể thao và Du lịch', 'So Van hoa - The thao va Du lich'],
  ])('"%s" ~ "%s"', (a, b) => {
    expect(unitNameKey(a)).toBe(unitNameKey(b));
  });

  it.each([
    ['Sở Tài chính', 'Sở Nội vụ'],
    ['Phường Cam Đường', 'Xã Cam Đường'],
    ['Xã Bảo Thắng', 'Xã Bảo Hà'],
  ])('"%s" is not "%s"', (a, b) => {
    expect(unitNameKey(a)).not.toBe(unitNameKey(b));
  });

  it('slugs for file names', () => {
    expect(unitNameSlug('UBND Phường Cam Đường')).toBe('phuong-cam-duong');
    expect(unitNameSlug('Sở Nội vụ')).toBe('so-noi-vu');
  });
});
