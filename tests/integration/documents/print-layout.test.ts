/**
 * The print view as the app prints it (Chromium, `app.printOptions`), measured against NĐ 30/2020 Phụ lục I:
 * positions and sizes read back from the PDF (pdftotext -bbox-layout) and its pixels (pdftoppm). The model has last
 * year's figures, so Phụ lục I's Tăng/giảm column is filled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronPrintToPdfOptions, printPdfOptions } from '../../../src/main/documents/print-html';
import { buildPrintHtml } from '../../../src/main/documents/print-html';
import { DOC_CSS, docHeaderHtml } from '../../../src/main/documents/html';
import type { ReportModel } from '../../../src/main/documents/model';
import { makeReportModel, settings } from '../../helpers/report-model';
import {
  darkIn,
  findLine,
  findLines,
  fontSize,
  longestRule,
  mm,
  PT_PER_MM,
  rasterPage,
  readPdf,
  wordPieces,
  type Page,
} from '../../helpers/pdf';

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'bdg-print-layout-'));

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The app's print options (app.printOptions answers electronPrintToPdfOptions; Playwright names them so). */
function appOptions() {
  const e = electronPrintToPdfOptions();
  const p = printPdfOptions();
  expect({
    format: p.format,
    preferCSSPageSize: p.preferCSSPageSize,
    displayHeaderFooter: p.displayHeaderFooter,
  }).toEqual({
    format: e.pageSize,
    preferCSSPageSize: e.preferCSSPageSize,
    displayHeaderFooter: e.displayHeaderFooter,
  });
  return p;
}

let seq = 0;
async function render(html: string): Promise<{ file: string; pages: Page[]; text: string }> {
  const page = await browser.newPage();
  await page.setContent(html);
  const text = await page.evaluate(
    () => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText,
  );
  const pdf = await page.pdf(appOptions());
  await page.close();
  const file = join(dir, `p${seq++}.pdf`);
  writeFileSync(file, pdf);
  return { file, pages: readPdf(file), text };
}

const printed = (m: ReportModel) => render(buildPrintHtml(m));

/** the page number, centred in the top margin */
const isPageNumber = (p: Page, w: { text: string; yMax: number }) => /^\d+$/.test(w.text) && mm(w.yMax) < 20;

