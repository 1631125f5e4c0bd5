/**
 * Measuring a PDF the way a văn thư checks a printout: words with their boxes (poppler's `pdftotext -bbox-layout`,
 * positions in pt from the top-left corner), font sizes from the box heights, and the page as grey pixels
 * (`pdftoppm -gray`) for what is drawn but is not text (table borders, the Tiêu ngữ rule, a frame).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface Word extends Box {
  text: string;
}
export interface Line extends Box {
  words: Word[];
  text: string;
}
export interface Page {
  /** 1-based */
  n: number;
  width: number;
  height: number;
  lines: Line[];
  words: Word[];
  text: string;
}

export const PT_PER_MM = 72 / 25.4;
export const mm = (pt: number) => pt / PT_PER_MM;

/**
 * (ascent + descent) / em of Liberation Serif, which stands in for Times New Roman with the same metrics: poppler's
 * word box is that tall, so a 13 pt word is 14,39 pt high (measured: 13 pt → 14,394; 12,5 pt → 13,837).
 */
export const SERIF_BOX = 1.107;
export const fontSize = (b: Box) => (b.yMax - b.yMin) / SERIF_BOX;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const num = (attrs: string, k: string) => Number(new RegExp(`${k}="([\\d.]+)"`).exec(attrs)![1]);

export function readPdf(file: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages: Page[] = [];
  for (const pm of xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const lines: Line[] = [];
    for (const lm of pm[2]!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words: Word[] = [];
      for (const wm of lm[2]!.matchAll(/<word ([^>]*)>([\s\S]*?)<\/word>/g)) {
        const a = wm[1]!;
        words.push({
          text: unescape(wm[2]!).normalize('NFC'),
          xMin: num(a, 'xMin'),
          yMin: num(a, 'yMin'),
          xMax: num(a, 'xMax'),
          yMax: num(a, 'yMax'),
        });
      }
      const a = lm[1]!;
      lines.push({
        words,
        text: words.map((w) => w.text).join(' '),
        xMin: num(a, 'xMin'),
        yMin: num(a, 'yMin'),
        xMax: num(a, 'xMax'),
        yMax: num(a, 'yMax'),
      });
    }
    pages.push({
      n: pages.length + 1,
      width: num(pm[1]!, 'width'),
      height: num(pm[1]!, 'height'),
      lines,
      words: lines.flatMap((l) => l.words),
      text: lines.map((l) => l.text).join('\n'),
    });
  }
  return pages;
}

/** The lines whose text contains `needle` (or matches it), with their page. */
export function findLines(pages: Page[], needle: string | RegExp): Array<{ page: Page; line: Line }> {
  const out: Array<{ page: Page; line: Line }> = [];
  for (const page of pages)
    for (const line of page.lines)
      if (typeof needle === 'string' ? line.text.includes(needle) : needle.test(line.text)) out.push({ page, line });
  return out;
}

export function findLine(pages: Page[], needle: string | RegExp): { page: Page; line: Line } {
  const found = findLines(pages, needle);
  if (found.length === 0) throw new Error(`no line with ${String(needle)}`);
  return found[0]!;
}

/** Font names of the PDF (`pdffonts`), e.g. "LiberationSerif-Bold". */
export function pdfFonts(file: string): string[] {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/)[0]!)
    .filter(Boolean)
    .map((n) => n.replace(/^[A-Z]{6}\+/, ''));
}

export const pageCount = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

export interface Gray {
  width: number;
  height: number;
  /** pixels per mm */
  scale: number;
  data: Uint8Array;
}

/** One page as 8-bit grey pixels (0 black … 255 white), `dpi` dots per inch. */
export function rasterPage(file: string, page: number, dpi = 100): Gray {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-pgm-'));
  try {
    const out = join(dir, 'p');
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      out,
    ]);
    const buf = readFileSync(`${out}.pgm`);
    // P5 header: "P5\n<w> <h>\n255\n", maybe with comments
    let pos = 0;
    const fields: string[] = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
      if (buf[pos] === 0x23) {
        while (buf[pos] !== 0x0a) pos++;
        continue;
      }
      let f = '';
      while (!/\s/.test(String.fromCharCode(buf[pos]!))) f += String.fromCharCode(buf[pos++]!);
      fields.push(f);
    }
    pos++;
    const [, w, h] = fields;
    return { width: Number(w), height: Number(h), scale: dpi / 25.4, data: buf.subarray(pos) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DARK = 128;

/** Dark pixels in the rectangle (mm from the top-left corner). */
export function darkIn(g: Gray, x1: number, y1: number, x2: number, y2: number): number {
  let n = 0;
  const [a, b] = [Math.max(0, Math.round(x1 * g.scale)), Math.min(g.width, Math.round(x2 * g.scale))];
  const [c, d] = [Math.max(0, Math.round(y1 * g.scale)), Math.min(g.height, Math.round(y2 * g.scale))];
  for (let y = c; y < d; y++) for (let x = a; x < b; x++) if (g.data[y * g.width + x]! < DARK) n++;
  return n;
}

/** The longest horizontal dark run (mm) within rows y1–y2 (mm) and columns x1–x2 (mm): a drawn rule. */
export function longestRule(
  g: Gray,
  x1: number,
  x2: number,
  y1: number,
  y2: number,
): { length: number; from: number; to: number } {
  let best = { length: 0, from: 0, to: 0 };
  const [a, b] = [Math.max(0, Math.round(x1 * g.scale)), Math.min(g.width, Math.round(x2 * g.scale))];
  for (let y = Math.max(0, Math.round(y1 * g.scale)); y < Math.min(g.height, Math.round(y2 * g.scale)); y++) {
    let start = -1;
    for (let x = a; x <= b; x++) {
      const dark = x < b && g.data[y * g.width + x]! < DARK;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start > best.length * g.scale)
          best = { length: (x - start) / g.scale, from: start / g.scale, to: x / g.scale };
        start = -1;
      }
    }
  }
  return best;
}

/**
 * Every place a text may break without splitting a word: at spaces, and after "/", ".", "_", "-" (a code or
 * "Tăng/giảm" may wrap there). Returns every piece and run of pieces of the source's words, so a PDF word that is
 * not in the set was cut inside a word ("Tăng/giả", "khôn-").
 */
export function wordPieces(sourceText: string): Set<string> {
  const set = new Set<string>();
  for (const raw of sourceText.normalize('NFC').split(/\s+/)) {
    if (!raw) continue;
    const cuts = [0];
    for (let i = 0; i < raw.length; i++) if ('/._-‑'.includes(raw[i]!)) cuts.push(i + 1);
    cuts.push(raw.length);
    for (let i = 0; i < cuts.length; i++)
      for (let j = i + 1; j < cuts.length; j++) if (cuts[j]! > cuts[i]!) set.add(raw.slice(cuts[i], cuts[j]));
  }
  return set;
}
