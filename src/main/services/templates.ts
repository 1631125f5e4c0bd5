/** Generates the period's Excel forms: one per expected unit plus a generic copy. */
import JSZip from 'jszip';
import type { PeriodKind, UnitKind } from '../../shared/domain/catalog';
import { AppError } from '../../shared/result';
import { normalizeUnitCode } from '../../shared/text/unit-code';
import type { Db } from '../db/open';
import { buildTemplateWorkbook } from '../excel/template-writer';
import { getCatalog, getTemplateRow } from './catalog';
import { expectedUnits, getPeriodRow } from './periods';
import { templateTasks } from './plan';
import { databaseId, getSettings } from './settings';
import { APP_VERSION } from '../version';

export interface ExportedFile {
  unit: string | null;
  name: string;
  bytes: Uint8Array;
}

/** ASCII letters and digits of a Vietnamese text, case kept, words joined by "-" ("Sở Y tế" → "So-Y-te"). */
export function asciiWords(s: string, max = 48): string {
  const words = s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > max) break;
    out = next;
  }
  return out || (words[0] ?? '').slice(0, max);
}

/**
 * The file a unit receives: template, period, the unit's name in ASCII and its code, e.g.
 * "BC-BDG-Nam-2026_So-Y-te_S04.xlsx" (the member units' template BC-BDG-DV is written BC-BDG). Only ASCII letters,
 * digits, "-", "_" and "." (safe on Windows and in e-mail attachments); unique because the code is.
 */
export function templateFileName(
  tplCode: string,
  periodLabel: string,
  unit: { code: string; name: string } | string | null,
): string {
  const prefix = asciiWords(tplCode.replace(/-DV$/i, ''), 40);
  const period = asciiWords(periodLabel.charAt(0).toUpperCase() + periodLabel.slice(1), 40);
  if (unit === null) return `${prefix}-${period}_mau-chung.xlsx`;
  const u = typeof unit === 'string' ? { code: unit, name: '' } : unit;
  const code = u.code.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'DV';
  const name = asciiWords(u.name);
  return `${prefix}-${period}_${name ? `${name}_` : ''}${code}.xlsx`;
}

export async function exportTemplates(db: Db, periodId: number, unitCodes?: string[]): Promise<ExportedFile[]> {
  const period = getPeriodRow(db, periodId);
  const tpl = getTemplateRow(db, period.templateId);
  const catalog = getCatalog(db);
  const settings = getSettings(db);
  let units = expectedUnits(db, periodId);
  if (unitCodes && unitCodes.length) {
    const want = new Set(unitCodes.map(normalizeUnitCode));
    const unknown = unitCodes.filter((c) => !units.some((u) => normalizeUnitCode(u.code) === normalizeUnitCode(c)));
    if (unknown.length) {
      throw new AppError(
        'not_found',
        `Không có đơn vị ${unknown.join(', ')} trong danh sách phải báo cáo của kỳ "${period.label}".`,
      );
    }
    units = units.filter((u) => want.has(normalizeUnitCode(u.code)));
  }
  const base = {
    catalog: { sections: catalog.sections, cellLabels: catalog.cellLabels, dataElements: catalog.dataElements },
    template: { code: tpl.code, version: tpl.version, name: tpl.name, rows: tpl.rows },
    period: {
      id: period.id,
      year: period.year,
      kind: period.kind as PeriodKind,
      label: period.label,
      dataFrom: period.dataFrom,
      dataTo: period.dataTo,
      deadline: period.deadline,
    },
    province: settings.province,
    placeName: settings.placeName,
    agencyParent: settings.agencyParent,
    agencyName: settings.agencyName,
    appVersion: APP_VERSION,
    databaseId: databaseId(db) ?? undefined,
  };
  const out: ExportedFile[] = [];
  if (!unitCodes || unitCodes.length === 0) {
    out.push({
      unit: null,
      name: templateFileName(tpl.code, period.label, null),
      bytes: await buildTemplateWorkbook({ ...base, unit: null }),
    });
  }
  for (const u of units) {
    const bytes = await buildTemplateWorkbook({
      ...base,
      unit: { code: u.code, name: u.name, kind: u.kind as UnitKind },
      tasks: templateTasks(db, period.year, u.id),
    });
    out.push({ unit: u.code, name: templateFileName(tpl.code, period.label, u), bytes });
  }
  return out;
}

export async function zipFiles(files: ExportedFile[], zipName: string): Promise<ExportedFile> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.name, f.bytes);
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return { unit: null, name: zipName, bytes };
}