describe('print view on A4 (Chromium, the app’s print options)', () => {
  let doc: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    doc = await printed(makeReportModel());
  });

  it('keeps every word and every drawn line inside the printable area (margins 20/15/20/30 mm)', () => {
    for (const p of doc.pages) {
      const landscape = p.width > p.height;
      expect(mm(p.width)).toBeCloseTo(landscape ? 297 : 210, 0);
      for (const w of p.words) {
        expect(mm(w.xMin), `${p.n}: ${w.text}`).toBeGreaterThanOrEqual(30 - 0.3);
        expect(mm(w.xMax), `${p.n}: ${w.text}`).toBeLessThanOrEqual(mm(p.width) - 15 + 0.3);
        expect(mm(w.yMax), `${p.n}: ${w.text}`).toBeLessThanOrEqual(mm(p.height) - 20 + 0.3);
        if (!isPageNumber(p, w)) expect(mm(w.yMin), `${p.n}: ${w.text}`).toBeGreaterThanOrEqual(20 - 0.3);
      }
      // borders too: nothing dark in the left, right and bottom margins
      const g = rasterPage(doc.file, p.n, 60);
      const [W, H] = [mm(p.width), mm(p.height)];
      expect(darkIn(g, W - 15 + 0.6, 0, W, H), `page ${p.n}, right margin`).toBe(0);
      expect(darkIn(g, 0, 0, 30 - 0.6, H), `page ${p.n}, left margin`).toBe(0);
      expect(darkIn(g, 0, H - 20 + 0.6, W, H), `page ${p.n}, bottom margin`).toBe(0);
    }
  });

  it('Phụ lục I with last year: "Tăng/giảm" in full, its change in "điểm phần trăm", inside the table', () => {
    const head = findLine(doc.pages, /^Phụ lục I$/);
    const p = head.page;
    expect(p.text).toContain('Tăng/');
    expect(p.text).toContain('giảm');
    const change = findLines([p], /^\+5 điểm/);
    expect(change.length).toBeGreaterThan(0);
    for (const { line } of change) expect(mm(line.xMax)).toBeLessThanOrEqual(195);
    expect(p.text).toContain('phần');
    expect(p.text).not.toMatch(/điểm %/);
  });

  it('never splits a word inside a table cell or header (only at spaces, "/", ".", "_", "-")', () => {
    const pieces = wordPieces(doc.text);
    const bad: string[] = [];
    for (const p of doc.pages)
      for (const w of p.words) if (!pieces.has(w.text) && !/^\d+$/.test(w.text)) bad.push(`${p.n}: ${w.text}`);
    expect(bad).toEqual([]);
  });

  it('body at 13 pt (no shrink to fit), every word ≥ 10 pt, right margin 15–20 mm, left 30–35 mm', () => {
    const body = findLine(doc.pages, /^Tính đến ngày/);
    expect(fontSize(body.line)).toBeGreaterThan(12.9);
    expect(fontSize(body.line)).toBeLessThan(13.1);
    const sizes = doc.pages.flatMap((p) => p.words.map((w) => ({ s: fontSize(w), w: `${p.n}: ${w.text}` })));
    const small = sizes.filter((x) => x.s < 9.95);
    expect(small).toEqual([]);
    // a justified paragraph's full lines end at the right margin and start at the left one
    const paraLines = doc.pages[0]!.lines.filter((l) => fontSize(l) > 12.9 && fontSize(l) < 13.1 && l.words.length > 8);
    const right = Math.max(...paraLines.map((l) => mm(l.xMax)));
    const left = Math.min(...paraLines.map((l) => mm(l.xMin)));
    expect(210 - right).toBeGreaterThanOrEqual(15 - 0.3);
    expect(210 - right).toBeLessThanOrEqual(20);
    expect(left).toBeGreaterThanOrEqual(30 - 0.3);
    expect(left).toBeLessThanOrEqual(35);
  });

  it('Số/ký hiệu and địa danh–ngày on one line, the Quốc hiệu whole, the Tiêu ngữ rule as long as its text', () => {
    const p1 = doc.pages[0]!;
    const so = findLine([p1], /^Số: 15\/BC-BVSTBPN/).line;
    const date = findLine([p1], 'Lào Cai, ngày 05 tháng 02 năm 2026').line;
    expect(Math.abs(so.yMax - date.yMax)).toBeLessThan(0.3); // same baseline (same size)
    expect(fontSize(so)).toBeCloseTo(13, 0);
    expect(fontSize(date)).toBeCloseTo(13, 0);
    const qh = findLine([p1], 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').line;
    expect(qh.text).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const tn = findLine([p1], 'Độc lập - Tự do - Hạnh phúc').line;
    const g = rasterPage(doc.file, 1, 150);
    const rule = longestRule(g, mm(tn.xMin) - 5, mm(tn.xMax) + 5, mm(tn.yMax), mm(tn.yMax) + 2.5);
    expect(rule.length).toBeGreaterThan(mm(tn.xMax - tn.xMin) * 0.95);
    expect(rule.length).toBeLessThan(mm(tn.xMax - tn.xMin) * 1.08);
  });

  it('"Kính gửi: Bộ Nội vụ.", the body ends "./.", Nơi nhận begins "Như trên" and ends "Lưu: VT, BVSTBPN."', () => {
    const kg = findLine(doc.pages, 'Kính gửi: Bộ Nội vụ.');
    expect(kg.page.n).toBe(1);
    expect(Math.abs((mm(kg.line.xMin) + mm(kg.line.xMax)) / 2 - (30 + 195) / 2)).toBeLessThan(2); // centred
    const all = doc.pages.map((p) => p.text).join('\n');
    expect(all).toMatch(/kính báo cáo Bộ Nội vụ\.\/\./);
    const nn = findLine(doc.pages, 'Nơi nhận:');
    const list = nn.page.lines.filter((l) => l.yMin > nn.line.yMin && mm(l.xMin) < 100 && l.text.startsWith('- '));
    expect(list[0]!.text).toBe('- Như trên;');
    expect(list.map((l) => l.text)).not.toContain('- Bộ Nội vụ;');
    expect(list.at(-1)!.text).toBe('- Lưu: VT, BVSTBPN.');
    for (const l of list) expect(fontSize(l)).toBeCloseTo(11, 0);
    expect(fontSize(nn.line)).toBeCloseTo(12, 0);
  });

  it('appendices I–VI, "Phụ lục" 14 pt, the "Kèm theo" line 13 pt in sentence case with the date written out', () => {
    for (const r of ['I', 'II', 'III', 'IV', 'V', 'VI']) {
      const h = findLine(doc.pages, new RegExp(`^Phụ lục ${r}$`));
      expect(fontSize(h.line), r).toBeCloseTo(14, 0);
      expect(h.page.lines[1]!.text, r).toBe(`Phụ lục ${r}`); // first line after the page number
    }
    expect(findLines(doc.pages, /^Phụ lục \d/)).toEqual([]);
    const k = findLine(doc.pages, '(Kèm theo Báo cáo số 15/BC-BVSTBPN ngày 05 tháng 02 năm 2026');
    expect(fontSize(k.line)).toBeCloseTo(13, 0);
    const kText = k.page.lines
      .slice(k.page.lines.indexOf(k.line), k.page.lines.indexOf(k.line) + 2)
      .map((l) => l.text)
      .join(' ');
    expect(kText).toContain('của Ban Vì sự tiến bộ phụ nữ)');
    expect(kText).not.toMatch(/BAN VÌ/);
  });

  it('the restricted-circulation mark is framed, 13 pt bold caps', () => {
    const m = findLine(doc.pages, 'KHÔNG PHỔ BIẾN RỘNG RÃI');
    expect(fontSize(m.line)).toBeGreaterThanOrEqual(12.9);
    expect(fontSize(m.line)).toBeLessThanOrEqual(14.1);
    const g = rasterPage(doc.file, m.page.n, 150);
    const [x1, x2] = [mm(m.line.xMin), mm(m.line.xMax)];
    const top = longestRule(g, x1 - 6, x2 + 6, mm(m.line.yMin) - 3, mm(m.line.yMin));
    const bottom = longestRule(g, x1 - 6, x2 + 6, mm(m.line.yMax), mm(m.line.yMax) + 3);
    expect(top.length).toBeGreaterThan(x2 - x1);
    expect(bottom.length).toBeGreaterThan(x2 - x1);
    expect(top.length).toBeLessThan(x2 - x1 + 12); // a frame round the words, not a full-width box
    // the vertical sides
    expect(darkIn(g, x1 - 4, mm(m.line.yMin), x1 - 0.3, mm(m.line.yMax))).toBeGreaterThan(0);
    expect(darkIn(g, x2 + 0.3, mm(m.line.yMin), x2 + 4, mm(m.line.yMax))).toBeGreaterThan(0);
  });

  it('a number below 10 takes its leading zero: "Số: 05/BC-…", also in "Kèm theo"', async () => {
    const d = await printed(makeReportModel({ docNumber: '5' }));
    expect(findLine(d.pages, /^Số: 05\/BC-BVSTBPN$/).page.n).toBe(1);
    expect(findLine(d.pages, 'Kèm theo Báo cáo số 05/BC-BVSTBPN').page.n).toBeGreaterThan(1);
  });
});

