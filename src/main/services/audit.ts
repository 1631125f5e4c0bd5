/** The audit log: who, when, what, before, after, why. Called inside the same transaction as the change. */
import { and, desc, eq } from 'drizzle-orm';
import type { AuditEntry } from '../../shared/domain/records';
import type { Db } from '../db/open';
import { auditLog, settings } from '../db/schema';

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

function currentOfficer(db: Db): string {
  const row = db.select().from(settings).where(eq(settings.key, 'app.settings')).get();
  if (!row) return 'Cán bộ thường trực';
  try {
    const officer = (JSON.parse(row.value) as { officer?: string }).officer;
    return officer && officer.trim() ? officer : 'Cán bộ thường trực';
  } catch {
    return 'Cán bộ thường trực';
  }
}

export function audit(db: Db, entry: AuditInput, actor?: string): void {
  db.insert(auditLog)
    .values({
      actor: actor ?? currentOfficer(db),
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
    })
    .run();
}

export function listAudit(db: Db, q: { entity?: string; entityId?: string; limit: number }): AuditEntry[] {
  const conds = [];
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  const rows = db
    .select()
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
    .all();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ? (JSON.parse(r.before) as unknown) : null,
    after: r.after ? (JSON.parse(r.after) as unknown) : null,
    reason: r.reason,
  }));
}
