/** The register out of the app: to Excel, to print, and the sample list (documents/unit-list.ts lays them out). */
import {
  sampleUnitListWorkbook,
  unitListHtml,
  unitListWorkbook,
  type UnitListEntry,
  type UnitListHeader,
} from '../documents/unit-list';
import type { Db } from '../db/open';
import { getSettings } from './settings';
import { listUnits } from './units';

function entries(db: Db, today: string): UnitListEntry[] {
  const units = listUnits(db, { today });
  const byId = new Map(units.map((u) => [u.id, u]));
  return units.map((u) => ({
    code: u.code,
    name: u.name,
    kind: u.kind,
    group: u.group,
    contact: u.contact,
    position: u.position ?? null,
    phone: u.phone,
    email: u.email,
    address: u.address ?? null,
    note: u.note,
    validFrom: u.validFrom,
    validTo: u.validTo,
    active: u.active,
    successors: u.successorIds.map((id) => byId.get(id)?.name ?? '').filter(Boolean),
  }));
}

function header(db: Db, today: string): UnitListHeader {
  const s = getSettings(db);
  return { agencyParent: s.agencyParent, agencyName: s.agencyName, placeName: s.placeName, today };
}

export async function unitListXlsx(db: Db, today: string): Promise<{ name: string; bytes: Uint8Array }> {
  const bytes = await unitListWorkbook(entries(db, today), header(db, today));
  return { name: `danh-sach-don-vi-${today}.xlsx`, bytes };
}

export function unitListPrint(db: Db, today: string): { title: string; html: string } {
  return unitListHtml(entries(db, today), header(db, today));
}

export async function sampleUnitList(): Promise<{ name: string; bytes: Uint8Array }> {
  return { name: 'danh-sach-don-vi-mau.xlsx', bytes: await sampleUnitListWorkbook() };
}
