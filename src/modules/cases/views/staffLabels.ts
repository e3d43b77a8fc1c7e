import type { MessageChannel, MessagePurpose, MessageStatus } from '../../../db/schema.ts';
import { catalogueLabels } from '../catalogueLabels.ts';

export { STATUS_LABEL, statusLabel } from '../labels.ts';

const SIGNIFICANCES = ['important', 'routine'] as const;

export const SIGNIFICANCE_LABEL = catalogueLabels('cases.significance', SIGNIFICANCES);

export const SIGNIFICANCE_HINT = catalogueLabels('cases.significanceHint', SIGNIFICANCES);

/** Partial: purposes added elsewhere fall back to their code until they get a label in the catalogue. */
export const MESSAGE_PURPOSE_LABEL: Partial<Record<MessagePurpose, string>> & Record<string, string | undefined> = catalogueLabels('cases.messagePurpose', [
  'acknowledgement',
  'answer',
  'delay_notice',
  'referral',
  'not_handled',
  'reminder',
  'digest',
  'invitation',
  'other',
  'escalation',
] satisfies MessagePurpose[]);

export const MESSAGE_CHANNEL_LABEL: Record<MessageChannel, string> = catalogueLabels('cases.messageChannel', ['email', 'letter', 'phone'] satisfies MessageChannel[]);

export const MESSAGE_STATUS_LABEL: Record<MessageStatus, string> = catalogueLabels('cases.messageStatus', ['queued', 'sending', 'sent', 'failed', 'recorded'] satisfies MessageStatus[]);
