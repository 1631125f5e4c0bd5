/**
 * The unit form printed by LibreOffice (issue 16, measured item 2): Quốc hiệu whole and at 12–13 pt, Tiêu ngữ at
 * 13–14 pt with a rule as long as the text under it, codes inside their cell, no page holding only the table's
 * header, the signature on a page with table rows.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/shared/domain/catalog';
import { templateRowsFor } from '../../../src/main/excel/form-layout';
import { buildTemplateWorkbook, type TemplateInput } from '../../../src/main/excel/template-writer';
import {
  findPhrase,
  longestHorizontalRun,
  printForm,
  raster,
  verticalLines,
  type PrintedForm,
} from '../../helpers/pdf-form';

const ROOT = resolve(__dirname, '../../..');
const catalog = JSON.parse(readFileSync(join(ROOT, 'resources/catalog.json'), 'utf8')) as Catalog;
const template = catalog.templates[0]!;
let soffice = true;
try {
  execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
} catch {
  soffice = false;
}

const input = (unit: TemplateInput['unit']): TemplateInput => ({
  catalog,
  template,
  period: {
    id: 1,
    year: 2026,
    kind: 'year',
    label: 'Năm 2026',
    dataFrom: '2025-12-15',
    dataTo: '2026-12-14',
    deadline: '2026-12-20',
  },
  unit,
  province: 'Tỉnh Gia Lai',
  agencyName: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ',
  appVersion: '9.9.9',
});

const UNITS = [
  { code: 'S04', name: 'Sở Y tế', kind: 'so_nganh' as const },
  { code: 'S09', name: 'Sở Tư pháp', kind: 'so_nganh' as const },
  { code: 'X20', name: 'Xã Ia Grai', kind: 'xa' as const },
];

describe.skipIf(!soffice)('the unit form printed by LibreOffice', () => {
  const printed = new Map<string, PrintedForm>();
  beforeAll(async () => {
    for (const u of UNITS) printed.set(u.code, printForm(await buildTemplateWorkbook(input(u)), `${u.code}.xlsx`));
  }, 300_000);
  afterAll(() => {
    for (const p of printed.values()) p.dispose();
  });

  for (const u of UNITS) {
    it(`${u.name}: Quốc hiệu whole at 12–13 pt inside its half of the header, Tiêu ngữ 13–14 pt with its rule`, () => {
      const p = printed.get(u.code)!;
      const qh = findPhrase(p.words, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(qh, 'Quốc hiệu on one line').not.toBeNull();
      expect(qh!.page).toBe(1);
      // the size: bbox height against the 12 pt body text of the same PDF (the STT header word)
      const body = p.words.find((w) => w.text === 'STT')!;
      const qhPt = (12 * qh!.height) / (body.yMax - body.yMin);
      expect(qhPt).toBeGreaterThanOrEqual(12);
      expect(qhPt).toBeLessThanOrEqual(13.2);
      // inside the header's right half: from the table's column D border to its last border
      const r = raster(p, 1);
      const borders = verticalLines(r, (body.yMin + body.yMax) / 2);
      expect(borders.length).toBeGreaterThanOrEqual(8);
      expect(qh!.xMin).toBeGreaterThan(borders[3]!);
      expect(qh!.xMax).toBeLessThan(borders[borders.length - 1]!);
      const tn = findPhrase(p.words, 'Độc lập - Tự do - Hạnh phúc');
      expect(tn).not.toBeNull();
      const tnPt = (12 * tn!.height) / (body.yMax - body.yMin);
      expect(tnPt).toBeGreaterThanOrEqual(13);
      expect(tnPt).toBeLessThanOrEqual(14.2);
      // the rule under Tiêu ngữ: as long as the text (±6 %), centred under it (±6 pt), just below it
      const rule = longestHorizontalRun(r, tn!.yMax, tn!.yMax + 8);
      const textW = tn!.xMax - tn!.xMin;
      expect(rule.x1 - rule.x0).toBeGreaterThan(textW * 0.94);
      expect(rule.x1 - rule.x0).toBeLessThan(textW * 1.06);
      expect(Math.abs((rule.x0 + rule.x1) / 2 - (tn!.xMin + tn!.xMax) / 2)).toBeLessThan(6);
    });

    it(`${u.name}: codes inside their cell, no page with only the table header, signature with table rows`, () => {
      const p = printed.get(u.code)!;
      const codes = new Set(templateRowsFor(template, catalog.dataElements, u).map((d) => d.code));
      for (let page = 1; page <= p.pages; page++) {
        const words = p.words.filter((w) => w.page === page);
        const onPage = words.filter((w) => codes.has(w.text));
        expect(onPage.length, `page ${page} holds table rows`).toBeGreaterThan(0);
        const header = words.find((w) => w.text === 'STT');
        if (!header) continue;
        const borders = verticalLines(raster(p, page), (header.yMin + header.yMax) / 2);
        for (const w of onPage) {
          expect(w.xMin, `${w.text} p${page}`).toBeGreaterThan(borders[1]!);
          expect(w.xMax, `${w.text} p${page}`).toBeLessThan(borders[2]!);
        }
        // nothing beyond the page's printable width (right margin ≥ 15 mm, left ≥ 15 mm after centring)
        for (const w of words) expect(w.xMax, w.text).toBeLessThan(p.pageWidth - (15 / 25.4) * 72);
      }
      const sign = findPhrase(p.words, 'THỦ TRƯỞNG ĐƠN VỊ')!;
      expect(sign).not.toBeNull();
      expect(p.words.filter((w) => w.page === sign.page && codes.has(w.text)).length).toBeGreaterThanOrEqual(2);
    });
  }
});
