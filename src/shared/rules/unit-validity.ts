/**
 * Validity is one fact. A unit is active on a day when the officer has not stopped following it (the stored
 * `active` flag, "Ngừng theo dõi") AND the day lies inside its validity [validFrom, validTo]. A unit whose validity
 * ended on 31/12/2025 (merged, split, dissolved) is inactive from 01/01/2026, whatever the flag says. The unit
 * page, the list, the "Chỉ đơn vị đang hoạt động" filter (on today) and the expected units of a period (on the
 * end of its data window) all call this one function.
 */
export type UnitState = 'active' | 'stopped' | 'ended' | 'not_yet';

export interface Validity {
  /** the stored flag: false once the officer stopped following the unit */
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
}

/** Why a unit is or is not active on `date` (YYYY-MM-DD); 'active' only when all three facts agree. */
export function unitStateOn(u: Validity, date: string): UnitState {
  const d = date.slice(0, 10);
  if (u.validTo && u.validTo < d) return 'ended';
  if (u.validFrom && u.validFrom > d) return 'not_yet';
  if (!u.active) return 'stopped';
  return 'active';
}

export const unitActiveOn = (u: Validity, date: string): boolean => unitStateOn(u, date) === 'active';

/** The first day a unit is no longer valid: the day after its validTo ("hết hiệu lực từ 01/01/2026"). */
export function endedFrom(validTo: string): string {
  const d = new Date(`${validTo.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
