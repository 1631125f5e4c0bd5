/** `bdg import`: the files and folders given, as one batch through the core (`imports.batch`). */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ImportResult } from '../../../shared/domain/report';
import { call, dateArg, intArg, UsageError, type Command, type CommandEnv } from './args';

const IMPORTABLE = new Set(['.xlsx', '.xlsm', '.xls']);

/** imports.batch takes at most this many files a call: a bigger folder goes as several calls of one batch */
const MAX_FILES_A_CALL = 2000;

/** The files named, and the Excel files inside the folders named (sorted, no hidden or Excel lock files). */
function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, explicit: boolean) => {
    if (!existsSync(p)) throw new UsageError(`Không tìm thấy "${p}".`);
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('~$') || name.startsWith('.')) continue;
        walk(join(p, name), false);
      }
    } else if (explicit || IMPORTABLE.has(extname(p).toLowerCase())) out.push(p);
  };
  for (const p of paths) walk(p, true);
  return out;
}

/**
 * Imports `files` as one batch; each result carries the path the user gave. The core announces each answered
 * file (`import.progress`): the next file's progress line goes to stderr as it starts.
 */
async function importFiles(
  { ctx, events, io }: CommandEnv,
  files: string[],
  input: { periodId: number; receivedAt?: string; receivedReason?: string; allowBlanking?: boolean; layoutId?: number },
): Promise<ImportResult[]> {
  const batchId = randomUUID();
  // the core reads and checks every file first (phase 'read'), then writes and answers them (phase 'done'): one
  // line as each file starts to be read ("Đang đọc"), one as each starts to be written ("Đang nhập")
  const line = (verb: string, i: number) => {
    if (i < files.length) io.err(`${verb} ${i + 1}/${files.length}: ${basename(files[i]!)}\n`);
  };
  let offset = 0;
  let size = Math.min(files.length, MAX_FILES_A_CALL);
  const off = events.subscribe((event, payload) => {
    const p = payload as { batchId?: unknown; index?: unknown; phase?: unknown };
    if (event !== 'import.progress' || p.batchId !== batchId || typeof p.index !== 'number') return;
    if (p.phase === 'read') {
      line('Đang đọc', offset + p.index + 1);
      if (p.index === size - 1) line('Đang nhập', offset);
    } else if (p.phase === 'done' && p.index < size - 1) line('Đang nhập', offset + p.index + 1);
  });
  const results: ImportResult[] = [];
  try {
    for (; offset < files.length; offset += MAX_FILES_A_CALL) {
      const paths = files.slice(offset, offset + MAX_FILES_A_CALL);
      size = paths.length;
      line('Đang đọc', offset);
      const r = await call(ctx, 'imports.batch', {
        ...input,
        batchId,
        files: paths.map((f) => ({ name: basename(f), bytes: readFileSync(f) })),
      });
      results.push(...r.results.map((res, i) => ({ ...res, file: paths[i]! })));
    }
  } finally {
    off();
  }
  return results;
}

const HEAD = {
  accepted: 'ĐÃ NHẬN',
  rejected: 'BỊ TỪ CHỐI',
  unchanged: 'KHÔNG ĐỔI',
  unidentified: 'CHƯA RÕ ĐƠN VỊ',
  duplicate: 'TRÙNG ĐƠN VỊ',
} as const;

export const importCommand: Command = async (env) => {
  const { o, sub, rest, print } = env;
  const periodId = intArg(o.period, 'period')!;
  const paths = sub ? [sub, ...rest] : rest;
  if (!paths.length) throw new UsageError('Thiếu tệp hoặc thư mục cần nhập.');
  const files = collectFiles(paths);
  const receivedAt = dateArg(o['received-at'], 'received-at');
  const receivedReason = o['received-reason']?.trim();
  if (o['received-reason'] !== undefined && !receivedReason)
    throw new UsageError('--received-reason cần một lý do (ví dụ: "Đơn vị gửi bản giấy ngày 20/11").');
  const input = {
    periodId,
    ...(receivedAt ? { receivedAt } : {}),
    ...(receivedReason ? { receivedReason } : {}),
    ...(o['allow-blanking'] ? { allowBlanking: true } : {}),
    ...(o.layout !== undefined ? { layoutId: intArg(o.layout, 'layout')! } : {}),
  };
  let results: ImportResult[];
  if (o.unit?.length) {
    // --unit CODE FILE: the officer says whose report the file is (every check but the unit's name applies)
    if (o.unit.length > 1 || files.length !== 1)
      throw new UsageError('--unit cần đúng một mã đơn vị và đúng một tệp (ví dụ: --unit XA-01 bao-cao.xlsx).');
    const file = files[0]!;
    const r = await call(env.ctx, 'imports.file', {
      ...input,
      unitCode: o.unit[0]!,
      file: { name: basename(file), bytes: readFileSync(file) },
    });
    results = [{ ...r, file }];
  } else results = files.length ? await importFiles(env, files, input) : [];
  const count = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
  const lines = results.map((r) =>
    [
      `${HEAD[r.status]}  ${basename(r.file)}${r.unit ? ` (${r.unit})` : ''}`,
      ...r.errors.map((e) => `    - ${e.message}`),
      ...r.warnings.map((w) => `    ! ${w.message}`),
      ...(r.notCounted ?? []).map((w) => `    ~ ${w.message}`),
    ].join('\n'),
  );
  print(
    { results },
    `${lines.join('\n')}\nTổng: ${count('accepted')} đã nhận, ${count('rejected')} bị từ chối, ${count('unchanged')} không thay đổi` +
      `${count('unidentified') ? `, ${count('unidentified')} chưa rõ đơn vị` : ''}` +
      `${count('duplicate') ? `, ${count('duplicate')} trùng đơn vị trong đợt` : ''}.`,
  );
  return 0;
};
