/**
 * Who sent a form, for which template and period: from the hidden _meta sheet the writer adds, or, when a tool
 * dropped it, from the identity lines above the table ("Kỳ báo cáo:", "Mã đơn vị:"…). The generic copy has no
 * unit in _meta: the unit wrote its name and code in the header.
 */
import { cleanText, searchKey } from '../../shared/text/vi';
import { HEADER_LABELS, type MetaKey } from './form-layout';
import { cellText, type Grid, type GridSheet } from './grid';

export interface FormIdentity {
  source: 'meta' | 'header';
  /** the database the form was exported from (its random identity, made at init); null on older forms */
  databaseId: string | null;
  periodKind: string | null;
  /** the unit as _meta names it (null on the generic copy or without _meta) */
  metaUnitCode: string | null;
  metaUnitName: string | null;
  /** what the unit typed above the table ("Mã đơn vị:", "Đơn vị báo cáo:", "Kỳ báo cáo:") */
  visibleUnitCode: string | null;
  visibleUnitName: string | null;
  visiblePeriodLabel: string | null;
  templateCode: string | null;
  templateVersion: number | null;
  periodId: number | null;
  periodLabel: string | null;
  periodYear: number | null;
  unitCode: string | null;
  unitName: string | null;
  province: string | null;
  fingerprint: string | null;
  metaRows: string[] | null;
}

function readMeta(sheet: GridSheet): Map<string, string> {
  const out = new Map<string, string>();
  for (let r = 1; r <= sheet.rowCount; r++) {
    const k = cellText(sheet.get(r, 1));
    if (!k) continue;
    out.set(k.trim(), cleanText(cellText(sheet.get(r, 2)) ?? ''));
  }
  return out;
}

const num = (s: string | undefined | null): number | null => {
  if (s === undefined || s === null || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
const str = (s: string | undefined | null): string | null => (s === undefined || s === null || s === '' ? null : s);

/** The value of a header line whose label cell (text `t`) is at r, c: after the colon, or in a cell to its right. */
function valueBeside(sheet: GridSheet, r: number, c: number, t: string): string | null {
  const colon = t.indexOf(':');
  const inline = colon >= 0 ? cleanText(t.slice(colon + 1)) : '';
  if (inline) return inline;
  for (let c2 = c + 1; c2 <= sheet.colCount; c2++) {
    const m = sheet.mergedFrom(r, c2);
    if (m && m[1] <= c) continue; // still part of the label's merge
    const v = cellText(sheet.get(r, c2));
    if (v && cleanText(v)) return cleanText(v);
  }
  return null;
}

/**
 * "Đơn vị báo cáo: Phường X" or label cell + value cell to its right, for each label (by its search key without a
 * final ':'): the first cell, row by row, whose key starts with the label's gives it. One walk over the header
 * lines for all the labels (each label's answer is the one a walk of its own would give).
 */
function headerValues(sheet: GridSheet, lastRow: number, keys: readonly string[]): Array<string | null> {
  const out: Array<string | null | undefined> = keys.map(() => undefined);
  let left = keys.length;
  for (let r = 1; r <= lastRow && left > 0; r++) {
    for (let c = 1; c <= sheet.colCount && left > 0; c++) {
      if (sheet.mergedFrom(r, c)) continue;
      const t = cellText(sheet.get(r, c));
      if (!t) continue;
      const k = searchKey(t);
      for (let i = 0; i < keys.length; i++) {
        if (out[i] !== undefined || !k.startsWith(keys[i]!)) continue;
        out[i] = valueBeside(sheet, r, c, t);
        left--;
      }
    }
  }
  return out.map((v) => v ?? null);
}

/** the search keys of the header lines' labels (unit code, unit name, period), without a final ':' */
const HEADER_KEYS = [HEADER_LABELS.unitCode, HEADER_LABELS.unitName, HEADER_LABELS.period].map((l) =>
  searchKey(l).replace(/:$/, ''),
);

/** A code as the catalogue spells it: no spaces, upper case. */
export const normCode = (s: string): string => cleanText(s).replace(/\s+/g, '').toUpperCase();

/** Every field unknown: the start of a reading (and a base for tests that build an identity). */
export const NO_IDENTITY: Readonly<Omit<FormIdentity, 'source'>> = {
  databaseId: null,
  periodKind: null,
  metaUnitCode: null,
  metaUnitName: null,
  visibleUnitCode: null,
  visibleUnitName: null,
  visiblePeriodLabel: null,
  templateCode: null,
  templateVersion: null,
  periodId: null,
  periodLabel: null,
  periodYear: null,
  unitCode: null,
  unitName: null,
  province: null,
  fingerprint: null,
  metaRows: null,
};

/** Template, period and unit from _meta; without it the period from the header; the unit from the header if not. */
export function readIdentity(
  grid: Grid,
  metaSheet: GridSheet | null,
  table: { sheet: GridSheet; headerRow: number } | null,
): FormIdentity {
  const meta = metaSheet ? readMeta(metaSheet) : null;
  const useMeta = meta !== null && (meta.has('templateCode') || meta.has('unitCode'));
  const identity: FormIdentity = useMeta ? metaIdentity(meta) : { source: 'header', ...NO_IDENTITY };

  const headerSheet = table?.sheet ?? grid.sheets.find((s) => s.state === 'visible') ?? grid.sheets[0]!;
  const headerLast = table ? table.headerRow - 1 : Math.min(headerSheet.rowCount, 30);
  const [visibleUnitCode, visibleUnitName, visiblePeriodLabel] = headerValues(headerSheet, headerLast, HEADER_KEYS);
  identity.visibleUnitCode = visibleUnitCode ? normCode(visibleUnitCode) : null;
  identity.visibleUnitName = visibleUnitName ?? null;
  identity.visiblePeriodLabel = visiblePeriodLabel ?? null;
  if (identity.source === 'header') {
    identity.periodLabel = identity.visiblePeriodLabel;
    const y = identity.periodLabel ? /\b(20\d{2})\b/.exec(identity.periodLabel) : null;
    identity.periodYear = y ? Number(y[1]) : null;
  }
  // the generic copy has no unit in _meta: the unit wrote it in the header
  identity.unitCode ??= visibleUnitCode ? normCode(visibleUnitCode) : null;
  identity.unitName ??= visibleUnitName ?? null;
  return identity;
}

function metaIdentity(meta: Map<string, string>): FormIdentity {
  const text = (k: MetaKey): string | null => str(meta.get(k));
  const number = (k: MetaKey): number | null => num(meta.get(k));
  // present but empty: a form with no rows to fill (a unit kind that reports none of the template's rows)
  const rows = meta.get('rows');
  return {
    ...NO_IDENTITY,
    source: 'meta',
    databaseId: text('databaseId'),
    periodKind: text('periodKind'),
    metaUnitCode: text('unitCode'),
    metaUnitName: text('unitName'),
    templateCode: text('templateCode'),
    templateVersion: number('templateVersion'),
    periodId: number('periodId'),
    periodLabel: text('periodLabel'),
    periodYear: number('periodYear'),
    unitCode: text('unitCode'),
    unitName: text('unitName'),
    province: text('province'),
    fingerprint: text('fingerprint'),
    metaRows:
      rows !== undefined
        ? rows
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : null,
  };
}
