/** Collects files from a drop, walking dropped folders (webkitGetAsEntry). */

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.isFile) {
    out.push(await entryFile(entry as FileSystemFileEntry));
  } else if (entry.isDirectory) {
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    for (const c of children) await walk(c, out);
  }
}

export async function filesFromDrop(dt: DataTransfer): Promise<File[]> {
  const items = Array.from(dt.items ?? []);
  const entries = items
    .filter((i) => i.kind === 'file')
    .map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  if (entries.length && entries.every((e) => e !== null)) {
    const out: File[] = [];
    for (const e of entries) await walk(e!, out);
    return out;
  }
  return Array.from(dt.files ?? []);
}

/** Excel files worth sending; Office lock files (~$…) and other files are skipped. */
export function isWorkbook(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return /\.(xlsx|xlsm|xls)$/i.test(base) && !base.startsWith('~$');
}
