/**
 * One import batch at a time, as the screen shows it: running, "done / total", a row per file (first from its
 * progress event, then its full result), stopping after the file in hand.
 */
import { App } from 'antd';
import { useRef, useState } from 'react';
import type { Channel } from '../../../../shared/domain/records';
import type { ImportResult } from '../../../../shared/domain/report';
import { formatNumber } from '../../../../shared/text/vi';
import { call, errorMessage, useInvalidateAfter } from '../../api/client';
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
}

export function useImportBatch() {
  const { message } = App.useApp();
  const invalidateAfter = useInvalidateAfter();
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [results, setResults] = useState<ResultRow[]>([]);
  const batch = useRef<{ id: string; stopped: boolean } | null>(null);

  /** Imports the files; true when the batch ran to its end (or was stopped), false when a call failed. */
  const start = async (input: BatchInput): Promise<boolean> => {
    const { files } = input;
    const current = { id: crypto.randomUUID(), stopped: false };
    batch.current = current;
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
      return { ...r, key: `${i}-${label}`, file: label, ...(partial ? { partial } : {}) };
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
      void message.error(errorMessage(e));
      return false;
    } finally {
      batch.current = null;
      setRunning(false);
      void invalidateAfter('imports.batch');
    }
  };

  /** "Dừng sau tệp này": the core stops after the file in hand; no further call is sent. */
  const stop = () => {
    const current = batch.current;
    if (!current) return;
    current.stopped = true;
    call('imports.cancel', { batchId: current.id }).catch((e: unknown) => void message.error(errorMessage(e)));
  };

  return { running, done, total, results, start, stop };
}
