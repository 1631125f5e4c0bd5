/**
 * The fast reader takes the usual cell whole with scanPlainCell, a hand-written matcher for the PLAIN_CELL pattern
 * (no regex run, no captured strings): it must match exactly where the pattern matches, end where it ends and give
 * the same address, style, type and value, on real sheets and on random text made of the pieces that matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PLAIN_CELL, scanPlainCell, scanPlainRow, type PlainCellMatch } from '../../../src/main/excel/fast-grid';

const FIXTURES = resolve(__dirname, '../../fixtures/xlsx');

/** what the regex gives at p, in scanPlainCell's terms (null: no match) */
function byRegex(
  s: string,
  p: number,
): { end: number; cell: Omit<PlainCellMatch, 't0' | 't1' | 'v0' | 'v1'> & { t?: string; v?: string } } | null {
  PLAIN_CELL.lastIndex = p;
  const m = PLAIN_CELL.exec(s);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return {
    end: PLAIN_CELL.lastIndex,
    cell: { col, row: Number(m[2]), style: m[3] === undefined ? -1 : parseInt(m[3], 10), t: m[4], v: m[5] },
  };
}

function byScan(s: string, p: number): ReturnType<typeof byRegex> {
  const m: PlainCellMatch = { col: 0, row: 0, style: -1, t0: -1, t1: -1, v0: -1, v1: -1 };
  const end = scanPlainCell(s, p, m);
  if (end < 0) return null;
  return {
    end,
    cell: {
      col: m.col,
      row: m.row,
      style: m.style,
      t: m.t0 < 0 ? undefined : s.slice(m.t0, m.t1),
      v: m.v0 < 0 ? undefined : s.slice(m.v0, m.v1),
    },
  };
}

function compareAt(s: string, positions: Iterable<number>): { matched: number; diffs: string[] } {
  let matched = 0;
  const diffs: string[] = [];
  for (const p of positions) {
    const a = byRegex(s, p);
    const b = byScan(s, p);
    if (a) matched++;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      diffs.push(`${JSON.stringify(s.slice(p, p + 60))}: regex ${JSON.stringify(a)} scan ${JSON.stringify(b)}`);
    }
  }
  return { matched, diffs };
}

describe('scanPlainCell = PLAIN_CELL', () => {
  it('on every cell of every fixture sheet', () => {
    const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));
    expect(names.length).toBeGreaterThan(5);
    let matched = 0;
    for (const f of names) {
      const files = unzipSync(new Uint8Array(readFileSync(join(FIXTURES, f))));
      for (const [name, data] of Object.entries(files)) {
        if (!/worksheets\/[^/]+\.xml$/.test(name)) continue;
        const s = strFromU8(data);
        const at: number[] = [];
        for (let i = s.indexOf('<c'); i >= 0; i = s.indexOf('<c', i + 1)) at.push(i);
        const r = compareAt(s, at);
        expect(r.diffs, `${f} ${name}`).toEqual([]);
        matched += r.matched;
      }
    }
    // the fixtures are mostly plain cells: the comparison is not vacuous
    expect(matched).toBeGreaterThan(1000);
  });

  it('on random text made of the pattern’s pieces, at every position', () => {
    const pieces = [
      '<c r="',
      '<c r="',
      '<c',
      ' r="',
      ' s="',
      ' t="',
      '"',
      '"',
      'A',
      'Z',
      'AB',
      'XFD',
      'a',
      '0',
      '1',
      '9',
      '12',
      '1234567',
      '/>',
      '>',
      '></c>',
      '<v>',
      '</v>',
      '</v></c>',
      '</c>',
      ' ',
      's',
      'str',
      'é',
      '<',
    ];
    let seed = 27;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    let matched = 0;
    for (let k = 0; k < 4000; k++) {
      let s = '';
      const n = 1 + rnd(14);
      for (let i = 0; i < n; i++) s += pieces[rnd(pieces.length)]!;
      // and well-formed cells with one piece changed, so that near misses are common
      if (k % 2) {
        const cell = `<c r="${['A', 'BC', 'XFD', 'ABCD'][rnd(4)]}${[1, 10, 1048576, 12345678][rnd(4)]}"${rnd(2) ? ` s="${[0, 7, 123456789, 1234567890][rnd(4)]}"` : ''}${rnd(2) ? ` t="${['s', 'str', 'inlineStr', 'abcdefghij'][rnd(4)]}"` : ''}${['/>', '></c>', '><v>7</v></c>', '><v></v></c>', '><v>1</v>', '/ >'][rnd(6)]}`;
        const at = rnd(cell.length);
        s = rnd(3) ? cell : cell.slice(0, at) + pieces[rnd(pieces.length)]! + cell.slice(at + 1);
      }
      const r = compareAt(
        s,
        Array.from({ length: s.length + 1 }, (_, i) => i),
      );
      expect(r.diffs).toEqual([]);
      matched += r.matched;
    }
    expect(matched).toBeGreaterThan(300);
  });
});

