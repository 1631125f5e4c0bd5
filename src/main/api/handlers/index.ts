/** Every contract entry's handler; the type makes a missing one a compile error. */
import type { Handlers } from '../types';
import { appHandlers } from './app';
import { catalogHandlers } from './catalog';
import { periodsHandlers } from './periods';
import { planHandlers } from './plan';
import { reportsHandlers } from './reports';
import { importsHandlers } from './imports';
import { inboxHandlers } from './inbox';
import { layoutsHandlers } from './layouts';
import { submissionsHandlers } from './submissions';
import { templatesHandlers } from './templates';
import { unitsHandlers } from './units';

export const handlers: Handlers = {
  ...appHandlers,
  ...unitsHandlers,
  ...catalogHandlers,
  ...periodsHandlers,
  ...templatesHandlers,
  ...importsHandlers,
  ...submissionsHandlers,
  ...inboxHandlers,
  ...reportsHandlers,
  ...planHandlers,
  ...layoutsHandlers,
};
