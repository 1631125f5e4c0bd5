import type { inboxContract } from '../../../shared/contract/inbox';
import { AppError } from '../../../shared/result';
import { entryOriginal, getEntry, listInbox } from '../../services/inbox';
import { assignEntry } from '../../services/inbox-assign';
import { setReceivedDate, withdrawSubmission } from '../../services/submissions';
import { enterReport, entryForm } from '../../services/submissions-entry';
import type { HandlersFor } from '../types';

// TEMPORARY (replaced within this session by the inbox work): each answers "not yet built".
const later = (): never => {
  throw new AppError('internal', 'Chức năng này đang được xây dựng.');
};

export const inboxHandlers: HandlersFor<typeof inboxContract> = {
  'inbox.list': (input, ctx) => listInbox(ctx, input),
  'inbox.get': ({ id }, ctx) => getEntry(ctx, id),
  'inbox.original': ({ id }, ctx) => entryOriginal(ctx, id),
  'inbox.assign': (input, ctx) => assignEntry(ctx, input),
  'inbox.feedback': later,
  'submissions.entryForm': (input, ctx) => entryForm(ctx, input),
  'submissions.enter': (input, ctx) => enterReport(ctx, input),
  'submissions.withdraw': (input, ctx) => withdrawSubmission(ctx.db, input),
  'submissions.setReceived': (input, ctx) => setReceivedDate(ctx.db, input, ctx.today()),
};