describe('page breaks', () => {
  it('the signature never sits alone on a page and is never split (nơi nhận lists of 3 to 21 lines)', async () => {
    for (const extra of [0, 6, 12, 18]) {
      const recipients = [
        ...settings.recipients.slice(0, -1),
        ...Array.from({ length: extra }, (_, i) => `UBND xã số ${i + 1}`),
        'Lưu: VT, BVSTBPN',
      ];
      const d = await printed(makeReportModel({ settings: { ...settings, recipients } }));
      const name = findLine(d.pages, 'Nguyễn Thị Hoa');
      const p = name.page;
      for (const t of [
        'KT. TRƯỞNG BAN',
        'PHÓ TRƯỞNG BAN THƯỜNG TRỰC',
        'Nơi nhận:',
        '- Như trên;',
        '- Lưu: VT, BVSTBPN.',
      ])
        expect(p.text, `${extra}: ${t}`).toContain(t);
      // the body's last paragraph is on the same page, above the signature
      const end = findLine([p], /Nội vụ\.\/\.$/);
      expect(end.line.yMax, String(extra)).toBeLessThan(findLine([p], 'Nơi nhận:').line.yMin);
    }
  });

  it('a section row never stands alone at a page foot', async () => {
    const base = makeReportModel();
    const first = base.catalog.sections[0]!.code;
    const firstEls = base.catalog.dataElements.filter((e) => e.section === first && e.type !== 'text');
    let checked = 0;
    for (const k of [0, 1, 2, 3, 4, 5]) {
      const drop = new Set(firstEls.slice(0, k).map((e) => e.code));
      const m = makeReportModel();
      m.catalog = { ...m.catalog, dataElements: m.catalog.dataElements.filter((e) => !drop.has(e.code)) };
      const d = await printed(m);
      const heads = [
        ...m.catalog.sections.map((s) => `${s.code}. ${s.name}`),
        'A. Chỉ tiêu Chiến lược quốc gia',
        'B. Các tỷ lệ khác',
        'A. Các tỷ lệ',
        'B. Số liệu tổng hợp',
      ];
      for (const p of d.pages)
        for (const l of p.lines) {
          if (!heads.some((h) => l.text.startsWith(h.slice(0, 40)))) continue;
          checked++;
          // some table row below the heading on the same page (a line starting lower, in the table's body)
          const below = p.lines.filter(
            (x) => x.yMin > l.yMax + 2 && !heads.some((h) => x.text.startsWith(h.slice(0, 40))),
          );
          expect(below.length, `k=${k}, page ${p.n}: "${l.text}" alone at the foot`).toBeGreaterThan(0);
        }
    }
    expect(checked).toBeGreaterThan(15);
  });
});

describe('a công văn header (shared with the letters)', () => {
  it('"V/v" 6 pt under the Số line, centred under it', async () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${DOC_CSS}</style></head><body>${docHeaderHtml(
      {
        agencyParent: 'UBND tỉnh Lào Cai',
        agencyName: 'Ban Vì sự tiến bộ phụ nữ',
        numberLine: 'Số: 231/BVSTBPN-VP',
        dateLine: 'Lào Cai, ngày 15 tháng 6 năm 2026',
        summary: 'V/v đôn đốc gửi báo cáo',
      },
    )}</body></html>`;
    const d = await render(html);
    const so = findLine(d.pages, /^Số: 231/).line;
    const vv = findLine(d.pages, /^V\/v/).line;
    const gap = vv.yMin - so.yMax;
    expect(gap).toBeGreaterThanOrEqual(6);
    expect(gap).toBeLessThan(10);
    expect(Math.abs((vv.xMin + vv.xMax) / 2 - (so.xMin + so.xMax) / 2) / PT_PER_MM).toBeLessThan(1.5);
    const date = findLine(d.pages, 'Lào Cai, ngày 15').line;
    expect(Math.abs(so.yMax - date.yMax)).toBeLessThan(0.3);
  });
});
