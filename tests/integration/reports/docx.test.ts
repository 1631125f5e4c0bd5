/**
 * Issue 16 (Word side) and issue 14 (feedback letter): the report draft, the reminder and the feedback letter as
 * .docx, written from a real SQLite province through dispatch, read back with mammoth, converted to PDF by
 * LibreOffice (one run for the three files) and measured: A4, NĐ 30 margins, fonts, số/ký hiệu and địa danh–ngày
 * on one line, page numbers from page 2, the signature not alone on its page.
 */
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { updateSettings } from '../../../src/main/services/settings';
import type { OpName, Output } from '../../../src/shared/contract';
import { formatNumber } from '../../../src/shared/text/vi';
import { smallProvince } from '../../helpers/province';
import {
  boxHeight,
  docxToPdf,
  findWord,
  marginsMm,
  pdfFonts,
  pdfPages,
  PT_PER_MM,
  type Page,
} from '../../helpers/pdf-measure';

/** the page number sits in the top margin (its box ends about 16 mm down); the text starts at 20 mm */
const TOP_ZONE = 18 * PT_PER_MM;

type P = ReturnType<typeof smallProvince>;
let p: P;

async function call<K extends OpName>(op: K, input: unknown): Promise<Output<K>> {
  const r = await dispatch(p.ctx, op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.data as Output<K>;
}

const text = async (bytes: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.replace(/\n+/g, '\n');

let report: Uint8Array;
let reminderDoc: Uint8Array;
let feedbackDoc: Uint8Array;
let entryId: number;
let refusedMessage: string;
let pdfs: { report: Page[]; reminder: Page[]; feedback: Page[]; reportFile: string };

beforeAll(async () => {
  p = smallProvince();
  updateSettings(p.ctx.db, {
    setupDone: true,
    province: 'Tỉnh Lào Cai',
    agencyParent: 'UBND TỈNH LÀO CAI',
    agencyName: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH LÀO CAI',
    placeName: 'Lào Cai',
    signer: {
      authority: 'KT.',
      authorityTitle: 'TRƯỞNG BAN',
      title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC',
      name: 'Nguyễn Thị Hoa',
    },
    officer: 'Trần Văn An',
    officerPhone: '0214 3840 123',
    officerEmail: 'an.tv@laocai.gov.vn',
    draftingUnit: 'VP',
  });
  const fill = (tong: number, nu: number, extra: Record<string, Record<string, number>> = {}) => ({
    CQ_TONG: { value: tong },
    CQ_LDCC_NU: { value: nu },
    VB_BANHANH: { value: 3 },
    TT_LUOT: { total: 120, female: 70 },
    TXT_KETQUA: { value: 'Tổ chức 3 hội nghị tuyên truyền' } as unknown as Record<string, number>,
    ...extra,
  });
  expect((await p.importAs('S01', fill(10, 4), '2026-06-05')).status).toBe('accepted');
  expect((await p.importAs('D01', fill(6, 3), '2026-06-05')).status).toBe('accepted');
  expect((await p.importAs('X01', fill(4, 1), '2026-06-12')).status).toBe('accepted');
  // a refused file of Sở Y tế, through a real import (nữ > tổng số)
  const refused = await p.importAs(
    'S02',
    { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 10, female: 12 } },
    '2026-06-08',
  );
  expect(refused.status).toBe('rejected');
  refusedMessage = refused.errors[0]!.message;
  // the import recorded it in the inbox (every refused file is); the feedback letter is written from that entry
  entryId = refused.entryId!;
  report = (await call('reports.docx', { periodId: p.period.id, docNumber: '5' })).bytes;
  reminderDoc = (await call('reports.reminderDocx', { periodId: p.period.id, docNumber: '231' })).bytes;
  feedbackDoc = (await call('inbox.feedback', { id: entryId, format: 'docx' })).bytes;
  const [r, m, f] = docxToPdf([
    { name: 'bao-cao.docx', bytes: report },
    { name: 'don-doc.docx', bytes: reminderDoc },
    { name: 'phan-hoi.docx', bytes: feedbackDoc },
  ]);
  pdfs = { report: pdfPages(r!), reminder: pdfPages(m!), feedback: pdfPages(f!), reportFile: r! };
}, 240_000);

afterAll(() => p?.ctx.dispose());

describe('the report draft (.docx)', () => {
  it('holds the header lines, Kính gửi Bộ Nội vụ, the signature block and Nơi nhận with "Như trên"', async () => {
    const t = await text(report);
    for (const l of [
      'UBND TỈNH LÀO CAI',
      'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH LÀO CAI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 05/BC-BVSTBPN',
      'Lào Cai, ngày 05 tháng 6 năm 2026',
      'BÁO CÁO',
      'Kính gửi: Bộ Nội vụ.',
      'KT. TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN THƯỜNG TRỰC',
      'Nguyễn Thị Hoa',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, VP.',
    ]) {
      expect(t).toContain(l);
    }
    expect(t).not.toContain('- Bộ Nội vụ (Vụ Công tác thanh niên và Bình đẳng giới);');
    expect(t).toMatch(/\.\/\.\n/); // the body ends with "./."
    expect(t).toContain('Ban Vì sự tiến bộ phụ nữ tỉnh Lào Cai báo cáo');
  });

  it('states each figure as consolidate computes it, in vi-VN format, with its coverage and "tạm tính"', async () => {
    const t = await text(report);
    const c = await call('consolidation.get', { periodId: p.period.id });
    const s = await call('status.get', { periodId: p.period.id });
    const m11 = c.indicators.find((i) => i.code === 'CL.M1.1')!;
    expect(m11.value).not.toBeNull();
    // its coverage: the units whose figure went in (read through the drill-down, not the report's own code)
    const drill = await call('consolidation.drill', { periodId: p.period.id, element: 'CQ_TONG', cell: 'value' });
    const covered = drill.rows.filter((r) => r.value !== null && !r.na).length;
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeLessThan(s.expected);
    expect(t).toContain(
      `lãnh đạo chủ chốt là nữ đạt ${formatNumber(m11.value, 2)}% (tổng hợp từ ${covered}/${s.expected} đơn vị); chưa đạt chỉ tiêu`,
    );
    expect(t).toMatch(/chưa đạt chỉ tiêu 20\d\d \(≥ \d+%\) \(tạm tính\)/);
    const luot = c.values.find((v) => v.code === 'TT_LUOT' && v.cell === 'total')!;
    expect(t).toContain(
      `${formatNumber(luot.value, 1)} lượt người, trong đó nữ ${formatNumber(210, 1)} (tổng hợp từ 3/${s.expected} đơn vị)`,
    );
    // reporting paragraph: by name
    expect(t).toContain(`đã nhận báo cáo của 3/${s.expected} đơn vị`);
    expect(t).toContain('Đơn vị gửi muộn: Phường Cam Đường.');
    // Phần III from the units' own texts, by kind, the unit named
    expect(t).toContain('- Sở Nội vụ: Tổ chức 3 hội nghị tuyên truyền');
    // the appendices, numbered in Roman numerals
    for (const a of ['Phụ lục I', 'Phụ lục II', 'Phụ lục III']) expect(t).toContain(a);
  });

  it('prints on A4 within NĐ 30 margins, Times New Roman (or its metric twin) embedded', () => {
    const pages = pdfs.report;
    const portrait = pages.filter((pg) => pg.height > pg.width);
    const landscape = pages.filter((pg) => pg.width > pg.height);
    expect(portrait.length).toBeGreaterThan(0);
    expect(landscape.length).toBeGreaterThan(0);
    for (const pg of portrait) {
      expect(pg.width).toBeCloseTo(595.3, 0);
      expect(pg.height).toBeCloseTo(841.9, 0);
    }
    // the body pages (the letter's own section): left 30–35 mm, right 15–20 mm, top/bottom ≥ 20 mm
    const first = marginsMm(pages[0]!);
    expect(first.left).toBeGreaterThanOrEqual(29.5);
    expect(first.left).toBeLessThanOrEqual(35);
    expect(first.right).toBeGreaterThanOrEqual(14.5);
    expect(first.right).toBeLessThanOrEqual(20);
    expect(first.top).toBeGreaterThanOrEqual(19.5);
    expect(first.bottom).toBeGreaterThanOrEqual(19.5);
    for (const pg of pages) {
      const m = marginsMm(pg, { skipAbove: TOP_ZONE });
      expect(m.left, `page ${pg.page}`).toBeGreaterThanOrEqual(29.5);
      expect(m.right, `page ${pg.page}`).toBeGreaterThanOrEqual(14.5);
      expect(m.bottom, `page ${pg.page}`).toBeGreaterThanOrEqual(19.5);
    }
    const fonts = pdfFonts(pdfs.reportFile);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/TimesNewRoman|LiberationSerif|Tinos/);
      expect(f.embedded).toBe(true);
    }
  });

  it('puts số/ký hiệu and địa danh–ngày on one line, the page number from page 2 centred in the top margin', () => {
    const [p1, p2] = pdfs.report;
    const so = findWord(p1!, 'Số:')!;
    const ngay = p1!.words.find((w) => w.text === 'ngày' && w.yMin > so.yMin - 10)!;
    expect(boxHeight(so)).toBeCloseTo(boxHeight(ngay), 1);
    expect(Math.abs(so.yMax - ngay.yMax)).toBeLessThan(0.5);
    // page 1 has no number in its top margin; page 2 has "2" there, centred on the text block
    expect(p1!.words.filter((w) => w.yMax < TOP_ZONE)).toEqual([]);
    const num = p2!.words.filter((w) => w.yMax < TOP_ZONE);
    expect(num.map((w) => w.text)).toEqual(['2']);
    const centre = (30 * PT_PER_MM + (p2!.width - 15 * PT_PER_MM)) / 2;
    expect(Math.abs((num[0]!.xMin + num[0]!.xMax) / 2 - centre)).toBeLessThan(3);
  });

  it('keeps the signature with the body: the page with the signer also holds body text', () => {
    const pg = pdfs.report.find((x) => findWord(x, 'Nơi'))!;
    const noi = findWord(pg, 'Nơi')!;
    const above = pg.words.filter((w) => w.yMax < noi.yMin && w.yMin > TOP_ZONE);
    expect(above.length).toBeGreaterThan(10);
  });

  it('never splits a date inside a table cell (dd/mm/yyyy stays one word)', () => {
    const words = pdfs.report.flatMap((pg) => pg.words.map((w) => w.text));
    expect(words.filter((w) => /^\d{2}\/\d{2}\/\d{4}$/.test(w)).length).toBeGreaterThan(0);
    expect(words.filter((w) => /^\d{2}\/\d{2}\/\d{1,3}$/.test(w))).toEqual([]);
  });

  it('numbers each appendix on its own (page numbering restarts)', () => {
    const pages = pdfs.report;
    const inBody = (pg: Page) =>
      pg.words.filter((w) => w.yMin >= TOP_ZONE).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    const starts = pages.filter((pg) => inBody(pg)[0]?.text === 'Phụ' && inBody(pg)[1]?.text === 'lục');
    expect(starts.length).toBe(3);
    for (const s of starts) {
      // the first page of an appendix carries no number; the next page, when the appendix runs on, carries "2"
      expect(s.words.filter((w) => w.yMax < TOP_ZONE)).toEqual([]);
      const next = pages[s.page]; // page numbers are 1-based: pages[s.page] is the page after
      if (next && !starts.includes(next)) {
        expect(next.words.filter((w) => w.yMax < TOP_ZONE).map((w) => w.text)).toEqual(['2']);
      }
    }
  });
});

