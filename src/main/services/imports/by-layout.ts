/**
 * Importing a file by a saved layout (issue 17): the file is read with the layout (excel/layout/read.ts) into the
 * same parsed form the app's own reader gives, then goes through the same checks, transaction and inbox
 * (file.ts). Who sent it comes from the layout's unit source matched against the register like the intake's
 * identity check (a header cell or the sheet's name through resolveUnit; the file's name through unitInFileName);
 * when unsure the file is "unidentified" and the officer is asked. The period is the import's choice: a title
 * naming another year is refused by identify(). Read like a form: the usual .xlsx by the fast reader in this
 * thread, anything else in the parse worker with its time and memory limits (parse-pool.ts).
 */
import type { ImportFileInput } from '../../../shared/contract/imports';
import type { StoredLayout } from '../../../shared/contract/layouts';
import type { FormCatalog } from '../../excel/form-reader';
import type { LayoutReading } from '../../excel/layout/read';
import { parseByLayout, type ReadVia } from '../../excel/parse-pool';
import type { Db } from '../../db/open';
import { getLayout } from '../layouts';
import type { Msg } from './result';
import { resolveUnit, unitInFileName, type Register, type UnitResolution } from './unit-identity';

export interface LayoutImport extends LayoutReading {
  layout: StoredLayout;
}

/** The layout of an import (not_found when it is gone), before any file is read. */
export function layoutOf(db: Db, input: Pick<ImportFileInput, 'layoutId'>): StoredLayout | null {
  return input.layoutId === undefined ? null : getLayout(db, input.layoutId);
}

export async function readWithLayout(
  layout: StoredLayout,
  bytes: Uint8Array,
  fileName: string,
  catalog: FormCatalog,
  via: ReadVia = 'auto',
): Promise<LayoutImport> {
  return { ...(await parseByLayout(bytes, fileName, layout.definition, layout.name, catalog, via)), layout };
}

/** Who sent a file read by a layout: its unit source, matched against the register; unsure → unidentified. */
export function resolveLayoutUnit(read: LayoutImport, fileName: string, reg: Register): UnitResolution {
  const source = read.layout.definition.unit.source;
  // a typed name (header cell, sheet name): the intake's check, the file name cross-checked
  if (read.unitText) return resolveUnit(read.parsed.identity, fileName, reg);
  const fromFile = unitInFileName(reg, fileName);
  if (fromFile) return { kind: 'unit', unit: fromFile, warnings: [] };
  const where =
    source === 'cell'
      ? `ô ${read.layout.definition.unit.cell ?? ''} ("Đơn vị báo cáo") của tệp để trống, tên tệp cũng không ghi đơn vị nào trong danh sách`
      : 'tên tệp không ghi đơn vị nào trong danh sách (theo mẫu biểu, tên đơn vị chỉ có ở tên tệp)';
  return {
    kind: 'unidentified',
    hint: null,
    errors: [
      {
        code: 'UNKNOWN_UNIT',
        message: `Không xác định được đơn vị gửi báo cáo: ${where}. Hãy chọn đơn vị cho tệp này.`,
      },
    ],
  };
}

/** A file whose title names no period: taken as the period chosen for the import, with a word. */
export function layoutPeriodWarnings(read: LayoutImport, period: { label: string }): Msg[] {
  if (read.period) return [];
  return [
    {
      code: 'NO_PERIOD_LINE',
      message: `Tệp không ghi kỳ báo cáo ở tiêu đề; đã coi là báo cáo kỳ "${period.label}" như khi chọn nhập. Hãy kiểm tra lại với đơn vị.`,
    },
  ];
}
