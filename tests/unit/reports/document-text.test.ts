/**
 * Issue 19, finding 7 (documents): the document number is never a String.replace pattern ("12$'" printed the rest
 * of the line); bidi controls and other invisible format characters are stripped from names and texts on the way
 * in ("Xã \u202Egnp.exe" printed as "Xã exe.png") and from what a document prints; a string cell that begins
 * like a formula (= + - @ tab CR) carries Excel's quote prefix, so F2 + Enter keeps it text.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cleanForDocument, docNumberLine } from '../../../src/main/documents/model';
import { congVanNumberLine } from '../../../src/main/documents/reminder';
import { needsQuotePrefix } from '../../../src/main/documents/quote-prefix';
import { buildMinistryWorkbook } from '../../../src/main/documents/workbook';
import { cleanText, hasInvisible } from '../../../src/shared/text/vi';
import { FORMULA_TEXT, makeReportModel } from '../../helpers/report-model';

describe('document number: the officer text is data, never a replacement pattern', () => {
  it.each(["12$'", '12$&', '12$`', '$1/2026', '$$'])('"%s" prints as typed', (no) => {
    expect(docNumberLine('{so}/BC-BVSTBPN', no)).toBe(`Số: ${no}/BC-BVSTBPN`);
    expect(congVanNumberLine('{so}/BC-BVSTBPN', no)).toBe(`Số: ${no}/BVSTBPN`);
  });
  it('keeps the old shapes: no number, no {so}, an empty pattern', () => {
    expect(docNumberLine('{so}/BC-BVSTBPN')).toBe('Số: ……/BC-BVSTBPN');
    // NĐ 30/2020: a number below 10 takes a leading zero
    expect(docNumberLine('BC-BVSTBPN', '7')).toBe('Số: 07/BC-BVSTBPN');
    expect(docNumberLine('', '7')).toBe('Số: 07');
    expect(docNumberLine('', '10')).toBe('Số: 10');
    expect(docNumberLine('', '07')).toBe('Số: 07');
  });
});

describe('invisible format characters', () => {
  it('cleanText strips bidi overrides, isolates, marks and zero-width characters', () => {
    expect(cleanText('Xã \u202Egnp.exe')).toBe('Xã gnp.exe');
    expect(cleanText('\u2066Phường\u2069 \u200eCam\u200f Đường\u00ad')).toBe('Phường Cam Đường');
    expect(cleanText('Sở\u200d Y\u200c tế\u2060')).toBe('Sở Y tế');
    expect(cleanText('Hội\u200bPhụ nữ\ufeff')).toBe('Hội Phụ nữ'); // zero-width space: still a space, as before
    expect(cleanText('Tỉnh\u2028Lào Cai')).toBe('Tỉnh Lào Cai');
    expect(cleanText('a\u{E0041}b')).toBe('ab'); // a tag character
  });
  it('keeps the ASCII fast path and real Vietnamese text as it is', () => {
    expect(cleanText('S01')).toBe('S01');
    expect(cleanText('Sở Nội vụ')).toBe('Sở Nội vụ');
    expect(cleanText('Phu\u0323 nư\u0303')).toBe('Phụ nữ'); // NFC
  });
  it('hasInvisible tells the officer there was something to strip', () => {
    expect(hasInvisible('Xã \u202Egnp.exe')).toBe(true);
    expect(hasInvisible('Xã Bảo Thắng')).toBe(false);
  });
  it('cleanForDocument strips them from what a document prints (text stored before the rule)', () => {
    expect(cleanForDocument('Xã \u202Egnp.exe')).toBe('Xã gnp.exe');
  });
  it('cleanForDocument answers the same when asked again (short texts are remembered), and still cuts long ones', () => {
    const dirty = 'Có\u0007 \u200Bý kiến';
    for (let i = 0; i < 3; i++) expect(cleanForDocument(dirty)).toBe('Có ý kiến');
    const long = `${'a'.repeat(80)}\u0001`;
    for (let i = 0; i < 2; i++) expect(cleanForDocument(long, 10)).toBe(`${'a'.repeat(9)}…`);
    expect(cleanForDocument('abcdefghij', 5)).toBe('abcd…');
    expect(cleanForDocument('abcdefghij', 5)).toBe('abcd…');
  });
});

describe('workbook: formula-like strings carry the quote prefix', () => {
  it('needsQuotePrefix: = + - @ tab CR at the start only', () => {
    for (const s of ['=1+1', '+84', '-5', '@SUM(A1)', '\tx', '\rx', FORMULA_TEXT])
      expect(needsQuotePrefix(s), s).toBe(true);
    for (const s of ['Sở Nội vụ', '1=1', ' =x', '', 'a-b']) expect(needsQuotePrefix(s), s).toBe(false);
  });

  it('every string cell of the ministry workbook that starts like a formula has quotePrefix="1" on its xf', async () => {
    const zip = await JSZip.loadAsync(await buildMinistryWorkbook(makeReportModel()));
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
        .replace(/&amp;/g, '&');
    const shared = [...(await zip.file('xl/sharedStrings.xml')!.async('string')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
      (m) => decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
    );
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!;
    const xfs = [...cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    const prefixed = (s: number) => /^<xf\b[^>]*\bquotePrefix="1"/.test(xfs[s] ?? '');

    let formulaLike = 0;
    let plain = 0;
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    for (const f of sheets) {
      const xml = await zip.file(f)!.async('string');
      for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")? t="s"><v>(\d+)<\/v><\/c>/g)) {
        const text = shared[Number(m[3])]!;
        const s = Number(m[2] ?? 0);
        if (needsQuotePrefix(text)) {
          formulaLike++;
          expect(prefixed(s), `${f} ${m[1]}: ${text.slice(0, 40)}`).toBe(true);
        } else if (text === 'Sở Nội vụ') {
          plain++;
          expect(prefixed(s), `${f} ${m[1]}`).toBe(false);
        }
      }
    }
    expect(shared).toContain(FORMULA_TEXT);
    expect(formulaLike).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
  });
});
