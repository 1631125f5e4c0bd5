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
      'Số: ……/BVSTBPN-VP',
      'V/v đôn đốc gửi báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2026',
    ]);
    expect(r.text).toContain(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 15 tháng 6 năm 2026',
    );
    // grouped by kind: sở, ban, ngành before cấp xã
    expect(r.text).toContain('Kính gửi:\n- Sở Tư pháp;\n- Phường Cam Đường.');
    expect(r.text).toContain('- Sở, ban, ngành (1): Sở Tư pháp.\n- Cấp xã (1): Phường Cam Đường.');
    // the officer's phone and e-mail; the agency in sentence case inside sentences
    expect(r.text).toContain('điện thoại 0214 3840 123, thư điện tử an.tv@laocai.gov.vn');
    expect(r.text).not.toMatch(/BAN VÌ SỰ TIẾN BỘ PHỤ NỮ (đề nghị|đã)/);
    expect(r.text).toContain('trước ngày 10/06/2026');
    expect(r.text).toContain('trước ngày 20/06/2026');
    expect(r.text).toContain('KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC');
    // the reminder's own nơi nhận (settings.reminderRecipients), not the report's list
    expect(r.text).toMatch(/Nơi nhận:\n- Như trên;\n- Lưu: VT, VP\.$/);
    expect(r.text).not.toContain('Bộ Nội vụ;');
    expect(r.html).toContain('Kính gửi:');
    expect(r.html).not.toMatch(/<script/i);
  });
  it('one unit: "Kính gửi: X." on one line; no new deadline: "trong thời gian sớm nhất"', () => {
    const r = buildReminder({ settings, period: model.period, missing: missing.slice(0, 1), today: '2026-06-15' });
    expect(r.text).toContain('Kính gửi: Phường Cam Đường.');
    expect(r.text).toContain('trong thời gian sớm nhất');
  });
  it('uses the number typed; units asked to send again get their own paragraph with the reason', () => {
    const returned = [
      {
        ...missing[0]!,
        unit: 'S09',
        name: 'Sở Y tế',
        kind: 'so_nganh' as const,
        status: 'returned' as const,
        returnReason: 'Tệp không phải mẫu biểu của kỳ này.',
        email: 'syt@x.vn',
      },
    ];
    const upper = { ...settings, agencyName: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH LÀO CAI', agencyNameInSentence: '' };
    const r = buildReminder({
      settings: upper,
      period: model.period,
      missing,
      returned,
      today: '2026-06-15',
      docNumber: '231',
    });
    expect(r.text).toContain('Số: 231/BVSTBPN-VP');
    expect(r.text).toContain(
      'đã gửi báo cáo nhưng báo cáo chưa đúng mẫu hoặc còn lỗi, đề nghị kiểm tra, sửa và gửi lại:\n- Sở Y tế: Tệp không phải mẫu biểu của kỳ này.',
    );
    expect(r.text).toContain('Ban Vì sự tiến bộ phụ nữ tỉnh Lào Cai đề nghị');
    expect(r.emails.map((e) => e.email)).toContain('syt@x.vn');
    expect(r.message).toContain('Cần gửi lại: Sở Y tế (Tệp không phải mẫu biểu của kỳ này)');
  });
  it('escapes unit names in the HTML', () => {
    const evil = [{ ...missing[0]!, name: '<img src=x onerror=alert(1)>' }];
    const r = buildReminder({ settings, period: model.period, missing: evil, today: '2026-06-15' });
    expect(r.html).not.toContain('<img');
    expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('drops the type code from the number (a công văn has none), adds the drafting unit, pads numbers below 10', () => {
    expect(congVanNumberLine('{so}/BC-BVSTBPN', '7')).toBe('Số: 07/BVSTBPN');
    expect(congVanNumberLine('{so}/BC-BVSTBPN', '7', 'VP')).toBe('Số: 07/BVSTBPN-VP');
    expect(congVanNumberLine('{so}/SNV-BĐG', '123', 'BĐG')).toBe('Số: 123/SNV-BĐG');
  });
});
