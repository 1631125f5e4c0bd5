/**
 * Printing a unit form as LibreOffice does (xlsx → PDF) and measuring it: words with their boxes
 * (`pdftotext -bbox-layout`), and the page as grey pixels (`pdftoppm -gray`, a PGM read here) to find the table's
 * vertical borders and the drawn rules.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PrintedForm {
  pdf: string;
  pages: number;
  pageWidth: number;
  pageHeight: number;
  words: PdfWord[];
  dir: string;
  dispose(): void;
}

/** The workbook printed to PDF by LibreOffice Calc (headless, its own profile). */
export function printForm(bytes: Uint8Array, name = 'bieu.xlsx'): PrintedForm {
  const dir = join(tmpdir(), `pdf-form-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), bytes);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      join(dir, name),
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  const pdf = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.pdf'))!,
  );
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const words: PdfWord[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const m of xml.matchAll(
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[1]) {
      page++;
      pageWidth = Number(m[1]);
      pageHeight = Number(m[2]);
    } else {
      words.push({
        page,
        text: decode(m[7]!),
        xMin: Number(m[3]),
        yMin: Number(m[4]),
        xMax: Number(m[5]),
        yMax: Number(m[6]),
      });
    }
  }
  return {
    pdf,
    pages: page,
    pageWidth,
    pageHeight,
    words,
    dir,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const decode = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** The words of a phrase, found in order on one line of a page: their joint box. */
export function findPhrase(
  words: PdfWord[],
  phrase: string,
): { page: number; xMin: number; xMax: number; yMin: number; yMax: number; height: number } | null {
  const parts = phrase.split(/\s+/);
  for (let i = 0; i + parts.length <= words.length; i++) {
    const run = words.slice(i, i + parts.length);
    if (run.every((w, k) => w.text === parts[k] && w.page === run[0]!.page && Math.abs(w.yMin - run[0]!.yMin) < 1)) {
      return {
        page: run[0]!.page,
        xMin: Math.min(...run.map((w) => w.xMin)),
        xMax: Math.max(...run.map((w) => w.xMax)),
        yMin: Math.min(...run.map((w) => w.yMin)),
        yMax: Math.max(...run.map((w) => w.yMax)),
        height: run[0]!.yMax - run[0]!.yMin,
      };
    }
  }
  return null;
}

export interface Raster {
  width: number;
  height: number;
  /** pixels per PDF point */
  scale: number;
  gray(x: number, y: number): number;
}

/** One page as grey pixels at `dpi` (pdftoppm's PGM). */
export function raster(form: PrintedForm, page: number, dpi = 144): Raster {
  const base = join(form.dir, `r${page}`);
  execFileSync('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    String(dpi),
    '-gray',
    '-singlefile',
    form.pdf,
    base,
  ]);
  const buf = readFileSync(`${base}.pgm`);
  // P5\n<w> <h>\n255\n<data>
  let off = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (buf[off] === 0x20 || buf[off] === 0x0a) off++;
    let s = '';
    while (buf[off] !== 0x20 && buf[off] !== 0x0a) s += String.fromCharCode(buf[off++]!);
    fields.push(s);
  }
  off++;
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  const data = buf.subarray(off);
  return { width, height, scale: dpi / 72, gray: (x, y) => data[Math.round(y) * width + Math.round(x)] ?? 255 };
}

/** x positions (PDF points) of dark vertical lines crossing the line y (PDF points). */
export function verticalLines(r: Raster, yPt: number): number[] {
  const y = yPt * r.scale;
  const out: number[] = [];
  let inRun = false;
  for (let x = 0; x < r.width; x++) {
    // a border is dark over the header row's height (30 pt), a letter's stem is not
    const dark = [-11, -6, 0, 6, 11].every((dy) => r.gray(x, y + dy * r.scale) < 110);
    if (dark && !inRun) out.push(x / r.scale);
    inRun = dark;
  }
  return out;
}

/** The longest dark horizontal run (PDF points) between y0 and y1 (PDF points), and where it is. */
export function longestHorizontalRun(r: Raster, y0Pt: number, y1Pt: number): { x0: number; x1: number; y: number } {
  let best = { x0: 0, x1: 0, y: 0 };
  for (let y = Math.floor(y0Pt * r.scale); y <= Math.ceil(y1Pt * r.scale); y++) {
    let start = -1;
    for (let x = 0; x <= r.width; x++) {
      const dark = x < r.width && r.gray(x, y) < 128;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if ((x - start) / r.scale > best.x1 - best.x0) best = { x0: start / r.scale, x1: x / r.scale, y: y / r.scale };
        start = -1;
      }
    }
  }
  return best;
}
