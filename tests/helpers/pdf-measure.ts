/**
 * Measuring a PDF as a văn thư would (NĐ 30/2020): word positions from `pdftotext -bbox`, page sizes from
 * `pdfinfo`, embedded fonts from `pdffonts`, and .docx → PDF through LibreOffice (`soffice --headless`).
 * Units are PDF points (1 mm = 72 / 25.4 pt); y grows downwards from the top of the page, as pdftotext gives it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const PT_PER_MM = 72 / 25.4;
export const mmOf = (pt: number) => pt / PT_PER_MM;

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Page {
  page: number;
  width: number;
  height: number;
  words: Word[];
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every page with its size and words (pdftotext -bbox). */
export function pdfPages(file: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: Page[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  let pm: RegExpExecArray | null;
  while ((pm = pageRe.exec(xml))) {
    const n = pages.length + 1;
    const words: Word[] = [];
    let wm: RegExpExecArray | null;
    while ((wm = wordRe.exec(pm[3]!))) {
      words.push({
        page: n,
        text: decode(wm[5]!),
        xMin: Number(wm[1]),
        yMin: Number(wm[2]),
        xMax: Number(wm[3]),
        yMax: Number(wm[4]),
      });
    }
    pages.push({ page: n, width: Number(pm[1]), height: Number(pm[2]), words });
  }
  return pages;
}

/** The text block's extent on a page: the outermost words (the page-number header counted apart). */
export function textBox(p: Page, opts: { skipAbove?: number } = {}) {
  const ws = p.words.filter((w) => w.yMin >= (opts.skipAbove ?? 0));
  return {
    left: Math.min(...ws.map((w) => w.xMin)),
    right: Math.max(...ws.map((w) => w.xMax)),
    top: Math.min(...ws.map((w) => w.yMin)),
    bottom: Math.max(...ws.map((w) => w.yMax)),
  };
}

/** Margins in mm (left, right, top, bottom) of the words on a page. */
export function marginsMm(p: Page, opts: { skipAbove?: number } = {}) {
  const b = textBox(p, opts);
  return {
    left: mmOf(b.left),
    right: mmOf(p.width - b.right),
    top: mmOf(b.top),
    bottom: mmOf(p.height - b.bottom),
  };
}

/** The first word equal to `text` (or matching it) on a page. */
export function findWord(p: Page, text: string | RegExp): Word | undefined {
  return p.words.find((w) => (typeof text === 'string' ? w.text === text : text.test(w.text)));
}

/** A word's size in points (the box height pdftotext gives is about 1,3 × the font size for Liberation Serif). */
export const boxHeight = (w: Word) => w.yMax - w.yMin;

/** The fonts of a PDF as `pdffonts` lists them: name and whether embedded. */
export function pdfFonts(file: string): Array<{ name: string; embedded: boolean }> {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [type2] encoding emb sub uni object ID: "emb" is the 5th column from the end
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** Lines of the page's text in reading order (pdftotext -layout). */
export function pageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
}

/**
 * Converts .docx files to PDF with LibreOffice in one run (each conversion is slow: give them all at once).
 * Returns the PDF paths in the same order. Throws when LibreOffice could not open a file.
 */
export function docxToPdf(files: Array<{ name: string; bytes: Uint8Array }>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-docx-'));
  const paths = files.map((f) => {
    const p = join(dir, f.name);
    writeFileSync(p, f.bytes);
    return p;
  });
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...paths,
    ],
    { stdio: 'pipe', timeout: 180_000 },
  );
  return paths.map((p) => {
    const pdf = join(dir, basename(p).replace(/\.docx$/i, '.pdf'));
    readFileSync(pdf); // throws when LibreOffice did not write it
    return pdf;
  });
}

/** Renders pages to PNG (for looking at them): returns the PNG paths. */
export function pagePngs(pdf: string, dpi = 60): string[] {
  const prefix = pdf.replace(/\.pdf$/i, '');
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdf, prefix]);
  const n = pdfPages(pdf).length;
  const width = String(n).length;
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(n >= 10 ? width : 1, '0')}.png`);
}
