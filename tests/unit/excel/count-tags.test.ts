/**
 * The file guard's tag count (rows and cells of a sheet, to refuse oversize sheets before any parsing) looks only
 * where a tag can start; it must count exactly what a walk over every '<' counts (the guard's first version), on
 * real sheets and on random text made of the characters that matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { countTags } from '../../../src/main/excel/file-guard';

const isWord = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isSpaceOrGt = (c: number): boolean => c === 0x3e || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** the reference: every '<', an optional prefix (word characters then ':'), then `c` or `row` and a space or '>' */
function walk(body: string): { rows: number; cells: number } {
  let rows = 0;
  let cells = 0;
  let i = body.indexOf('<');
  while (i >= 0) {
    let j = i + 1;
    let k = j;
    while (k < body.length && isWord(body.charCodeAt(k))) k++;
    if (k > j && body.charCodeAt(k) === 0x3a) j = k + 1;
    const c0 = body.charCodeAt(j);
    if (c0 === 0x63 && isSpaceOrGt(body.charCodeAt(j + 1))) cells++;
    else if (c0 === 0x72 && body.startsWith('row', j) && isSpaceOrGt(body.charCodeAt(j + 3))) rows++;
    i = body.indexOf('<', i + 1);
  }
  return { rows, cells };
}

describe('countTags', () => {
  it('counts what the walk over every "<" counts, on random text', () => {
    const alphabet = [
      '<',
      '<',
      'c',
      'c',
      'r',
      'o',
      'w',
      'row',
      ':',
      ':',
      'x',
      '_',
      '1',
      ' ',
      '>',
      '\t',
      '\n',
      '/',
      'é',
      '"',
    ];
    let seed = 20;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const differ: string[] = [];
    for (let t = 0; t < 20000; t++) {
      let s = '';
      const len = 1 + rnd(40);
      for (let i = 0; i < len; i++) s += alphabet[rnd(alphabet.length)];
      if (JSON.stringify(countTags(s)) !== JSON.stringify(walk(s))) differ.push(s);
    }
    expect(differ.slice(0, 3)).toEqual([]);
    // the shapes that matter, spelled out
    const cases = [
      '<c r="A1">',
      '<c>',
      '<c\t',
      '<cols>',
      '<x:c r>',
      '<x:row>',
      '<row r="1">',
      '<rows>',
      '<a:b:c >',
      '<c:c >',
      '<rowx:c>',
      ':c ',
      'a:c ',
      '<:c >',
      '<row',
      '<c',
      '<x:',
      '<_1:row\n',
      '<é:c >',
    ];
    for (const s of cases) expect(countTags(s), s).toEqual(walk(s));
  });

  it('counts what the walk counts on every sheet of the fixtures', () => {
    const dir = resolve(__dirname, '../../fixtures/xlsx');
    let sheets = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.xlsx') || x.endsWith('.xlsm'))) {
      let files: Record<string, Uint8Array>;
      try {
        files = unzipSync(new Uint8Array(readFileSync(join(dir, f))));
      } catch {
        continue;
      }
      for (const [name, bytes] of Object.entries(files)) {
        if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
        const xml = strFromU8(bytes);
        expect(countTags(xml), `${f} ${name}`).toEqual(walk(xml));
        sheets++;
      }
    }
    expect(sheets).toBeGreaterThan(10);
  });
});
