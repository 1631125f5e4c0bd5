/** Small browser helpers: files in, files out. */
import type { FilePayload } from '../../../shared/contract';

export async function fileToPayload(file: File): Promise<FilePayload> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

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

/** Today as YYYY-MM-DD in local time. */
export function todayIso(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Whole days from today to an ISO date (negative when past). */

/**
 * Saves files the way the door allows: Electron asks for a folder natively (host.saveFilesToFolder), a browser
 * downloads them. Returns the folder chosen in Electron (null when cancelled or in a browser).
 */
export async function saveFiles(files: Array<{ name: string; bytes: Uint8Array }>): Promise<string | null> {
  const host = window.api.host;
  if (host.kind === 'electron' && host.saveFilesToFolder) {
    const r = await host.saveFilesToFolder(files);
    if (!r.ok) throw new Error(r.error.message);
    return r.data ? r.data.folder : null;
  }
  for (const f of files) downloadBytes(f.name, f.bytes);
  return null;
}

/** An error's message for the officer: our own Errors carry Vietnamese text from the host. */
export function hostErrorMessage(e: unknown, fallback: (e: unknown) => string): string {
  return e instanceof Error && e.name !== 'ApiError' && e.message ? e.message : fallback(e);
}
