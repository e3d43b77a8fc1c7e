import type { MessageChannel, MessagePurpose, MessageStatus } from '../../../db/schema.ts';
import { catalogueLabels } from '../catalogueLabels.ts';

export { STATUS_LABEL, statusLabel } from '../labels.ts';

const SIGNIFICANCES = ['important', 'routine'] as const;

export const SIGNIFICANCE_LABEL = catalogueLabels('cases.significance', SIGNIFICANCES);

export const SIGNIFICANCE_HINT = catalogueLabels('cases.significanceHint', SIGNIFICANCES);

// Every purpose as a key: a new purpose does not compile until it is listed here, and then start-up
// fails until the catalogue has its label, so no page ever shows the code word.
const PURPOSES: Record<MessagePurpose, true> = {
  acknowledgement: true,
  answer: true,
  question: true,
  delay_notice: true,
  referral: true,
  not_handled: true,
  reminder: true,
  digest: true,
  invitation: true,
  other: true,
  escalation: true,
};
export const MESSAGE_PURPOSE_LABEL: Record<MessagePurpose, string> & Record<string, string | undefined> = catalogueLabels(
  'cases.messagePurpose',
  Object.keys(PURPOSES) as MessagePurpose[],
);

export const MESSAGE_CHANNEL_LABEL: Record<MessageChannel, string> = catalogueLabels('cases.messageChannel', ['email', 'letter', 'phone'] satisfies MessageChannel[]);

export const MESSAGE_STATUS_LABEL: Record<MessageStatus, string> = catalogueLabels('cases.messageStatus', ['queued', 'sending', 'sent', 'failed', 'recorded'] satisfies MessageStatus[]);
