import type { catalogContract } from '../../../shared/contract/catalog';
import { AppError } from '../../../shared/result';
import { checkExpression, ExpressionError } from '../../../shared/rules/expressions';
import { getCatalog, saveLocalElement, saveLocalIndicator, setProvinceTarget } from '../../services/catalog';
import type { HandlersFor } from '../types';

export const catalogHandlers: HandlersFor<typeof catalogContract> = {
  'catalog.get': (_i, ctx) => getCatalog(ctx.db),
  'catalog.saveElement': (input, ctx) => saveLocalElement(ctx.db, input),
  'catalog.saveIndicator': (input, ctx) => {
    const elements = getCatalog(ctx.db).dataElements;
    return saveLocalIndicator(ctx.db, input, (expr) => {
      try {
        checkExpression(expr, elements);
      } catch (e) {
        if (e instanceof ExpressionError) throw new AppError('invalid_input', e.message);
        throw e;
      }
    });
  },
  'catalog.setProvinceTarget': ({ indicator, year, target }, ctx) => {
    setProvinceTarget(ctx.db, indicator, year, target);
    return { ok: true as const };
  },
};
