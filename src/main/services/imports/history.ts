/** The import attempts of a period (or of all), newest first: what was sent and what it was answered. */
import { desc, eq, sql } from 'drizzle-orm';
import type { ImportAttempt } from '../../../shared/domain/report';
import type { Db } from '../../db/open';
import * as t from '../../db/schema';

export function recentImports(db: Db, periodId: number | undefined, limit: number): ImportAttempt[] {
  const rows = db
    .select({ a: t.importAttempts, u: t.units })
    .from(t.importAttempts)
    .leftJoin(t.units, eq(t.units.code, t.importAttempts.unitCode))
    // a period's entries through the indexes (schema.ts inboxOfPeriod: accepted ones through their revisions)
    .where(periodId ? sql.raw(t.inboxOfPeriod(String(Math.trunc(periodId)), '"import_attempts"')) : undefined)
    .orderBy(desc(t.importAttempts.id))
    .limit(limit)
    .all();
  return rows.map(({ a, u }) => ({
    id: a.id,
    at: a.at,
    periodId: a.periodId,
    sha256: a.sha256,
    file: a.fileName,
    status: a.status as ImportAttempt['status'],
    unit: a.unitCode,
    unitName: u?.name ?? null,
    revision: a.revision,
    submissionId: a.submissionId,
    errors: a.errors,
    warnings: a.warnings,
  }));
}
