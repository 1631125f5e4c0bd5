import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrintHtml, printPdfOptions } from '../../../src/main/documents/print-html';
import { buildReminder } from '../../../src/main/documents/reminder';
import { makeReportModel, settings } from '../../helpers/report-model';

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'bdg-print-'));

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function toPdf(html: string, name: string): Promise<string> {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
  });
  await page.setContent(html);
  const pdf = await page.pdf(printPdfOptions());
  await page.close();
  expect(requests).toEqual([]);
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

const pageText = (file: string, p: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('print HTML → PDF (Chromium)', () => {
  it('prints the NĐ 30 header, title and appendices; page numbers from page 2, at the top', async () => {
    const file = await toPdf(buildPrintHtml(makeReportModel()), 'report.pdf');
    const n = pages(file);
    expect(n).toBeGreaterThan(3);
    const p1 = pageText(file, 1);
    expect(p1).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(p1).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(p1).toContain('UBND TỈNH LÀO CAI');
    expect(p1).toContain('BAN VÌ SỰ TIẾN BỘ PHỤ NỮ');
    expect(p1).toContain('Số: 15/BC-BVSTBPN');
    expect(p1).toContain('Lào Cai, ngày 05 tháng 02 năm 2026');
    expect(p1).toContain('BÁO CÁO');
    expect(p1.replace(/\s+/g, ' ')).toContain(
      'Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2026',
    );
    // page 1 is not numbered: its first non-empty line is the header
    const first = (t: string) =>
      t
        .split('\n')
        .find((l) => l.trim())!
        .trim();
    expect(first(p1)).not.toMatch(/^\d+$/);
    expect(first(pageText(file, 2))).toBe('2');
    expect(first(pageText(file, n))).toBe(String(n));
    const all = Array.from({ length: n }, (_, i) => pageText(file, i + 1)).join('\n');
    for (const a of ['Phụ lục I', 'Phụ lục II', 'Phụ lục III', 'Phụ lục IV', 'Phụ lục V', 'Phụ lục VI'])
      expect(all).toContain(a);
    expect(all).toContain('KHÔNG PHỔ BIẾN RỘNG RÃI');
    expect(all).toContain('<script>alert("x")</script>'); // shown as text, not run
    expect(all).toContain('Nơi nhận:');
    expect(all).toContain('Nguyễn Thị Hoa');
  });

  it('prints the reminder letter on one numbered-free page', async () => {
    const model = makeReportModel();
    const r = buildReminder({
      settings,
      period: model.period,
      missing: model.status.units.filter((u) => u.status === 'missing'),
      today: '2026-06-15',
    });
    const file = await toPdf(r.html, 'reminder.pdf');
    expect(pages(file)).toBe(1);
    const t = pageText(file, 1);
    expect(t).toContain('Kính gửi:');
    expect(t).toContain('Sở Tư pháp');
    expect(t).toContain('V/v đôn đốc gửi báo cáo');
  });
});