describe('the reminder (.docx)', () => {
  it('uses the number typed, its own nơi nhận, the contact, and Kính gửi on page 1', async () => {
    const t = await text(reminderDoc);
    expect(t).toContain('Số: 231/BVSTBPN-VP');
    expect(t).toContain('V/v đôn đốc gửi báo cáo');
    expect(t).toContain('Kính gửi:\n- Sở Y tế;\n- Xã Bảo Thắng.');
    expect(t).toContain('điện thoại 0214 3840 123, thư điện tử an.tv@laocai.gov.vn');
    expect(t).toContain('Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.');
    expect(t).not.toContain('Thường trực Tỉnh ủy');
    const p1 = pdfs.reminder[0]!;
    expect(findWord(p1, 'gửi:')).toBeDefined();
    // Sở Y tế's file was refused: it is asked to send again, in a paragraph of its own with the reason
    expect(t).toContain(refusedMessage.slice(0, 40));
    expect(pdfs.reminder.length).toBeLessThanOrEqual(2);
    const m = marginsMm(p1);
    expect(m.left).toBeGreaterThanOrEqual(29.5);
    expect(m.right).toBeGreaterThanOrEqual(14.5);
  });
});

describe('the feedback letter (phiếu phản hồi)', () => {
  it('names the file, when it came, what is wrong and whom to call; the message says the same', async () => {
    const t = await text(feedbackDoc);
    expect(t).toContain('Kính gửi: Sở Y tế.');
    expect(t).toContain('ngày 08/06/2026');
    expect(t).toContain(refusedMessage.replace(/[.\s]+$/, ''));
    expect(t).toContain('điện thoại 0214 3840 123');
    const html = await call('inbox.feedback', { id: entryId, format: 'html' });
    expect(html.name).toMatch(/\.html$/);
    expect(new TextDecoder().decode(html.bytes)).toContain('Kính gửi: Sở Y tế.');
    expect(html.message).toContain(refusedMessage.replace(/[.\s]+$/, ''));
    expect(html.message).toContain('Liên hệ: Trần Văn An, điện thoại 0214 3840 123');
    expect(pdfs.feedback.length).toBe(1);
  });

  it('refuses an accepted entry and an unknown one with a Vietnamese message', async () => {
    const accepted = p.ctx.raw
      .prepare("SELECT id FROM import_attempts WHERE status = 'accepted' LIMIT 1")
      .pluck()
      .get();
    const r = await dispatch(p.ctx, 'inbox.feedback', { id: accepted, format: 'html' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/chỉ dành cho tệp bị từ chối/);
    const r2 = await dispatch(p.ctx, 'inbox.feedback', { id: 99999, format: 'html' });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.code).toBe('not_found');
  });
});
