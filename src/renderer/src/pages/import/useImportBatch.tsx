/**
 * One import batch at a time, as the screen shows it: running, "done / total", a row per file (first from its
 * progress event, then its full result), stopping after the file in hand. Each row keeps the File it came from,
 * so one file can be sent again with the batch's receipt (a BLANKING refusal the officer confirms).
 * The batches live in the session store (state/importSession.ts): leaving the screen keeps them.
 */
import { App, Input } from 'antd';
import type { Channel } from '../../../../shared/domain/records';
import type { ImportResult } from '../../../../shared/domain/report';
import { formatNumber } from '../../../../shared/text/vi';
import { ApiError, call, errorMessage, useInvalidateAfter } from '../../api/client';
import { fileToPayload } from '../../components/util';
import { addBatch, removeBatch, sessionBatches, updateBatch } from '../../state/importSession';
import { runBatch } from './batch';
import type { ResultRow } from './ImportResults';

/** how the screen names a file: its path inside a chosen folder, else its name */
export const fileLabel = (f: File) => f.webkitRelativePath || f.name;

export interface BatchInput {
  periodId: number;
  files: File[];
  receivedAt: string;
  channel: Channel;
  officialDate: string | null;
  receivedReason?: string;
  /** the saved layout the files are read with (null: the app's own form) */
  layoutId?: number | null;
}

/** drops a batch that never got an answer (refused as a whole before any file) */
function forget(id: string) {
  receipts.delete(id);
  removeBatch(id);
}

/** The core refused the receipt date as odd (future, before the data window) and asks for a reason. */
const needsReason = (e: unknown): boolean =>
  e instanceof ApiError && !!e.details && typeof e.details === 'object' && 'needsReason' in e.details;

/** the batch in flight (one at a time, whichever screen is shown) */
const inFlight: { current: { id: string; stopped: boolean } | null } = { current: null };
/** each batch's receipt (period, dates, channel) and id: what a file sent again is imported with */
const receipts = new Map<string, Omit<BatchInput, 'files'> & { batchId: string }>();

export function useImportBatch() {
  const { message, modal } = App.useApp();
  const invalidateAfter = useInvalidateAfter();

  /** Imports the files; true when the batch ran to its end (or was stopped), false when a call failed. */
  const start = async (input: BatchInput): Promise<boolean> => {
    const { files } = input;
    const current = { id: crypto.randomUUID(), stopped: false };
    inFlight.current = current;
    const { periodId, receivedAt, channel, officialDate, receivedReason, layoutId } = input;
    receipts.set(current.id, {
      periodId,
      receivedAt,
      channel,
      officialDate,
      batchId: current.id,
      ...(receivedReason ? { receivedReason } : {}),
      ...(layoutId ? { layoutId } : {}),
    });
    addBatch({
      id: current.id,
      periodId,
      startedAt: new Date().toISOString(),
      total: files.length,
      done: 0,
      running: true,
      rows: [],
    });
    // one slot per file sent, filled by its progress event and then by its full result
    const slots: Array<ResultRow | undefined> = [];
    const show = () => {
      const rows = slots.filter((r): r is ResultRow => !!r);
      updateBatch(current.id, { rows, done: rows.length });
    };
    const rowOf = (i: number, r: ImportResult, partial?: true): ResultRow => {
      const label = fileLabel(files[i]!);
      return {
        ...r,
        key: `${current.id}-${i}-${label}`,
        file: label,
        source: files[i]!,
        ...(partial ? { partial } : {}),
      };
    };
    try {
      await runBatch({
        ...input,
        batchId: current.id,
        stopped: () => current.stopped,
        onProgress: (i, p) => {
          if (slots[i] && !slots[i].partial) return;
          const known = {
            ...p,
            file: '',
            unitName: null,
            revision: null,
            submissionId: null,
            errors: [],
            warnings: [],
          };
          slots[i] = rowOf(i, known, true);
          show();
        },
        onResults: (from, rs) => {
          rs.forEach((r, j) => (slots[from + j] = rowOf(from + j, r)));
          show();
        },
      });
      const accepted = slots.filter((r) => r && !r.partial && r.status === 'accepted').length;
      void message.info(`Đã xử lý ${formatNumber(files.length)} tệp: ${formatNumber(accepted)} tệp được nhận.`);
      return true;
    } catch (e) {
      if (needsReason(e) && !input.receivedReason) {
        inFlight.current = null;
        // the core refused the whole call before any file: this batch showed nothing, it is sent again with the reason
        updateBatch(current.id, { running: false });
        if (!slots.some(Boolean)) forget(current.id);
        const reason = await askReason(errorMessage(e));
        return reason ? await start({ ...input, receivedReason: reason }) : false;
      }
      void message.error(errorMessage(e));
      return false;
    } finally {
      if (inFlight.current === current) inFlight.current = null;
      updateBatch(current.id, { running: false });
      void invalidateAfter('imports.batch');
    }
  };

  /** Asks why an odd receipt date is right; null when she cancels (nothing is imported). */
  const askReason = (why: string): Promise<string | null> =>
    new Promise((resolve) => {
      let text = '';
      modal.confirm({
        title: 'Ngày nhận khác thường',
        content: (
          <div>
            <p>{why}</p>
            <label htmlFor="received-reason">Lý do (ghi vào nhật ký thay đổi)</label>
            <Input.TextArea id="received-reason" rows={2} maxLength={500} onChange={(ev) => (text = ev.target.value)} />
          </div>
        ),
        okText: 'Nhập với lý do này',
        cancelText: 'Hủy',
        onOk: () => {
          if (!text.trim()) {
            void message.warning('Hãy ghi lý do, hoặc bấm Hủy để sửa ngày.');
            return Promise.reject(new Error('no reason'));
          }
          resolve(text.trim());
          return undefined;
        },
        onCancel: () => resolve(null),
      });
    });

  /** "Dừng sau tệp này": the core stops after the file in hand; no further call is sent. */
  const stop = () => {
    const current = inFlight.current;
    if (!current) return;
    current.stopped = true;
    call('imports.cancel', { batchId: current.id }).catch((e: unknown) => void message.error(errorMessage(e)));
  };

  /**
   * Sends one row's file again with the batch's receipt and `allowBlanking` (the officer confirmed that the new
   * revision may leave blank the cells listed in `blanked`); the row is replaced by the new result. Throws when
   * the call fails (the row stays as it was).
   */
  const importAgain = async (batchId: string, key: string): Promise<ImportResult> => {
    const receipt = receipts.get(batchId);
    const row = sessionBatches()
      .find((b) => b.id === batchId)
      ?.rows.find((r) => r.key === key);
    if (!receipt || !row?.source)
      throw new ApiError('not_found', 'Không còn tệp gốc để nhập lại; hãy chọn lại tệp rồi nhập.');
    const { source } = row;
    try {
      const r = await call('imports.file', {
        periodId: receipt.periodId,
        file: await fileToPayload(source),
        receivedAt: receipt.receivedAt,
        channel: receipt.channel,
        batchId: receipt.batchId,
        allowBlanking: true,
        ...(receipt.officialDate ? { officialDate: receipt.officialDate } : {}),
        ...(receipt.receivedReason ? { receivedReason: receipt.receivedReason } : {}),
        ...(receipt.layoutId ? { layoutId: receipt.layoutId } : {}),
      });
      updateBatch(batchId, (b) => ({
        rows: b.rows.map((x) => (x.key === key ? { ...r, key, file: x.file, source } : x)),
      }));
      return r;
    } finally {
      void invalidateAfter('imports.file');
    }
  };

  return { start, stop, importAgain };
}
