/** What the app tells about itself: version, the database file, its schema and catalogue, the demo state. */
import { dirname } from 'node:path';
import type { AppInfo } from '../../shared/contract/app';
import { schemaVersion } from '../db/migrate';
import { APP_NAME, APP_VERSION } from '../version';
import type { Ctx } from './context';
import { getMeta } from './settings';

export function appInfo(ctx: Ctx): AppInfo {
  const v = schemaVersion(ctx.raw);
  return {
    name: APP_NAME,
    version: APP_VERSION,
    dbPath: ctx.dbPath,
    dataDir: dirname(ctx.dbPath),
    schemaVersion: v.tag,
    migrationsApplied: v.count,
    catalogVersion: getMeta(ctx.db, 'catalog.version'),
    demo: ctx.demo,
    canLeaveDemo: ctx.demo && ctx.homeDbPath !== ctx.dbPath,
  };
}
