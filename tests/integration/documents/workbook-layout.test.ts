/**
 * The ministry workbook printed by LibreOffice (soffice --convert-to pdf), measured against NĐ 30/2020 Phụ lục I:
 * the demo province (20 units, 13 reported, last year's figures) as the officer exports it. One conversion.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { buildDemo } from '../../../src/main/demo';
import { FIGURES_PER_PAGE, reportRecipientLines, type ReportModel } from '../../../src/main/documents/model';
import { buildMinistryWorkbook } from '../../../src/main/documents/workbook';
import { reportModel } from '../../../src/main/services/reports';
import {
  darkIn,
  findLine,
  findLines,
  longestRule,
  mm,
  rasterPage,
  readPdf,
  wordPieces,
  type Box,
  type Page,
} from '../../helpers/pdf';

/** LibreOffice writes Liberation Serif with a taller box than Chromium: 13 pt → 16,91 pt (12 → 15,59; 14 → 18,2). */
const LO_SERIF_BOX = 1.3;
const size = (b: Box) => (b.yMax - b.yMin) / LO_SERIF_BOX;

const dir = mkdtempSync(join(tmpdir(), 'bdg-wb-layout-'));
let model: ReportModel;
let wb: ExcelJS.Workbook;
let pdf: string;
let pages: Page[];
/** the sheet each page belongs to: a sheet's first page starts with its heading */
let sheetOf: string[];

