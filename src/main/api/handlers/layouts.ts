import type { layoutsContract } from '../../../shared/contract/layouts';
import { AppError } from '../../../shared/result';
import { fillAppendix } from '../../services/appendix';
import type { HandlersFor } from '../types';

// temporary: each op is replaced by its service as the layouts work lands (issue 17)
const building = (): never => {
  throw new AppError('invalid_input', 'Chức năng mẫu biểu ngoài (layout) đang được xây dựng.');
};

export const layoutsHandlers: HandlersFor<typeof layoutsContract> = {
  'layouts.suggest': building,
  'layouts.save': building,
  'layouts.list': building,
  'layouts.get': building,
  'layouts.delete': building,
  'reports.fillAppendix': (input, ctx) => fillAppendix(ctx.db, input),
};
