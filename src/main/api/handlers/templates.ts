import type { templatesContract } from '../../../shared/contract/templates';
import { getPeriodRow } from '../../services/periods';
import { slugify } from '../../../shared/text/vi';
import { exportTemplates, zipFiles } from '../../services/templates';
import type { HandlersFor } from '../types';

export const templatesHandlers: HandlersFor<typeof templatesContract> = {
  'templates.export': async ({ periodId, unitCodes, zip }, ctx) => {
    const files = await exportTemplates(ctx.db, periodId, unitCodes);
    if (!zip) return { files };
    const p = getPeriodRow(ctx.db, periodId);
    return { files: [await zipFiles(files, `mau-bieu_${slugify(p.label)}.zip`)] };
  },
};
