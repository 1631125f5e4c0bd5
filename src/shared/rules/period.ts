/**
 * Reporting periods per Nghị định 09/2019/NĐ-CP (chế độ báo cáo của cơ quan hành chính nhà nước):
 * - 6 tháng đầu năm: data from 15/12 of the previous year to 14/6; units' reports due 10/6;
 * - năm: data from 15/12 of the previous year to 14/12; units' reports due 10/12;
 * - đột xuất (adhoc): the caller's dates. Defaults: the NĐ 09 whole-year cut-off (15/12 of the previous year →
 *   14/12) and a deadline 15 days after `today` (a công văn usually leaves about two weeks); the officer reviews
 *   and edits these dates in the form.
 * Dates are ISO `YYYY-MM-DD` strings; all arithmetic is done in UTC on dates only, so time zones cannot shift a day.
 */
import type { PeriodKind } from '../domain/catalog';
import type { IsoDate } from '../domain/records';

export interface PeriodDefaults {
  label: string;
  dataFrom: IsoDate;
  dataTo: IsoDate;
  deadline: IsoDate;
}

export interface AdhocOptions {
  dataFrom?: IsoDate;
  dataTo?: IsoDate;
  deadline?: IsoDate;
  /** the day the period is created (defaults to the local date); the adhoc deadline defaults to today + 15 days */
  today?: IsoDate;
}

/** Days an ad-hoc request leaves the units by default. */
export const ADHOC_DEFAULT_DAYS = 15;

const pad = (n: number) => String(n).padStart(2, '0');

function isoFromUtc(d: Date): IsoDate {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function utcFromIso(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`Ngày không hợp lệ: "${iso}" (cần dạng YYYY-MM-DD).`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** The years a date anywhere in the app may fall in (a report, a receipt, a deadline). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Is `s` a real calendar day written `YYYY-MM-DD`, in the years MIN_YEAR–MAX_YEAR? ("2026-02-31" is not.) */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** The local calendar date of a Date as ISO. */
export function localIsoDate(d: Date = new Date()): IsoDate {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const d = utcFromIso(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoFromUtc(d);
}

export function periodLabel(year: number, kind: PeriodKind): string {
  switch (kind) {
    case 'half_year':
      return `6 tháng đầu năm ${year}`;
    case 'year':
      return `Năm ${year}`;
    case 'adhoc':
      return `Báo cáo đột xuất năm ${year}`;
  }
}

export function periodDefaults(year: number, kind: PeriodKind, adhoc: AdhocOptions = {}): PeriodDefaults {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new Error(`Năm không hợp lệ: ${year}.`);
  const label = periodLabel(year, kind);
  const from = `${year - 1}-12-15`;
  switch (kind) {
    case 'half_year':
      return { label, dataFrom: from, dataTo: `${year}-06-14`, deadline: `${year}-06-10` };
    case 'year':
      return { label, dataFrom: from, dataTo: `${year}-12-14`, deadline: `${year}-12-10` };
    case 'adhoc': {
      const today = adhoc.today ?? localIsoDate();
      return {
        label,
        dataFrom: adhoc.dataFrom ?? from,
        dataTo: adhoc.dataTo ?? `${year}-12-14`,
        deadline: adhoc.deadline ?? addDays(today, ADHOC_DEFAULT_DAYS),
      };
    }
  }
}

/**
 * What is odd about a receipt date given by the officer: in the future (after `today`), or before the period's
 * data window begins (the report cannot have been made yet). Null when it is plausible: any day from the
 * window's start to today, so a late report after the window is normal.
 */
export function receiptDateProblem(
  date: IsoDate,
  today: IsoDate,
  dataFrom: IsoDate,
): 'future' | 'before_window' | null {
  if (date.slice(0, 10) > today.slice(0, 10)) return 'future';
  if (date.slice(0, 10) < dataFrom.slice(0, 10)) return 'before_window';
  return null;
}

/** A report received on or before the deadline day is on time. Accepts ISO dates or date-times (date part used). */
export function isOnTime(receivedAt: string, deadline: IsoDate): boolean {
  return receivedAt.slice(0, 10) <= deadline.slice(0, 10);
}

/** Whole days from `today` to `deadline`: 0 on the day, negative once it has passed. */
export function daysUntil(today: IsoDate, deadline: IsoDate): number {
  return Math.round((utcFromIso(deadline).getTime() - utcFromIso(today).getTime()) / 86_400_000);
}

export interface PeriodLike {
  id: number;
  year: number;
  kind: PeriodKind;
  label?: string;
}

/**
 * The same period of the previous year: same kind, year − 1. For ad-hoc periods, one whose label is the same once
 * the year is swapped is preferred; among several candidates the most recent (highest id) wins. Null when none.
 */
export function previousYearPeriodMatch<P extends PeriodLike>(current: PeriodLike, candidates: readonly P[]): P | null {
  const same = candidates.filter((p) => p.kind === current.kind && p.year === current.year - 1 && p.id !== current.id);
  if (same.length === 0) return null;
  const wanted = current.label?.replaceAll(String(current.year), String(current.year - 1));
  const byLabel = wanted ? same.filter((p) => p.label === wanted) : [];
  const pool = byLabel.length > 0 ? byLabel : same;
  return pool.reduce((a, b) => (b.id > a.id ? b : a));
}

/**
 * History (issue 17): a report entered into a period more than this many days after the period's deadline,
 * WITHOUT a receipt date given by the officer, is filed as history: last year's files typed in when the app is
 * adopted, whose real receipt dates nobody recorded. Its timeliness is not judged (neither on time nor late).
 * Sixty days: well past any reminder round (a late unit is chased within weeks), so a merely late report of the
 * period that just ended is still judged late. With a receipt date given, the report is judged on that date.
 */
export const HISTORY_AFTER_DAYS = 60;

/** Is a report entered on `today` into a period due `deadline` history? Never when a receipt date is given. */
export function isHistoryEntry(deadline: IsoDate, today: IsoDate, receivedAtGiven: boolean): boolean {
  return !receivedAtGiven && daysUntil(today, deadline) < -HISTORY_AFTER_DAYS;
}
