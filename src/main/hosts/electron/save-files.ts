/**
 * "Lưu vào thư mục" of the desktop app: the files the officer asked for, written into the folder she chose. A file
 * that cannot be written (open in Excel, no permission, a full disk) is answered in Vietnamese, naming it and
 * saying which files were written before it, instead of Electron's "Error invoking remote method … EBUSY".
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSystemMessage } from '../fs-message';

export type SaveFilesAnswer =
  | { ok: true; data: { folder: string; written: string[] } }
  | { ok: false; error: { code: string; message: string; details?: { written: string[] } } };

/** A name Windows can hold: its reserved characters replaced by '_'. */
export const safeFileName = (name: string): string => name.replace(/[\\/:*?"<>|]/g, '_');

export async function writeFilesToFolder(
  folder: string,
  files: Array<{ name: string; bytes: Uint8Array }>,
): Promise<SaveFilesAnswer> {
  const written: string[] = [];
  for (const f of files) {
    const name = safeFileName(f.name);
    try {
      await writeFile(join(folder, name), f.bytes);
    } catch (e) {
      const why = fileSystemMessage(e) ?? (e instanceof Error ? e.message : String(e));
      const before = written.length
        ? ` Đã ghi ${written.length}/${files.length} tệp trước tệp này; các tệp sau chưa được ghi.`
        : '';
      return {
        ok: false,
        error: {
          code: 'file_write',
          message: `Không ghi được tệp "${name}": ${why}${before}`,
          details: { written },
        },
      };
    }
    written.push(name);
  }
  return { ok: true, data: { folder, written } };
}
