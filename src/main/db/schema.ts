/**
 * The database schema (drizzle). After a change: `npm run db:generate` writes a migration into drizzle/ and
 * bundles it into src/main/db/migrations/bundle.ts. Never edit a generated migration that has shipped.
 * No ON DELETE CASCADE anywhere: table rebuilds in migrations would silently cascade (ENGINEERING.md §3.3).
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    searchKey: text('search_key').notNull(),
    kind: text('kind').notNull(),
    groupName: text('group_name'),
    parentId: integer('parent_id'),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    contact: text('contact'),
    position: text('position'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    note: text('note'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_search_idx').on(t.searchKey)],
);

export const unitLinks = sqliteTable(
  'unit_links',
  {
    predecessorId: integer('predecessor_id')
      .notNull()
      .references(() => units.id),
    successorId: integer('successor_id')
      .notNull()
      .references(() => units.id),
    effectiveDate: text('effective_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] })],
);

export const sections = sqliteTable('sections', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const unitKinds = sqliteTable('unit_kinds', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const dataElements = sqliteTable('data_elements', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  type: text('type').notNull(),
  cells: text('cells', { mode: 'json' }).notNull().$type<string[]>(),
  section: text('section').notNull(),
  reportedBy: text('reported_by', { mode: 'json' }).notNull().$type<string[]>(),
  /** who reports it, by unit code (e.g. SINH_SONG → Sở Y tế); null = every unit of the kinds in reportedBy */
  reporterUnits: text('reporter_units', { mode: 'json' }).$type<string[]>(),
  sensitive: integer('sensitive', { mode: 'boolean' }).notNull().default(false),
  collectedFrom: text('collected_from').notNull(),
  aggregation: text('aggregation').notNull(),
  researchCode: text('research_code'),
  strategyCode: text('strategy_code'),
  targets: text('targets', { mode: 'json' }).$type<Record<string, { op: string; value: number }>>(),
  local: integer('local', { mode: 'boolean' }).notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const indicators = sqliteTable('indicators', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  numerator: text('numerator').notNull(),
  denominator: text('denominator').notNull(),
  factor: real('factor').notNull(),
  targets: text('targets', { mode: 'json' }).notNull().$type<Record<string, { op: string; value: number }>>(),
  verified: text('verified'),
  source: text('source'),
  local: integer('local', { mode: 'boolean' }).notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const validationRules = sqliteTable('validation_rules', {
  code: text('code').primaryKey(),
  left: text('left').notNull(),
  op: text('op').notNull(),
  right: text('right').notNull(),
  severity: text('severity').notNull(),
  message: text('message').notNull(),
  local: integer('local', { mode: 'boolean' }).notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const provinceTargets = sqliteTable(
  'province_targets',
  {
    indicator: text('indicator').notNull(),
    year: integer('year').notNull(),
    op: text('op').notNull(),
    value: real('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicator, t.year] })],
);

export const templates = sqliteTable(
  'templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    periodKinds: text('period_kinds', { mode: 'json' }).notNull().$type<string[]>(),
    rows: text('rows', { mode: 'json' }).notNull().$type<string[]>(),
    frozen: integer('frozen', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('templates_code_version_uq').on(t.code, t.version)],
);

export const periods = sqliteTable('periods', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  year: integer('year').notNull(),
  kind: text('kind').notNull(),
  label: text('label').notNull(),
  dataFrom: text('data_from').notNull(),
  dataTo: text('data_to').notNull(),
  deadline: text('deadline').notNull(),
  templateId: integer('template_id')
    .notNull()
    .references(() => templates.id),
  status: text('status').notNull().default('open'),
  note: text('note'),
  createdAt: text('created_at').notNull().default(now),
});

export const periodUnits = sqliteTable(
  'period_units',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.unitId] })],
);

/** Original files, stored once per SHA-256 inside the database so a submission and its file commit together. */
export const files = sqliteTable('files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  createdAt: text('created_at').notNull().default(now),
  /**
   * where the bytes are once moved out of the database (issue 20): the name of an immutable, content-addressed
   * pack file in the originals store and the offset in it (the length is `size`); `bytes` is then empty.
   * null: the bytes are still here, in `bytes` (every original is first written here, in its import's transaction).
   */
  pack: text('pack'),
  packOffset: integer('pack_offset'),
});

export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    revision: integer('revision').notNull(),
    receivedAt: text('received_at').notNull(),
    officialDate: text('official_date'),
    channel: text('channel').notNull().default('email'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => files.sha256),
    status: text('status').notNull().default('received'),
    supersededBy: integer('superseded_by'),
    /** a withdrawn revision (with the officer's reason, audited) is never current; the one before it is again */
    withdrawnAt: text('withdrawn_at'),
    withdrawReason: text('withdraw_reason'),
    /**
     * 1: imported as history (a past period filled long after its deadline without the received date): its
     * timeliness is not judged, so last year's units do not all show as late
     */
    history: integer('history').notNull().default(0),
    /** the layout (a form the app did not generate) the file was read with, when it was */
    layoutId: integer('layout_id'),
    createdAt: text('created_at').notNull().default(now),
    /**
     * the audit entry written with this revision (its import or its entry by hand, one per revision, in the same
     * transaction): audit_entity_idx leaves those entries out (one index page fewer per imported file), the
     * submission's audit is read through this id and the index (services/audit.ts)
     */
    auditId: integer('audit_id'),
    /**
     * the inbox entry (import_attempts, status 'accepted') written with this revision, in the same transaction:
     * import_attempts_period_idx leaves accepted entries out (one index page fewer per imported file); a period's
     * accepted entries are read through submissions_period_idx and this id (INBOX_PERIOD_IDS below)
     */
    entryId: integer('entry_id'),
  },
  (t) => [
    uniqueIndex('submissions_rev_uq').on(t.periodId, t.unitId, t.revision),
    // kept although submissions_rev_uq starts with period_id: a period's rows in id order is the order the partial
    // sums are made in, which lets them be brought up to date after a write (services/partial-sums.ts)
    index('submissions_period_idx').on(t.periodId),
  ],
);

