import type { inboxContract } from '../../../shared/contract/inbox';
import { feedbackLetter } from '../../services/feedback';
import { entryOriginal, getEntry, listInbox } from '../../services/inbox';
import { assignEntry } from '../../services/inbox-assign';
import { setReceivedDate, withdrawSubmission } from '../../services/submissions';
import { enterReport, entryForm } from '../../services/submissions-entry';
import type { HandlersFor } from '../types';

export const inboxHandlers: HandlersFor<typeof inboxContract> = {
  'inbox.list': (input, ctx) => listInbox(ctx, input),
  'inbox.get': ({ id }, ctx) => getEntry(ctx, id),
  'inbox.original': ({ id }, ctx) => entryOriginal(ctx, id),
  'inbox.assign': (input, ctx) => assignEntry(ctx, input),
  'inbox.feedback': ({ id, format }, ctx) => feedbackLetter(ctx.db, id, format, ctx.today()),
  'submissions.entryForm': (input, ctx) => entryForm(ctx, input),
  'submissions.enter': (input, ctx) => enterReport(ctx, input),
  'submissions.withdraw': (input, ctx) => withdrawSubmission(ctx.db, input),
  'submissions.setReceived': (input, ctx) => setReceivedDate(ctx.db, input, ctx.today()),
};
