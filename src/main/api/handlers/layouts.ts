import type { layoutsContract } from '../../../shared/contract/layouts';
import { fillAppendix } from '../../services/appendix';
import { deleteLayout, getLayout, listLayouts, saveLayout, suggestLayout } from '../../services/layouts';
import type { HandlersFor } from '../types';

export const layoutsHandlers: HandlersFor<typeof layoutsContract> = {
  'layouts.suggest': (input, ctx) => suggestLayout(ctx, input),
  'layouts.save': (input, ctx) => saveLayout(ctx.db, input),
  'layouts.list': (_input, ctx) => listLayouts(ctx.db),
  'layouts.get': ({ id }, ctx) => getLayout(ctx.db, id),
  'layouts.delete': ({ id }, ctx) => deleteLayout(ctx.db, id),
  'reports.fillAppendix': (input, ctx) => fillAppendix(ctx.db, input),
};
