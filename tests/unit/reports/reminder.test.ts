import { describe, expect, it } from 'vitest';
import { buildReminder, congVanNumberLine } from '../../../src/main/documents/reminder';
import { makeReportModel, settings } from '../../helpers/report-model';

const model = makeReportModel();
const missing = model.status.units.filter((u) => u.status === 'missing');

describe('buildReminder', () => {
  it('writes a công văn đôn đốc to the missing units', () => {
    const r = buildReminder({
      settings,
      period: model.period,
      missing,
      today: '2026-06-15',
      newDeadline: '2026-06-20',
    });
    expect(missing.map((u) => u.name)).toEqual(['Phường Cam Đường', 'Sở Tư pháp']);
    expect(r.title).toBe('Đôn đốc gửi báo cáo 6 tháng đầu năm 2026');
    const lines = r.text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'UBND TỈNH LÀO CAI',
      'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ',
      'Số: ……/BVSTBPN',
      'V/v đôn đốc gửi báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2026',
    ]);
    expect(r.text).toContain(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 15 tháng 6 năm 2026',
    );
    expect(r.text).toContain('Kính gửi:\n- Phường Cam Đường;\n- Sở Tư pháp.');
    expect(r.text).toContain('trước ngày 10/06/2026');
    expect(r.text).toContain('trước ngày 20/06/2026');
    expect(r.text).toContain('KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC');
    expect(r.text).toMatch(/Nơi nhận:\n- Như trên;\n- Bộ Nội vụ;[\s\S]*- Lưu: VT, BVSTBPN\.$/);
    expect(r.html).toContain('Kính gửi:');
    expect(r.html).not.toMatch(/<script/i);
  });
  it('one unit: "Kính gửi: X." on one line; no new deadline: "trong thời gian sớm nhất"', () => {
    const r = buildReminder({ settings, period: model.period, missing: missing.slice(0, 1), today: '2026-06-15' });
    expect(r.text).toContain('Kính gửi: Phường Cam Đường.');
    expect(r.text).toContain('trong thời gian sớm nhất');
  });
  it('escapes unit names in the HTML', () => {
    const evil = [{ ...missing[0]!, name: '<img src=x onerror=alert(1)>' }];
    const r = buildReminder({ settings, period: model.period, missing: evil, today: '2026-06-15' });
    expect(r.html).not.toContain('<img');
    expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('drops the type code from the number: a công văn has none', () => {
    expect(congVanNumberLine('{so}/BC-BVSTBPN', '7')).toBe('Số: 7/BVSTBPN');
    expect(congVanNumberLine('{so}/SNV-BĐG', '123')).toBe('Số: 123/SNV-BĐG');
  });
});