beforeAll(async () => {
  const db = join(dir, 'demo.sqlite');
  await buildDemo(db);
  const ctx = createContext(db, { demo: true });
  try {
    const p = ctx.raw.prepare("SELECT id FROM periods WHERE label = 'Năm 2026'").get() as { id: number };
    model = reportModel(ctx.db, p.id, { today: '2026-12-20', docNumber: '5' });
  } finally {
    ctx.close();
  }
  expect(model.consolidation.previous?.label).toBe('Năm 2025');
  const bytes = await buildMinistryWorkbook(model);
  const xlsx = join(dir, 'bao-cao.xlsx');
  writeFileSync(xlsx, bytes);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, xlsx],
    {
      stdio: 'ignore',
      timeout: 240_000,
    },
  );
  pdf = join(dir, 'bao-cao.pdf');
  pages = readPdf(pdf);
  let sheet = 'Báo cáo';
  sheetOf = pages.map((p) => {
    const h = p.lines.find((l) => /^Phụ lục [IVX]+$/.test(l.text) && mm(l.yMin) < 40);
    if (h) {
      const t = p.lines[p.lines.indexOf(h) + 1]!.text;
      sheet = `${h.text}${/PHẦN (\d+)\//.exec(t) ? ` (${/PHẦN (\d+)\//.exec(t)![1]})` : ''}`;
    }
    return sheet;
  });
}, 400_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pageNumber = (p: Page) => p.lines.find((l) => /^\d+$/.test(l.text) && mm(l.yMax) < 20)?.text ?? null;

describe('ministry workbook → PDF (LibreOffice)', () => {
  it('prints every sheet: nothing beyond the printable area, every word at ≥ 10 pt after scaling', () => {
    expect(new Set(sheetOf)).toEqual(new Set(wb.worksheets.map((w) => w.name)));
    const small: string[] = [];
    for (const p of pages) {
      const [W, H] = [mm(p.width), mm(p.height)];
      for (const w of p.words) {
        expect(mm(w.xMin), `${p.n}: ${w.text}`).toBeGreaterThanOrEqual(30 - 0.5);
        expect(mm(w.xMax), `${p.n}: ${w.text}`).toBeLessThanOrEqual(W - 15 + 0.5);
        expect(mm(w.yMax), `${p.n}: ${w.text}`).toBeLessThanOrEqual(H - 20 + 0.5);
        if (size(w) < 9.95) small.push(`${p.n} (${sheetOf[p.n - 1]}): ${w.text} ${size(w).toFixed(1)} pt`);
      }
      const g = rasterPage(pdf, p.n, 50);
      expect(darkIn(g, W - 15 + 0.8, 0, W, H), `page ${p.n} right margin`).toBe(0);
      expect(darkIn(g, 0, 0, 30 - 0.8, H), `page ${p.n} left margin`).toBe(0);
      expect(darkIn(g, 0, H - 20 + 0.8, W, H), `page ${p.n} bottom margin`).toBe(0);
    }
    expect(small).toEqual([]);
    for (const ws of wb.worksheets) expect(ws.pageSetup.scale, ws.name).toBeGreaterThanOrEqual(84);
  });

  it('Phụ lục V: units as rows, at most 12 figure columns a sheet, each page landscape with the unit column', () => {
    const v = wb.worksheets.filter((w) => w.name.startsWith('Phụ lục V ('));
    expect(v.length).toBeGreaterThan(3);
    for (const ws of v) {
      const figureCols = ws.getRow(1).cellCount; // the heading row spans the sheet's columns
      expect(figureCols - 2, ws.name).toBeLessThanOrEqual(FIGURES_PER_PAGE);
    }
    const unitNames = model.byUnit.map((u) => u.unitName);
    const vPages = pages.filter((p) => sheetOf[p.n - 1]!.startsWith('Phụ lục V ('));
    expect(vPages.length).toBeGreaterThanOrEqual(v.length);
    for (const p of vPages) {
      expect(p.width, `page ${p.n}`).toBeGreaterThan(p.height);
      expect(p.text, `page ${p.n}`).toContain('Đơn vị'); // repeated header
      expect(
        unitNames.some((n) => p.text.includes(n.split(' ').slice(0, 2).join(' '))),
        `page ${p.n}`,
      ).toBe(true);
    }
  });

  it('Quốc hiệu on one line with "NAM", the Tiêu ngữ rule as long as its text, Số and date on one baseline', () => {
    const p1 = pages[0]!;
    expect(findLine([p1], 'CỘNG HÒA XÃ HỘI').line.text).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const tn = findLine([p1], 'Độc lập - Tự do - Hạnh phúc').line;
    const g = rasterPage(pdf, 1, 150);
    const rule = longestRule(g, mm(tn.xMin) - 10, mm(tn.xMax) + 10, mm(tn.yMax), mm(tn.yMax) + 8);
    const width = mm(tn.xMax - tn.xMin);
    expect(rule.length).toBeGreaterThan(width * 0.9);
    expect(rule.length).toBeLessThan(width * 1.12);
    const so = findLine([p1], /^Số: 05\/BC-/).line; // a number below 10 with its leading zero
    const date = findLine([p1], /ngày 20 tháng 12 năm 2026/).line;
    expect(Math.abs(so.yMax - date.yMax)).toBeLessThan(0.5);
    expect(size(so)).toBeCloseTo(13, 0);
    expect(findLine([p1], 'Kính gửi: Bộ Nội vụ.').line.text).toBe('Kính gửi: Bộ Nội vụ.');
  });

  it('the signature on one page with the last paragraph ("./."), Nơi nhận whole, none cut off or overlapping', () => {
    const name = findLine(pages, model.settings.signer.name);
    const p = name.page;
    expect(sheetOf[p.n - 1]).toBe('Báo cáo');
    for (const t of ['KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', 'Nơi nhận:']) expect(p.text).toContain(t);
    const end = findLine([p], /\.\/\.$/).line;
    const nn = findLine([p], 'Nơi nhận:').line;
    expect(end.yMax).toBeLessThan(nn.yMin);
    const left = p.lines.filter((l) => l.yMin > nn.yMin && mm(l.xMax) < 30 + 67).sort((a, b) => a.yMin - b.yMin);
    const flat = left.map((l) => l.text).join(' ');
    const expected = reportRecipientLines(model.settings);
    expect(expected[0]).toBe('- Như trên;');
    expect(expected.at(-1)).toMatch(/^- Lưu: VT, \S+\.$/);
    for (const r of expected) expect(flat.replace(/\s+/g, ' ')).toContain(r);
    // LibreOffice's word boxes are 1,30 em tall on a 1,11 em line: a wrapped line's boxes overlap by 0,19 em
    for (let i = 1; i < left.length; i++)
      expect(left[i]!.yMin, left[i]!.text).toBeGreaterThanOrEqual(left[i - 1]!.yMax - 0.2 * 11 - 0.3);
    for (const l of left) expect(size(l)).toBeCloseTo(11, 0);
  });

  it('page numbers restart in each sheet (none on its first page), centred in the top margin', () => {
    for (let i = 0; i < pages.length; i++) {
      const first = i === 0 || sheetOf[i] !== sheetOf[i - 1];
      const expectedNo = first ? null : String(Number(pageNumber(pages[i - 1]!) ?? 1) + 1);
      expect(pageNumber(pages[i]!), `page ${i + 1} (${sheetOf[i]})`).toBe(expectedNo);
      if (!first) {
        const l = pages[i]!.lines.find((x) => x.text === expectedNo && mm(x.yMax) < 20)!;
        expect(Math.abs(mm((l.xMin + l.xMax) / 2) - (30 + mm(pages[i]!.width) - 15) / 2)).toBeLessThan(3);
      }
    }
  });

  it('appendices I–VI: "Phụ lục" 14 pt, the Kèm theo line 13 pt in sentence case, the mark framed at 13 pt', () => {
    for (const r of ['I', 'II', 'III', 'IV', 'V', 'VI'])
      expect(size(findLine(pages, new RegExp(`^Phụ lục ${r}$`)).line), r).toBeCloseTo(14, 0);
    const k = findLine(pages, '(Kèm theo Báo cáo số 05/BC-BVSTBPN ngày 20 tháng 12 năm 2026 của Ban');
    expect(size(k.line)).toBeCloseTo(13, 0);
    expect(k.line.text).not.toMatch(/BAN VÌ/);
    const m = findLine(pages, 'KHÔNG PHỔ BIẾN RỘNG RÃI');
    expect(size(m.line)).toBeCloseTo(13, 0);
    const g = rasterPage(pdf, m.page.n, 150);
    const [x1, x2] = [mm(m.line.xMin), mm(m.line.xMax)];
    const top = longestRule(g, x1 - 40, x2 + 40, mm(m.line.yMin) - 4, mm(m.line.yMin));
    const bottom = longestRule(g, x1 - 40, x2 + 40, mm(m.line.yMax), mm(m.line.yMax) + 4);
    expect(top.length).toBeGreaterThan(x2 - x1);
    expect(bottom.length).toBeGreaterThan(x2 - x1);
    expect(top.length).toBeLessThan(mm(m.page.width) - 45 - 20); // round the mark, not the whole table width
  });

  it('no word split inside a cell; a section row never alone at a page foot', () => {
    const source: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && source.push(c.value))));
    const pieces = wordPieces(source.join('\n'));
    const bad: string[] = [];
    for (const p of pages)
      for (const w of p.words)
        if (/\p{L}/u.test(w.text) && !pieces.has(w.text)) bad.push(`${p.n} (${sheetOf[p.n - 1]}): ${w.text}`);
    expect(bad).toEqual([]);
    const heads = model.catalog.sections.map((s) => `${s.code}. ${s.name}`.slice(0, 30));
    let seen = 0;
    for (const { page, line } of findLines(pages, /^[IVX]+\. /)) {
      if (!heads.some((h) => line.text.startsWith(h.slice(0, 20))) || sheetOf[page.n - 1] === 'Báo cáo') continue;
      seen++;
      expect(
        page.lines.some((l) => l.yMin > line.yMax + 2),
        `page ${page.n}: ${line.text}`,
      ).toBe(true);
    }
    expect(seen).toBeGreaterThan(3);
  });
});
