/**
 * Sending the chosen files to the core as one import batch (`imports.batch`), following its progress events.
 * The web host takes at most 64 MB a request and bytes travel as base64 (4/3 larger), so files are sent in
 * consecutive calls of at most 48 MB each, under the same batchId; their results are joined in order.
 */
import type { Channel } from '../../../../shared/domain/records';
import type { ImportResult, ImportStatus } from '../../../../shared/domain/report';
import { call } from '../../api/client';
import { fileToPayload } from '../../components/util';

export const BATCH_BYTES = 48_000_000;
/** the contract's most files in one call */
export const BATCH_FILES = 2000;

/** Consecutive groups of at most `limit` bytes (a larger file travels alone) and `most` files each. */
export function bySize<T extends { size: number }>(files: T[], limit = BATCH_BYTES, most = BATCH_FILES): T[][] {
  const out: T[][] = [];
  let group: T[] = [];
  let size = 0;
  for (const f of files) {
    if (group.length && (size + f.size > limit || group.length >= most)) {
      out.push(group);
      group = [];
      size = 0;
    }
    group.push(f);
    size += f.size;
  }
  if (group.length) out.push(group);
  return out;
}

/** What `import.progress` carries for a file of a batch. */
interface ProgressEvent {
  batchId: string;
  index: number;
  total: number;
  file: string;
  status: ImportStatus;
  unit: string | null;
  phase?: 'read' | 'done';
}

const isProgress = (p: unknown): p is ProgressEvent =>
  !!p && typeof p === 'object' && 'batchId' in p && 'index' in p && typeof (p as ProgressEvent).index === 'number';

export interface BatchOptions {
  periodId: number;
  files: File[];
  batchId: string;
  receivedAt: string;
  channel: Channel;
  officialDate: string | null;
  /** why an odd receipt date (in the future, before the period's data) is right; asked only when the core refuses */
  receivedReason?: string;
  /** read the files with this saved layout (a form the app did not generate), not as the app's own form */
  layoutId?: number | null;
  /** a file answered (from an event: only its status and unit), by its place in `files` */
  onProgress: (index: number, p: Pick<ImportResult, 'status' | 'unit'>) => void;
  /** the files of one call answered in full, from `from` on */
  onResults: (from: number, results: ImportResult[]) => void;
  /** true once the officer asked to stop: no further call is sent */
  stopped: () => boolean;
}

/** Runs the batch; resolves with whether it stopped early. A call that fails rejects (files after it unsent). */
export async function runBatch(o: BatchOptions): Promise<{ cancelled: boolean }> {
  const groups = bySize(o.files);
  let offset = 0;
  let group: File[] = [];
  const off = window.api.on('import.progress', (p) => {
    // 'read' events only say a file has been read; the answer comes with 'done'
    if (!isProgress(p) || p.batchId !== o.batchId || p.total !== group.length || p.phase === 'read') return;
    if (group[p.index]?.name !== p.file) return;
    o.onProgress(offset + p.index, { status: p.status, unit: p.unit });
  });
  try {
    for (const g of groups) {
      group = g;
      const files = await Promise.all(g.map(fileToPayload));
      const r = await call('imports.batch', {
        periodId: o.periodId,
        files,
        receivedAt: o.receivedAt,
        channel: o.channel,
        batchId: o.batchId,
        ...(o.officialDate ? { officialDate: o.officialDate } : {}),
        ...(o.receivedReason ? { receivedReason: o.receivedReason } : {}),
        ...(o.layoutId ? { layoutId: o.layoutId } : {}),
      });
      o.onResults(offset, r.results);
      offset += g.length;
      group = [];
      if (r.cancelled || o.stopped()) return { cancelled: true };
    }
    return { cancelled: false };
  } finally {
    off();
  }
}
