/**
 * The case's history as the submitter reads it (status.event.* in the catalogue): plain words,
 * addressed to them. Only event types listed here are shown; anything else (notes, measures,
 * links) never reaches the page.
 */
export const SUBMITTER_EVENTS = [
  'received',
  'register',
  'assign',
  'start',
  'wait',
  'resume',
  'answer',
  'close',
  'reopen',
  'refer',
  'reject',
  'merge',
  'withdraw',
  'quick_close',
  'deadline',
  'submitter_reply',
  'submitter_addition',
] as const;
export type SubmitterEvent = (typeof SUBMITTER_EVENTS)[number];
export const isSubmitterEvent = (type: string): type is SubmitterEvent => (SUBMITTER_EVENTS as readonly string[]).includes(type);

/** Statuses in the submitter's words (status.public.*). */
export const PUBLIC_STATUSES = ['received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered', 'closed', 'referred', 'not_handled', 'merged', 'withdrawn'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
export const isPublicStatus = (s: string): s is PublicStatus => (PUBLIC_STATUSES as readonly string[]).includes(s);

/** What a message to the submitter is called on their status page, by purpose and channel. */
export const SUBMITTER_MESSAGE_PURPOSES = ['answer', 'question', 'referral', 'not_handled'] as const;
export type SubmitterMessagePurpose = (typeof SUBMITTER_MESSAGE_PURPOSES)[number];
export const isSubmitterMessagePurpose = (p: string): p is SubmitterMessagePurpose => (SUBMITTER_MESSAGE_PURPOSES as readonly string[]).includes(p);
export const MESSAGE_CHANNELS = ['email', 'letter', 'phone'] as const;
export const isMessageChannel = (c: string): c is (typeof MESSAGE_CHANNELS)[number] => (MESSAGE_CHANNELS as readonly string[]).includes(c);
