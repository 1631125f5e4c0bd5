/** What an import answers per file: the messages and the result shapes (rejected, unchanged, accepted). */
import type { Finding } from '../../../shared/domain/records';
import type { ImportResult } from '../../../shared/domain/report';

export type Msg = { code: string; message: string };

export const toMsg = (f: Finding): Msg => ({ code: f.code, message: f.message });

/** Sorts findings into the errors (they reject the file) and the warnings (recorded and shown). */
export function sortFindings(findings: Iterable<Finding>, errors: Msg[], warnings: Msg[]): void {
  for (const f of findings) (f.severity === 'error' ? errors : warnings).push(toMsg(f));
}

/** The same message once, in the order first seen. */
export function dedupe(list: Msg[]): Msg[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const k = `${m.code}|${m.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function reject(
  file: string,
  errors: Msg[],
  warnings: Msg[] = [],
  unit: { code: string; name: string } | null = null,
): ImportResult {
  return {
    file,
    status: 'rejected',
    unit: unit?.code ?? null,
    unitName: unit?.name ?? null,
    revision: null,
    submissionId: null,
    errors,
    warnings,
  };
}

/** A file answered with a revision: accepted as a new one, or unchanged (the same bytes as one already in). */
export function answered(
  file: string,
  status: 'accepted' | 'unchanged',
  unit: { code: string; name: string },
  revision: { revision: number; id: number },
  warnings: Msg[],
): ImportResult {
  return {
    file,
    status,
    unit: unit.code,
    unitName: unit.name,
    revision: revision.revision,
    submissionId: revision.id,
    errors: [],
    warnings,
  };
}

/** The same bytes as a revision already in: nothing written; a warning when a newer revision has come since. */
export function unchanged(
  file: string,
  unit: { code: string; name: string },
  same: { revision: number; id: number },
  latest: { revision: number; id: number },
): ImportResult {
  const warnings =
    same.id === latest.id
      ? []
      : [
          {
            code: 'OLD_REVISION',
            message: `Tệp này trùng với lần gửi thứ ${same.revision}, đã có bản mới hơn (lần ${latest.revision}); không thay đổi gì.`,
          },
        ];
  return answered(file, 'unchanged', unit, same, warnings);
}
