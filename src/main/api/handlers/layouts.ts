import type { layoutsContract } from '../../../shared/contract/layouts';
import { AppError } from '../../../shared/result';
import { deleteLayout, getLayout, listLayouts, saveLayout, suggestLayout } from '../../services/layouts';
import type { HandlersFor } from '../types';

// temporary: the appendix is filled by the appendix work (issue 17, part 4)
const building = (): never => {
  throw new AppError('invalid_input', 'Chức năng mẫu biểu ngoài (layout) đang được xây dựng.');
};

export const layoutsHandlers: HandlersFor<typeof layoutsContract> = {
  'layouts.suggest': (input, ctx) => suggestLayout(ctx, input),
  'layouts.save': (input, ctx) => saveLayout(ctx.db, input),
  'layouts.list': (_input, ctx) => listLayouts(ctx.db),
  'layouts.get': ({ id }, ctx) => getLayout(ctx.db, id),
  'layouts.delete': ({ id }, ctx) => deleteLayout(ctx.db, id),
  'reports.fillAppendix': building,
};
