/**
 * The file guard does not inflate again an entry stored byte for byte like one that passed before (the forms of a
 * province share most of their parts). Its answers must not depend on what it saw before: every fixture, every bad
 * file and damaged variants of a real form get the very same answer (the texts handed to the reader, or the same
 * refusal) after a cold start and after the other files were scanned; an entry stored like one seen before but
 * declared with another CRC or size is refused like a damaged one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetScannedEntries, inspectBytes, scanStats } from '../../../src/main/excel/file-guard';
import { isFastPart } from '../../../src/main/excel/fast-grid';
import { AppError } from '../../../src/shared/result';

const FIXTURES = resolve(__dirname, '../../fixtures/xlsx');
const read = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

/** the guard's answer as plain data: its inspection (with the kept texts) or its refusal */
function answer(bytes: Uint8Array, name: string): unknown {
  try {
    const info = inspectBytes(bytes, name, { keep: isFastPart });
    return { ...info, parts: info.parts && { ...info.parts, texts: Object.fromEntries(info.parts.texts) } };
  } catch (e) {
    if (e instanceof AppError) return { refused: e.message };
    throw e;
  }
}

/** central directory entries: name, and where its CRC and sizes are (and the local header's) */
function entries(b: Uint8Array): Array<{ name: string; cd: number; local: number; data: number; size: number }> {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = b.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const out = [];
  let p = dv.getUint32(eocd + 16, true);
  for (let i = 0; i < dv.getUint16(eocd + 10, true); i++) {
    const nameLen = dv.getUint16(p + 28, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    const data = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    out.push({ name, cd: p, local, data, size: dv.getUint32(p + 20, true) });
    p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return out;
}

/** a copy with one entry's declared CRC (offset 16 in the directory, 14 in the local header) or size changed */
function declare(b: Uint8Array, name: string, field: 'crc' | 'size'): Uint8Array {
  const out = new Uint8Array(b);
  const e = entries(out).find((x) => x.name === name)!;
  const dv = new DataView(out.buffer);
  const [cdAt, localAt] = field === 'crc' ? [16, 14] : [24, 22];
  dv.setUint32(e.cd + cdAt, (dv.getUint32(e.cd + cdAt, true) + 1) >>> 0, true);
  dv.setUint32(e.local + localAt, (dv.getUint32(e.local + localAt, true) + 1) >>> 0, true);
  return out;
}

const good = readdirSync(FIXTURES)
  .filter((f) => /\.xls[xm]?$/.test(f))
  .map((f) => ({ name: f, bytes: read(join(FIXTURES, f)) }));
const bad = readdirSync(join(FIXTURES, 'bad')).map((f) => ({ name: f, bytes: read(join(FIXTURES, 'bad', f)) }));

describe('the guard reuses what it scanned, and answers the same', () => {
  it('every fixture, bad file and damaged form: the same answer cold and warm', () => {
    const base = read(join(FIXTURES, 'so-y-te.xlsx'));
    const damaged = entries(base)
      .filter((e) => e.size > 0)
      .flatMap((e) => [
        // a stored byte flipped (same length: only the bytes tell it from the good entry)
        { name: `lat-${e.name}`, bytes: ((b) => ((b[e.data + (e.size >> 1)]! ^= 0x40), b))(new Uint8Array(base)) },
        { name: `crc-${e.name}`, bytes: declare(base, e.name, 'crc') },
        { name: `size-${e.name}`, bytes: declare(base, e.name, 'size') },
      ]);
    const all = [...good, ...bad, ...damaged];
    const cold = all.map((f) => {
      forgetScannedEntries();
      return answer(f.bytes, f.name);
    });
    forgetScannedEntries();
    for (const f of good) answer(f.bytes, f.name);
    const before = scanStats.reused;
    const warm = all.map((f) => answer(f.bytes, f.name));
    // the warm pass found entries it had scanned (else this test compares nothing new)
    expect(scanStats.reused - before).toBeGreaterThan(100);
    all.forEach((f, i) => expect(warm[i], f.name).toEqual(cold[i]));
    // and the damaged forms are refused, each naming its entry
    const refusals = damaged.map((f, i) => (cold[good.length + bad.length + i] as { refused?: string }).refused);
    expect(refusals.filter((r) => r === undefined)).toEqual([]);
  });

  it('an entry stored like one seen before but declared with another CRC or size is refused', () => {
    const base = read(join(FIXTURES, 'so-y-te.xlsx'));
    forgetScannedEntries();
    expect(answer(base, 'a.xlsx')).not.toHaveProperty('refused');
    for (const name of ['xl/styles.xml', 'xl/theme/theme1.xml', 'xl/worksheets/sheet2.xml']) {
      for (const field of ['crc', 'size'] as const) {
        const inflated = scanStats.inflated;
        expect(answer(declare(base, name, field), 'b.xlsx'), `${name} ${field}`).toEqual({
          refused: expect.stringContaining(`lỗi kiểm tra CRC ở thành phần ${name}`),
        });
        // nothing was inflated: the refusal came from the entry found scanned before
        expect(scanStats.inflated).toBe(inflated);
      }
    }
  });
});
