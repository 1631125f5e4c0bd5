import { describe, expect, it } from 'vitest';
import {
  agencyInSentence,
  changeText,
  draftingUnit,
  indicatorRows,
  reportRecipientLines,
  roman,
  targetText,
  cleanForDocument,
  docNumberLine,
  placeDateLine,
  recipientLines,
  suppressed,
} from '../../../src/main/documents/model';
import { buildPrintHtml } from '../../../src/main/documents/print-html';
import { makeReportModel, SCRIPT_TEXT } from '../../helpers/report-model';

describe('document wording (NĐ 30/2020)', () => {
  it('dates: day < 10 and months 1–2 padded', () => {
    expect(placeDateLine('Lào Cai', '2026-02-05')).toBe('Lào Cai, ngày 05 tháng 02 năm 2026');
    expect(placeDateLine('Lào Cai', '2026-06-15')).toBe('Lào Cai, ngày 15 tháng 6 năm 2026');
    expect(placeDateLine('Lào Cai', '2026-12-01')).toBe('Lào Cai, ngày 01 tháng 12 năm 2026');
  });
  it('number line and nơi nhận', () => {
    expect(docNumberLine('{so}/BC-BVSTBPN', '15')).toBe('Số: 15/BC-BVSTBPN');
    expect(docNumberLine('{so}/BC-BVSTBPN')).toBe('Số: ……/BC-BVSTBPN');
    expect(recipientLines(['Bộ Nội vụ;', '- UBND tỉnh'])).toEqual(['- Bộ Nội vụ;', '- UBND tỉnh;', '- Lưu: VT.']);
    expect(recipientLines(['UBND tỉnh'], 'BVSTBPN')).toEqual(['- UBND tỉnh;', '- Lưu: VT, BVSTBPN.']);
    expect(recipientLines(['UBND tỉnh', 'Lưu: VT'], 'VP')).toEqual(['- UBND tỉnh;', '- Lưu: VT, VP.']);
    expect(recipientLines(['Lưu: VT, BVSTBPN, 02b'], 'VP')).toEqual(['- Lưu: VT, BVSTBPN, 02b.']);
  });
  it('the report: "Như trên" for the ministry it is sent to, "Lưu: VT, <drafting unit>"', () => {
    expect(
      reportRecipientLines({ recipients: ['Bộ Nội vụ', 'UBND tỉnh'], docNumberPattern: '{so}/BC-BVSTBPN' }),
    ).toEqual(['- Như trên;', '- UBND tỉnh;', '- Lưu: VT, BVSTBPN.']);
    expect(draftingUnit('{so}/BVSTBPN-VP')).toBe('VP');
    expect(draftingUnit('{so}')).toBeNull();
  });
  it('agency in sentence case, Roman appendix numbers, targets with their unit, one wording for points', () => {
    expect(agencyInSentence({ agencyName: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH LÀO CAI', province: 'Tỉnh Lào Cai' })).toBe(
      'Ban Vì sự tiến bộ phụ nữ tỉnh Lào Cai',
    );
    expect(agencyInSentence({ agencyName: 'Ban Vì sự tiến bộ phụ nữ', province: 'Tỉnh Lào Cai' })).toBe(
      'Ban Vì sự tiến bộ phụ nữ',
    );
    expect([1, 2, 3, 4, 5, 6, 9, 14].map(roman)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'IX', 'XIV']);
    expect(targetText({ year: 2030, op: '>=', value: 75 }, '%')).toBe('≥ 75% (2030)');
    expect(targetText({ year: 2030, op: '>=', value: 1 }, 'có/không')).toBe('≥ 1 (2030)');
    expect(changeText({ change: 3.47, changeKind: 'points' })).toBe('+3,47 điểm phần trăm');
    expect(changeText({ change: 0, changeKind: 'points' })).toBe('0 điểm phần trăm');
  });
  it('coverage: each indicator says how many units it comes from; partial data is "tạm tính"', () => {
    const rows = indicatorRows(makeReportModel());
    const m11 = rows.find((r) => r.code === 'CL.M1.1')!;
    // CQ_TONG / CQ_LDCC_NU from SNV, Tả Van, Bản Hồ; last year from Tả Van only
    expect(m11).toMatchObject({ units: 3, expected: 7, provisional: true, previousUnits: 1, coverageDiffers: true });
    expect(m11.metText).toBe('Chưa đạt (tạm tính)');
    const m21 = rows.find((r) => r.code === 'CL.M2.1')!; // a province figure
    expect(m21).toMatchObject({ units: null, provisional: false });
    expect(m21.metText).toBe('Chưa đạt');
  });
  it('strips characters an .xlsx cannot hold', () => {
    expect(cleanForDocument('a\u0001b\u000bc\nd\uffffé')).toBe('abc\ndé');
  });
  it('suppression only for sensitive 1–4', () => {
    expect(suppressed(0, true, false)).toBe(0);
    expect(suppressed(1, true, false)).toBe('<5');
    expect(suppressed(4, true, false)).toBe('<5');
    expect(suppressed(5, true, false)).toBe(5);
    expect(suppressed(3, false, false)).toBe(3);
    expect(suppressed(3, true, true)).toBe(3);
  });
});

describe('buildPrintHtml', () => {
  const html = buildPrintHtml(makeReportModel());
  it('escapes unit text and carries no script or external resource', () => {
    expect(html).not.toContain(SCRIPT_TEXT);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
    expect(html).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm;');
    expect(html).toContain("'Times New Roman', 'Tinos', 'Liberation Serif', serif");
  });
  it('has the narrative figures', () => {
    expect(html).toContain('báo cáo của 5/7 đơn vị (đạt 71,4%), trong đó 3 đơn vị gửi đúng hạn, 2 đơn vị gửi muộn');
  });
  it('"<5" only when not includeSensitive', () => {
    expect(html).toContain('&lt;5');
    expect(buildPrintHtml(makeReportModel({ includeSensitive: true }))).not.toMatch(/<td class="n">&lt;5<\/td>/);
  });
});
