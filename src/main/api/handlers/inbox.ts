import type { inboxContract } from '../../../shared/contract/inbox';
import { AppError } from '../../../shared/result';
import { feedbackLetter } from '../../services/feedback';
import type { HandlersFor } from '../types';

// TEMPORARY (replaced within this session by the inbox work): each answers "not yet built".
const later = (): never => {
  throw new AppError('internal', 'Chức năng này đang được xây dựng.');
};

export const inboxHandlers: HandlersFor<typeof inboxContract> = {
  'inbox.list': later,
  'inbox.get': later,
  'inbox.original': later,
  'inbox.assign': later,
  'inbox.feedback': ({ id, format }, ctx) => feedbackLetter(ctx.db, id, format, ctx.today()),
  'submissions.entryForm': later,
  'submissions.enter': later,
  'submissions.withdraw': later,
  'submissions.setReceived': later,
};
