import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../../src/main/services/catalog';
import { tmpDir } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

const root = join(__dirname, '../../..');

/** A new database made by `bdg init` in `dir` (a new folder by default); its path. */
async function initDb(name: string, dir = tmpDir()): Promise<string> {
  const db = join(dir, name);
  expect((await cli(['init', '--db', db, '--json'])).code).toBe(0);
  return db;
}

describe('bdg CLI', () => {
  it('prints Vietnamese help through npm run --silent bdg', () => {
    const out = execFileSync('npm', ['run', '--silent', 'bdg', '--', '--help'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('Cách dùng');
    expect(out).toContain('Tạo (hoặc mở) cơ sở dữ liệu');
  });

  it('init, units list and check print exactly one JSON object', async () => {
    const db = join(tmpDir(), 'cli.sqlite');
    const init = await cli(['init', '--db', db, '--province', 'Tỉnh Lào Cai', '--json']);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ db, catalogVersion: SEED.catalogVersion });
    const list = await cli(['units', 'list', '--db', db, '--json']);
    expect(list.code).toBe(0);
    expect(list.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(list.out)).toEqual({ units: [] });
    const check = await cli(['check', '--db', db, '--json']);
    expect(JSON.parse(check.out)).toEqual({ integrity: 'ok', foreignKeys: 'ok' });
  });

  it('answers a bad argument with a Vietnamese message and exit code 2', async () => {
    const r1 = await cli(['lam-gi-do']);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/Không có lệnh "lam-gi-do"/);
    const r2 = await cli(['units', 'list', '--khong-co']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/Không có tùy chọn/);
    const r3 = await cli([
      'period',
      'create',
      '--db',
      join(tmpDir(), 'x.sqlite'),
      '--year',
      'hai nghìn',
      '--kind',
      'year',
    ]);
    expect(r3.code).not.toBe(0);
  });

  it('says plainly when the database does not exist yet', async () => {
    const r = await cli(['units', 'list', '--db', join(tmpDir(), 'chua-co.sqlite'), '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Chưa có cơ sở dữ liệu/);
    expect(JSON.parse(r.out).error.message).toMatch(/bdg init/);
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'failed', reason: 'no_database' });
  });

  it('names the core’s reason beside code "failed", so a script can tell a missing record from bad input', async () => {
    const db = await initDb('ly-do.sqlite');
    const missing = await cli(['status', '--db', db, '--period', '42', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(missing.out).error).toMatchObject({ code: 'failed', reason: 'not_found' });
    expect(missing.err).toContain('Không tìm thấy kỳ báo cáo số 42');
    // a year the core refuses is a usage error, said in the option's words
    const year = await cli(['period', 'create', '--db', db, '--year', '20266', '--kind', 'year', '--json']);
    expect(year.code).toBe(2);
    expect(JSON.parse(year.out).error).toEqual({
      code: 'usage',
      message: '--year phải là một năm trong các năm 2000–2100 (nhận được "20266").',
    });
    // what only the core checks (a blank label): its code, 'invalid_input'
    const label = await cli([
      'period',
      'create',
      '--db',
      db,
      '--year',
      '2026',
      '--kind',
      'year',
      '--label',
      ' ',
      '--json',
    ]);
    expect(label.code).toBe(1);
    expect(JSON.parse(label.out).error).toMatchObject({ code: 'failed', reason: 'invalid_input' });
  });

  it('says a file-system refusal in Vietnamese, with the path and Node’s code as the reason', async () => {
    const dir = tmpDir();
    const db = await initDb('ghi.sqlite', dir);
    expect((await cli(['period', 'create', '--db', db, '--year', '2026', '--kind', 'year', '--json'])).code).toBe(0);
    const aFile = join(dir, 'la-tep.xlsx');
    writeFileSync(aFile, 'x');
    const intoFile = await cli(['template', 'export', '--db', db, '--period', '1', '--out', aFile, '--json']);
    expect(intoFile.code).toBe(1);
    expect(JSON.parse(intoFile.out).error).toEqual({
      code: 'failed',
      reason: 'EEXIST',
      message: `"${aFile}" là một tệp, không phải thư mục. Hãy chọn một thư mục để ghi.`,
    });
    const toDir = await cli(['export', '--db', db, '--period', '1', '--out', dir, '--json']);
    expect(JSON.parse(toDir.out).error).toMatchObject({ code: 'failed', reason: 'EISDIR' });
    expect(toDir.err).toContain(`"${dir}" là một thư mục. Hãy ghi rõ tên tệp`);
    const missing = join(dir, 'khong-co', 'bao-cao.xlsx');
    const nowhere = await cli(['export', '--db', db, '--period', '1', '--out', missing, '--json']);
    expect(JSON.parse(nowhere.out).error).toMatchObject({ code: 'failed', reason: 'ENOENT' });
    expect(nowhere.err).toContain('Hãy kiểm tra lại đường dẫn.');
    for (const r of [intoFile, toDir, nowhere]) expect(r.err).not.toMatch(/EEXIST|EISDIR|ENOENT|syscall/);
  });

  it('says where a JSON file given to it is broken, by line and column', async () => {
    const dir = tmpDir();
    const db = await initDb('json.sqlite', dir);
    const bad = join(dir, 'so-lieu.json');
    writeFileSync(bad, '{\n  "TT_LUOT": {"total": 12,},\n}');
    const r = await cli(['submission', 'enter', '--db', db, '--period', '1', '--unit', 'X', '--values', bad, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.message).toBe(
      `Tệp "${bad}" không phải JSON hợp lệ: lỗi ở dòng 2, cột 27. Hãy kiểm tra dấu phẩy, dấu ngoặc và dấu nháy kép ` +
        'quanh mỗi tên (ví dụ {"TT_LUOT": {"total": 120, "female": 60}}).',
    );
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, '{"TT_LUOT": ');
    const c = await cli(['layout', 'save', '--db', db, '--name', 'x', '--from', cut, '--json']);
    expect(JSON.parse(c.out).error.message).toContain('tệp kết thúc giữa chừng');
    for (const x of [r, c]) expect(x.out).not.toMatch(/position|Unexpected|Expected/);
  });

  it('a fresh process exits non-zero on bad usage', () => {
    const r = spawnSync('npm', ['run', '--silent', 'bdg', '--', 'units', 'khong-co'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Lỗi');
  });

  it('serve prints a URL with a token; the API refuses a request without it', async () => {
    const db = join(tmpDir(), 'serve.sqlite');
    await cli(['init', '--db', db]);
    const staticDir = tmpDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Báo cáo BĐG</title>');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/hosts/cli/main.ts', 'serve', '--db', db, '--no-open'],
      {
        cwd: root,
        env: { ...process.env, CI: '1', BDG_RENDERER_DIR: staticDir },
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(buf);
          if (m) resolve(m[0]);
        });
        child.on('exit', (c) => reject(new Error(`serve exited ${c}`)));
      });
      const page = await fetch(url);
      expect(await page.text()).toContain('Báo cáo BĐG');
      const u = new URL(url);
      const token = u.searchParams.get('token');
      const no = await fetch(`${u.origin}/api/app.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(no.status).toBe(401);
      const yes = await fetch(`${u.origin}/api/units.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
      expect(await yes.json()).toEqual({ ok: true, data: [] });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