/**
 * One row per reported cell; a blank cell (not reported) has no row. state: number | yesno | text | na.
 * The table is WITHOUT ROWID (migration 0002; drizzle has no option for it): the rows are stored in primary-key
 * order, so one B-tree serves the import's inserts and the consolidation's scan of a submission's values, with no
 * separate index to keep up.
 */
export const submissionValues = sqliteTable(
  'submission_values',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    element: text('element').notNull(),
    cell: text('cell').notNull(),
    state: text('state').notNull(),
    num: real('num'),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.element, t.cell] })],
);

export const findings = sqliteTable(
  'findings',
  {
    id: integer('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    code: text('code').notNull(),
    severity: text('severity').notNull(),
    message: text('message').notNull(),
    element: text('element'),
    cell: text('cell'),
  },
  (t) => [index('findings_submission_idx').on(t.submissionId)],
);

/** Values entered once per period by the secretariat (collectedFrom: province). */
export const provinceValues = sqliteTable(
  'province_values',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    element: text('element').notNull(),
    cell: text('cell').notNull(),
    state: text('state').notNull(),
    num: real('num'),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.element, t.cell] })],
);

export const importAttempts = sqliteTable(
  'import_attempts',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull().default(now),
    periodId: integer('period_id'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    status: text('status').notNull(),
    unitCode: text('unit_code'),
    revision: integer('revision'),
    submissionId: integer('submission_id'),
    errors: text('errors', { mode: 'json' }).notNull().$type<Array<{ code: string; message: string }>>(),
    warnings: text('warnings', { mode: 'json' }).notNull().$type<Array<{ code: string; message: string }>>(),
    /** the inbox: when and how it came (file | paper | scan), the unit's id when known, the officer's note */
    receivedAt: text('received_at'),
    channel: text('channel'),
    unitId: integer('unit_id'),
    note: text('note'),
    batchId: text('batch_id'),
  },
  (t) => [
    index('import_attempts_period_idx')
      .on(t.periodId)
      .where(sql`status <> 'accepted'`),
  ],
);

/**
 * The entries of a period in the inbox (import_attempts as `a`, or as named; `period`: the SQL of the period's id,
 * a parameter or an integer): exactly the rows `a.period_id = period` names, found through the indexes. import_attempts_period_idx
 * holds only the entries not accepted; an accepted one is the entry its revision was written with
 * (submissions.entry_id), found through submissions_period_idx.
 */
export const inboxOfPeriod = (period: string, a = 'a'): string =>
  `${a}.period_id = ${period} AND ${a}.id IN (SELECT id FROM import_attempts WHERE period_id = ${period} AND ` +
  `status <> 'accepted' UNION ALL SELECT entry_id FROM submissions WHERE period_id = ${period} AND entry_id IS NOT NULL)`;

/**
 * Which audit entries audit_entity_idx holds: all but a revision's own entry (entity 'submission', action 'import'
 * or 'enter', written by services/imports/commit.ts with the revision), which is found through
 * submissions.audit_id. A query uses the index only when it states this condition word for word (services/audit.ts).
 */
export const AUDIT_INDEXED_SQL = "NOT (entity = 'submission' AND action IN ('import', 'enter'))";
const AUDIT_INDEXED = sql.raw(AUDIT_INDEXED_SQL);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull().default(now),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId).where(AUDIT_INDEXED)],
);

/** The year's plan (Kế hoạch năm): its tasks, in numbered sections, each given to lead and partner units. */
export const planTasks = sqliteTable(
  'plan_tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    /** the section's number and title as the plan writes them ("I. Công tác tuyên truyền …") */
    section: text('section').notNull(),
    /** the task's number in the plan ("1", "2.3") */
    stt: text('stt'),
    title: text('title').notNull(),
    description: text('description'),
    due: text('due'),
    product: text('product'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('plan_tasks_year_idx').on(t.year)],
);

export const planAssignments = sqliteTable(
  'plan_assignments',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => planTasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** lead (chủ trì) | partner (phối hợp) */
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.unitId] }), index('plan_assignments_unit_idx').on(t.unitId)],
);

/** Unit names of a plan that matched no unit of the register: kept for the officer to resolve, never dropped. */
export const planUnmatched = sqliteTable('plan_unmatched', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id')
    .notNull()
    .references(() => planTasks.id),
  role: text('role').notNull(),
  text: text('text').notNull(),
});

/**
 * Layouts (issue 17): a saved description of a form the app did not generate (a province's own form, last years'
 * files, the ministry's blank appendix): which sheet, header rows, which column holds which cell, which row holds
 * which data element or indicator, where the unit and the period are written. `definition` is the JSON of
 * `LayoutDefinition` (shared/contract/layouts.ts).
 */
export const layouts = sqliteTable(
  'layouts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** import (units' forms read in) | appendix (the ministry's workbook filled out) */
    purpose: text('purpose').notNull().default('import'),
    definition: text('definition').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('layouts_name_uq').on(t.name)],
);
