/** `bdg report docx`, `bdg reminder`, `bdg feedback` on a real SQLite province (issues 16 and 14). */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSettings } from '../../../src/main/services/settings';
import { smallProvince } from '../../helpers/province';
import { cli } from '../../helpers/cli';

const docxText = async (path: string) =>
  (await mammoth.extractRawText({ buffer: readFileSync(path) })).value.replace(/\n+/g, '\n');

let db: string;
let dir: string;
let periodId: string;
let entry: number;

beforeAll(async () => {
  const p = smallProvince();
  updateSettings(p.ctx.db, { agencyParent: 'UBND TỈNH LÀO CAI', placeName: 'Lào Cai', officerPhone: '0214 3840 123' });
  expect((await p.importAs('S01', { VB_BANHANH: { value: 3 } }, '2026-06-05')).status).toBe('accepted');
  const refused = await p.importAs('D01', { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 10, female: 12 } });
  expect(refused.status).toBe('rejected');
  // the refused file's inbox row, as the inbox work records it (the real import's own errors)
  entry = p.ctx.raw
    .prepare(
      'INSERT INTO import_attempts (period_id, file_name, sha256, status, unit_code, errors, warnings, received_at) ' +
        "VALUES (?, ?, 'x', 'rejected', 'D01', ?, '[]', '2026-06-06') RETURNING id",
    )
    .pluck()
    .get(p.period.id, refused.file, JSON.stringify(refused.errors)) as number;
  periodId = String(p.period.id);
  dir = p.ctx.dir;
  db = join(dir, 'test.sqlite');
  p.ctx.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bdg report docx / reminder / feedback', () => {
  it('report docx writes the Word draft with the number given', async () => {
    const out = join(dir, 'bao-cao.docx');
    const r = await cli([
      'report',
      'docx',
      '--db',
      db,
      '--period',
      periodId,
      '--out',
      out,
      '--doc-number',
      '5',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ path: out });
    const t = await docxText(out);
    expect(t).toContain('Số: 05/BC-BVSTBPN');
    expect(t).toContain('Kính gửi: Bộ Nội vụ.');
  });

  it('reminder writes .docx or .html with the number typed; another extension is a usage error', async () => {
    const docx = join(dir, 'don-doc.docx');
    const r = await cli(['reminder', '--db', db, '--period', periodId, '--out', docx, '--doc-number', '231', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.units).toBeGreaterThan(0);
    expect(j.message).toContain('Chưa gửi:');
    expect(await docxText(docx)).toContain('Số: 231/BVSTBPN-VP');
    const html = join(dir, 'don-doc.html');
    expect((await cli(['reminder', '--db', db, '--period', periodId, '--out', html, '--doc-number', '231'])).code).toBe(
      0,
    );
    expect(readFileSync(html, 'utf8')).toContain('Số: 231/BVSTBPN-VP');
    const bad = await cli(['reminder', '--db', db, '--period', periodId, '--out', join(dir, 'x.pdf'), '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).error.code).toBe('usage');
    expect(bad.err).toMatch(/--out phải là tệp \.docx hoặc \.html/);
  });

  it('feedback writes the letter for a refused entry', async () => {
    const out = join(dir, 'phan-hoi.html');
    const r = await cli(['feedback', '--db', db, '--entry', String(entry), '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).message).toContain('Hội Liên hiệp Phụ nữ tỉnh');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Kính gửi: Hội Liên hiệp Phụ nữ tỉnh.');
    expect(html).toContain('ngày 06/06/2026');
    const docx = join(dir, 'phan-hoi.docx');
    expect((await cli(['feedback', '--db', db, '--entry', String(entry), '--out', docx])).code).toBe(0);
    expect(await docxText(docx)).toContain('chưa được tiếp nhận vì:');
    const missing = await cli(['feedback', '--db', db, '--entry', '9999', '--out', out, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Không tìm thấy mục số 9999/);
  });
});
