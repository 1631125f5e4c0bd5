/** The audit log: who, when, what, before, after, why. Called inside the same transaction as the change. */
import { eq } from 'drizzle-orm';
import type { AuditEntry } from '../../shared/domain/records';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import { AUDIT_INDEXED_SQL, auditLog, settings } from '../db/schema';

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

/** The columns of an entry as `audit.list` gives them. */
const COLUMNS = 'SELECT id, at, actor, action, entity, entity_id AS entityId, before, after, reason FROM audit_log';
// stated word for word so that the partial index serves a query (it holds exactly the rows this condition keeps)
const INDEXED = AUDIT_INDEXED_SQL;

/** The queries of `audit.list`, by their shape, prepared once per handle. */
const QUERIES = {
  all: `${COLUMNS} ORDER BY id DESC LIMIT @limit`,
  // a submission's entries: the one its revision was written with (pointed at by submissions.audit_id) …
  own:
    `${COLUMNS} WHERE id = (SELECT audit_id FROM submissions WHERE id = @id) AND entity = 'submission' ` +
    `AND entity_id = @entityId AND NOT (${INDEXED})`,
  // … and every other one, through the index (as is every entry of any other entity)
  indexed: `${COLUMNS} WHERE entity = @entity AND entity_id = @entityId AND ${INDEXED} ORDER BY id DESC LIMIT @limit`,
  entityIndexed: `${COLUMNS} WHERE entity = @entity AND ${INDEXED} ORDER BY id DESC LIMIT @limit`,
  // every submission's entries (their own ones are not in the index): newest first, read by id
  entity: `${COLUMNS} WHERE entity = @entity ORDER BY id DESC LIMIT @limit`,
  entityIdOnly: `${COLUMNS} WHERE entity_id = @entityId ORDER BY id DESC LIMIT @limit`,
} as const;

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

function rowsOf(db: Db, shape: keyof typeof QUERIES, params: Record<string, unknown>): Row[] {
  const st = preparedOnce(db, `audit.list.${shape}`, () => db.$client.prepare(QUERIES[shape]));
  return st.all(params) as Row[];
}

/**
 * The audit log, newest first: all of it, or one entity's entries. A revision's own entry (its import or its entry
 * by hand) is not in audit_entity_idx (schema.ts AUDIT_INDEXED_SQL): a submission's entries are that one, found
 * through submissions.audit_id, and the others, found through the index; every other entity's are all in the index.
 */
export function listAudit(db: Db, q: { entity?: string; entityId?: string; limit: number }): AuditEntry[] {
  const { entity, entityId, limit } = q;
  let rows: Row[];
  if (entity && entityId) {
    rows = rowsOf(db, 'indexed', { entity, entityId, limit });
    // the revision's own entry, if the id names a revision as the app writes it
    if (entity === 'submission' && /^[1-9]\d{0,15}$/.test(entityId)) {
      rows = [...rowsOf(db, 'own', { id: Number(entityId), entityId }), ...rows]
        .sort((a, b) => b.id - a.id)
        .slice(0, limit);
    }
  } else if (entity) rows = rowsOf(db, entity === 'submission' ? 'entity' : 'entityIndexed', { entity, limit });
  else if (entityId) rows = rowsOf(db, 'entityIdOnly', { entityId, limit });
  else rows = rowsOf(db, 'all', { limit });
  return rows.map((r) => ({
    ...r,
    before: r.before ? (JSON.parse(r.before) as unknown) : null,
    after: r.after ? (JSON.parse(r.after) as unknown) : null,
  }));
}
