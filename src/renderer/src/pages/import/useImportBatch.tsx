/**
 * One import batch at a time, as the screen shows it: running, "done / total", a row per file (first from its
 * progress event, then its full result), stopping after the file in hand. Each row keeps the File it came from,
 * so one file can be sent again with the batch's receipt (a BLANKING refusal the officer confirms).
 */
import { App, Input } from 'antd';
import { useRef, useState } from 'react';
import type { Channel } from '../../../../shared/domain/records';
import type { ImportResult } from '../../../../shared/domain/report';
import { formatNumber } from '../../../../shared/text/vi';
import { ApiError, call, errorMessage, useInvalidateAfter } from '../../api/client';
import { fileToPayload } from '../../components/util';
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
}

/** The core refused the receipt date as odd (future, before the data window) and asks for a reason. */
const needsReason = (e: unknown): boolean =>
  e instanceof ApiError && !!e.details && typeof e.details === 'object' && 'needsReason' in e.details;

export function useImportBatch() {
  const { message, modal } = App.useApp();
  const invalidateAfter = useInvalidateAfter();
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [results, setResults] = useState<ResultRow[]>([]);
  const batch = useRef<{ id: string; stopped: boolean } | null>(null);
  /** the last batch's receipt (period, dates, channel) and id: what a file sent again is imported with */
  const last = useRef<(Omit<BatchInput, 'files'> & { batchId: string }) | null>(null);

  /** Imports the files; true when the batch ran to its end (or was stopped), false when a call failed. */
  const start = async (input: BatchInput): Promise<boolean> => {
    const { files } = input;
    const current = { id: crypto.randomUUID(), stopped: false };
    batch.current = current;
    const { periodId, receivedAt, channel, officialDate, receivedReason } = input;
    last.current = {
      periodId,
      receivedAt,
      channel,
      officialDate,
      batchId: current.id,
      ...(receivedReason ? { receivedReason } : {}),
    };
    setRunning(true);
    setDone(0);
    setTotal(files.length);
    setResults([]);
    // one slot per file sent, filled by its progress event and then by its full result
    const slots: Array<ResultRow | undefined> = [];
    const show = () => {
      const rows = slots.filter((r): r is ResultRow => !!r);
      setResults(rows);
      setDone(rows.length);
    };
    const rowOf = (i: number, r: ImportResult, partial?: true): ResultRow => {
      const label = fileLabel(files[i]!);
      return { ...r, key: `${i}-${label}`, file: label, source: files[i]!, ...(partial ? { partial } : {}) };
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
        batch.current = null;
        setRunning(false);
        const reason = await askReason(errorMessage(e));
        return reason ? await start({ ...input, receivedReason: reason }) : false;
      }
      void message.error(errorMessage(e));
      return false;
    } finally {
      batch.current = null;
      setRunning(false);
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
    const current = batch.current;
    if (!current) return;
    current.stopped = true;
    call('imports.cancel', { batchId: current.id }).catch((e: unknown) => void message.error(errorMessage(e)));
  };

  /**
   * Sends one row's file again with the batch's receipt and `allowBlanking` (the officer confirmed that the new
   * revision may leave blank the cells listed in `blanked`); the row is replaced by the new result. Throws when
   * the call fails (the row stays as it was).
   */
  const importAgain = async (key: string): Promise<ImportResult> => {
    const receipt = last.current;
    const row = results.find((r) => r.key === key);
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
      });
      setResults((rows) => rows.map((x) => (x.key === key ? { ...r, key, file: x.file, source } : x)));
      return r;
    } finally {
      void invalidateAfter('imports.file');
    }
  };

  return { running, done, total, results, start, stop, importAgain };
}
