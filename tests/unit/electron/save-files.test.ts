/** The desktop app's "save to folder": the files written, or a Vietnamese answer naming the one that was not. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesToFolder } from '../../../src/main/hosts/electron/save-files';
import { tmpDir } from '../../helpers/tmp';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('writeFilesToFolder', () => {
  it('writes every file, a name Windows cannot hold made safe', async () => {
    const dir = tmpDir();
    const r = await writeFilesToFolder(dir, [file('a.xlsx', 'A'), file('Báo cáo: 6/2026?.xlsx', 'B')]);
    expect(r).toEqual({ ok: true, data: { folder: dir, written: ['a.xlsx', 'Báo cáo_ 6_2026_.xlsx'] } });
    expect(readFileSync(join(dir, 'Báo cáo_ 6_2026_.xlsx'), 'utf8')).toBe('B');
  });

  it('answers a file it cannot write in Vietnamese, with what was written before it', async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, 'b.xlsx')); // a folder where the file should go: the write fails (EISDIR)
    const r = await writeFilesToFolder(dir, [file('a.xlsx', 'A'), file('b.xlsx', 'B'), file('c.xlsx', 'C')]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('file_write');
    expect(r.error.message).toBe(
      `Không ghi được tệp "b.xlsx": "${join(dir, 'b.xlsx')}" là một thư mục. Hãy ghi rõ tên tệp (ví dụ bao-cao.xlsx ` +
        'trong thư mục đó). Đã ghi 1/3 tệp trước tệp này; các tệp sau chưa được ghi.',
    );
    expect(r.error.details).toEqual({ written: ['a.xlsx'] });
    expect(existsSync(join(dir, 'c.xlsx'))).toBe(false);
  });

  it('a folder that is gone: nothing written, said so', async () => {
    const gone = join(tmpDir(), 'khong-con');
    const r = await writeFilesToFolder(gone, [file('a.xlsx', 'A')]);
    expect(r).toMatchObject({ ok: false, error: { code: 'file_write' } });
    if (!r.ok) {
      expect(r.error.message).toContain('Không tìm thấy');
      expect(r.error.message).not.toMatch(/ENOENT|Error/);
    }
  });
});
