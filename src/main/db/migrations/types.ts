export interface BundledMigration {
  idx: number;
  tag: string;
  /** drizzle-kit's timestamp; kept for drizzle-kit, never used to decide what to apply */
  when: number;
  /** sha256 of the SQL: the identity of the migration */
  hash: string;
  sql: string;
}
