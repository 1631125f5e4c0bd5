/** Generates the period's Excel forms: one per expected unit plus a generic copy. */
import JSZip from 'jszip';
import type { PeriodKind, UnitKind } from '../../shared/domain/catalog';
import { AppError } from '../../shared/result';
import { normalizeUnitCode } from '../../shared/text/unit-code';
import { slugify } from '../../shared/text/vi';
import type { Db } from '../db/open';
import { buildTemplateWorkbook } from '../excel/template-writer';
import { getCatalog, getTemplateRow } from './catalog';
import { expectedUnits, getPeriodRow } from './periods';
import { databaseId, getSettings } from './settings';
import { APP_VERSION } from '../version';

export interface ExportedFile {
  unit: string | null;
  name: string;
  bytes: Uint8Array;
}

export function templateFileName(tplCode: string, periodLabel: string, unitCode: string | null): string {
  return `${tplCode}_${slugify(periodLabel)}_${unitCode ? unitCode.replace(/[^\p{L}\p{N}_.-]+/gu, '-') : 'mau-chung'}.xlsx`;
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
    });
    out.push({ unit: u.code, name: templateFileName(tpl.code, period.label, u.code), bytes });
  }
  return out;
}

export async function zipFiles(files: ExportedFile[], zipName: string): Promise<ExportedFile> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.name, f.bytes);
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return { unit: null, name: zipName, bytes };
}
