/**
 * What differs by door (Electron or a plain browser): saving files, PDF printing, the template export. The only
 * renderer module that looks at `window.api.host`; screens call these functions and never check the door.
 * Errors raised here carry the host's Vietnamese message (see hostErrorMessage).
 */
import { call, errorMessage } from './client';

/** a file to save: its name and bytes */
export type OutFile = { name: string; bytes: Uint8Array };

const host = () => window.api.host;
const isElectron = () => host().kind === 'electron';

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  zip: 'application/zip',
  pdf: 'application/pdf',
  html: 'text/html;charset=utf-8',
};

export function mimeFor(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/** Saves bytes through a temporary Blob URL (works in the browser and in Electron's download flow). */
export function downloadBytes(name: string, bytes: Uint8Array | string, mime = mimeFor(name)): void {
  const part: BlobPart = typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Electron only: asks for a folder natively and writes the files there; null when cancelled. */
async function saveToFolder(files: OutFile[]): Promise<string | null> {
  const r = await host().saveFilesToFolder!(files);
  if (!r.ok) throw new Error(r.error.message);
  return r.data ? r.data.folder : null;
}

const canSaveToFolder = () => isElectron() && !!host().saveFilesToFolder;

/**
 * Saves files the way the door allows: Electron asks for a folder natively, a browser downloads them.
 * Returns the folder chosen in Electron (null when cancelled or in a browser).
 */
export async function saveFiles(files: OutFile[]): Promise<string | null> {
  if (canSaveToFolder()) return saveToFolder(files);
  for (const f of files) downloadBytes(f.name, f.bytes);
  return null;
}

/** Saves an HTML document (the print view, the reminder) as `<title>.html`. */
export async function saveHtml(doc: { title: string; html: string }): Promise<void> {
  if (isElectron()) {
    await saveFiles([{ name: `${doc.title}.html`, bytes: new TextEncoder().encode(doc.html) }]);
  } else {
    downloadBytes(`${doc.title}.html`, doc.html, 'text/html;charset=utf-8');
  }
}

/** Whether this door can turn HTML into a PDF (Electron's printToPDF). */
export function canPrintToPdf(): boolean {
  return isElectron() && !!host().printToPdf;
}

/** Prints HTML to PDF and saves it as `<title>.pdf`; returns the folder chosen (null when cancelled). */
export async function savePdf(doc: { title: string; html: string }): Promise<string | null> {
  const r = await host().printToPdf!(doc.html);
  if (!r.ok) throw new Error(r.error.message);
  return saveFiles([{ name: `${doc.title}.pdf`, bytes: r.data.bytes }]);
}

/** Opens the print dialog for a document shown in a frame (both doors print through the page). */
export function printFrame(frame: HTMLIFrameElement | null): void {
  frame?.contentWindow?.focus();
  frame?.contentWindow?.print();
}

/** The template export button: a folder in Electron, a .zip download in a browser. */
export function templateExportLabel(): string {
  return isElectron() ? 'Xuất mẫu biểu vào thư mục…' : 'Tải mẫu biểu (.zip)';
}

export type TemplateExportResult =
  | { saved: 'folder'; folder: string; files: number }
  | { saved: 'zip' }
  /** the officer cancelled the folder dialog */
  | null;

/** Exports a period's templates (all expected units, or the given ones) the way the door allows. */
export async function exportTemplates(periodId: number, unitCodes: string[]): Promise<TemplateExportResult> {
  const codes = unitCodes.length ? { unitCodes } : {};
  if (canSaveToFolder()) {
    const r = await call('templates.export', { periodId, ...codes });
    const folder = await saveToFolder(r.files.map((f) => ({ name: f.name, bytes: f.bytes })));
    return folder ? { saved: 'folder', folder, files: r.files.length } : null;
  }
  const r = await call('templates.export', { periodId, zip: true, ...codes });
  for (const f of r.files) downloadBytes(f.name, f.bytes);
  return { saved: 'zip' };
}

/** An error's message for the officer: the host's own Errors carry Vietnamese text; others go through errorMessage. */
export function hostErrorMessage(e: unknown): string {
  return e instanceof Error && e.name !== 'ApiError' && e.message ? e.message : errorMessage(e);
}
