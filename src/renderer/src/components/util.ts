/** Small browser helpers: files in. (Files out depend on the door: api/host.ts.) */
import type { FilePayload } from '../../../shared/contract';

export async function fileToPayload(file: File): Promise<FilePayload> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