/** the tokens' reading of a row start tag: START_TAG's grammar, then each attribute (the first of a name wins) */
const ROW_TAG = /<row((?:[ \t\n\r]+[^ \t\n\r/>="'<]+[ \t\n\r]*=[ \t\n\r]*(?:"[^"<]*"|'[^'<]*'))*)[ \t\n\r]*\/?>/y;
function rowByTokens(s: string, p: number): { end: number; attrs: Array<string | undefined> } | null {
  ROW_TAG.lastIndex = p;
  const m = ROW_TAG.exec(s);
  if (!m) return null;
  const attrs: Array<string | undefined> = [undefined, undefined, undefined, undefined];
  const names = ['r', 'hidden', 'ht', 'customHeight'];
  for (const a of m[1]!.matchAll(/([^ \t\n\r/>="'<]+)[ \t\n\r]*=[ \t\n\r]*(?:"([^"<]*)"|'([^'<]*)')/g)) {
    const i = names.indexOf(a[1]!);
    if (i >= 0 && attrs[i] === undefined) attrs[i] = a[2] ?? a[3];
  }
  return { end: ROW_TAG.lastIndex, attrs };
}

describe('scanPlainRow reads a row start tag as the tokens do', () => {
  it('wherever it takes a tag, the tokens take it too, up to the same end, with the same attributes', () => {
    const pieces = [
      '<row',
      '<row',
      ' r="1"',
      ' r="12"',
      ' ht="0"',
      ' ht="18.5"',
      ' hidden="1"',
      ' hidden="true"',
      ' customHeight="1"',
      ' spans="1:8"',
      ' x14ac:dyDescent="0.25"',
      ' r="2"',
      " r='3'",
      ' r="&#49;"',
      '\t',
      ' ',
      '>',
      '/>',
      ' />',
      '"',
      '=',
      'row',
      ' rx="1"',
      ' r ="1"',
      '<',
    ];
    let seed = 91;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    let taken = 0;
    for (let k = 0; k < 4000; k++) {
      let s = '';
      const n = 1 + rnd(8);
      for (let i = 0; i < n; i++) s += pieces[rnd(pieces.length)]!;
      if (k % 2) s = `<row${s.replace(/^<row/, '')}${rnd(2) ? '>' : '/>'}`;
      for (let p = 0; p <= s.length; p++) {
        const out: Array<string | undefined> = [undefined, undefined, undefined, undefined];
        const end = scanPlainRow(s, p, out);
        if (end < 0) continue;
        taken++;
        expect({ end, attrs: out }, JSON.stringify(s.slice(p))).toEqual(rowByTokens(s, p));
      }
    }
    expect(taken).toBeGreaterThan(500);
  });

  it('takes the rows Excel, exceljs and LibreOffice write', () => {
    for (const tag of [
      '<row r="1" ht="18.34" customHeight="1" spans="1:8" x14ac:dyDescent="0.25">',
      '<row r="3" ht="10" customHeight="1" x14ac:dyDescent="0.25"/>',
      '<row r="1" customFormat="false" ht="18" hidden="false" customHeight="true" outlineLevel="0" collapsed="false">',
      '<row r="7" spans="1:2">',
    ]) {
      const out: Array<string | undefined> = [undefined, undefined, undefined, undefined];
      expect(scanPlainRow(tag, 0, out), tag).toBe(tag.length);
      expect({ end: tag.length, attrs: out }).toEqual(rowByTokens(tag, 0));
    }
  });
});
