import type { appContract } from '../../../shared/contract/app';
import { switchDemo } from '../../demo';
import { electronPrintToPdfOptions } from '../../documents/print-html';
import { listAudit } from '../../services/audit';
import { appInfo } from '../../services/app-info';
import {
  backupEntries,
  checkDatabase,
  createBackup,
  exportBackup,
  restoreBackup,
  restoreUploaded,
} from '../../services/backups';
import { getSettings, updateSettings } from '../../services/settings';
import type { HandlersFor } from '../types';

export const appHandlers: HandlersFor<typeof appContract> = {
  'app.demo': async ({ open }, ctx) => {
    await switchDemo(ctx, open);
    return appInfo(ctx);
  },
  'app.info': (_i, ctx) => appInfo(ctx),
  'app.printOptions': () => electronPrintToPdfOptions(),
  'settings.get': (_i, ctx) => getSettings(ctx.db),
  'settings.update': (patch, ctx) => updateSettings(ctx.db, patch),
  'db.check': (_i, ctx) => checkDatabase(ctx),
  'backup.list': (_i, ctx) => backupEntries(ctx),
  'backup.create': ({ reason }, ctx) => createBackup(ctx, reason),
  'backup.export': (_i, ctx) => exportBackup(ctx),
  'backup.restore': ({ name, force }, ctx) => restoreBackup(ctx, name, { force: force ?? false }),
  'backup.restoreFile': ({ file, wal, force }, ctx) => restoreUploaded(ctx, file, wal, { force: force ?? false }),
  'audit.list': (q, ctx) => listAudit(ctx.db, q),
};
