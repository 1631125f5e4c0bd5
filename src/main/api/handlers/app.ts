import type { appContract } from '../../../shared/contract/app';
import { AppError } from '../../../shared/result';
import { backupSync, listBackups, restoreFile } from '../../db/snapshot';
import { schemaVersion } from '../../db/migrate';
import { listAudit } from '../../services/audit';
import { getMeta, getSettings, updateSettings } from '../../services/settings';
import { APP_NAME, APP_VERSION } from '../../version';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildDemo } from '../../demo';
import type { HandlersFor } from '../types';
import type { Ctx } from '../context';

const BACKUP_LABELS: Array<[RegExp, string]> = [
  [/^thu-cong/, 'Sao lưu thủ công'],
  [/^truoc-nhap/, 'Trước khi nhập báo cáo'],
  [/^hang-ngay/, 'Sao lưu hằng ngày'],
  [/^truoc-nang-cap/, 'Trước khi nâng cấp cơ sở dữ liệu'],
  [/^truoc-khoi-phuc/, 'Bản bị thay khi khôi phục'],
];

export function backupLabel(reason: string): string {
  return BACKUP_LABELS.find(([re]) => re.test(reason))?.[1] ?? 'Sao lưu';
}

export function dbCheck(ctx: Ctx): { integrity: string; foreignKeys: string } {
  const integrity = String(ctx.raw.pragma('integrity_check', { simple: true }));
  const fk = ctx.raw.pragma('foreign_key_check') as unknown[];
  return { integrity, foreignKeys: fk.length === 0 ? 'ok' : `${fk.length} vi phạm` };
}

function appInfo(ctx: Ctx) {
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

/** one demo database per process, built on first use in the temp folder */
let demoPath: Promise<string> | null = null;

export const appHandlers: HandlersFor<typeof appContract> = {
  'app.demo': async ({ open }, ctx) => {
    if (open && !ctx.demo) {
      demoPath ??= (async () => {
        const path = join(mkdtempSync(join(tmpdir(), 'bdg-demo-')), 'demo.sqlite');
        await buildDemo(path);
        return path;
      })();
      let path: string;
      try {
        path = await demoPath;
      } catch (e) {
        demoPath = null;
        throw e;
      }
      ctx.switchTo(path, true);
    } else if (!open && ctx.demo && ctx.homeDbPath !== ctx.dbPath) {
      ctx.switchTo(ctx.homeDbPath, false);
    }
    return appInfo(ctx);
  },
  'app.info': (_i, ctx) => appInfo(ctx),
  'settings.get': (_i, ctx) => getSettings(ctx.db),
  'settings.update': (patch, ctx) => updateSettings(ctx.db, patch),
  'db.check': (_i, ctx) => dbCheck(ctx),
  'backup.list': (_i, ctx) =>
    listBackups(ctx.backupDir).map(({ name, size, createdAt, reason }) => ({
      name,
      size,
      createdAt,
      reason,
      label: backupLabel(reason),
    })),
  'backup.create': ({ reason }, ctx) => {
    const b = backupSync(ctx.raw, ctx.backupDir, reason ?? 'thu-cong', getSettings(ctx.db).backupKeep);
    return { name: b.name, size: b.size, createdAt: b.createdAt, reason: b.reason, label: backupLabel(b.reason) };
  },
  'backup.restore': ({ name }, ctx) => {
    if (!/^[\w.-]+\.sqlite$/.test(name) || name.includes('..')) {
      throw new AppError('invalid_input', 'Tên bản sao lưu không hợp lệ.');
    }
    const from = join(ctx.backupDir, name);
    ctx.close();
    let keptAs: string;
    try {
      keptAs = restoreFile(ctx.dbPath, from, ctx.backupDir);
    } finally {
      ctx.reopen();
    }
    return { restored: name, keptAs };
  },
  'audit.list': (q, ctx) => listAudit(ctx.db, q),
};
