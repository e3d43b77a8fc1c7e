import type { ColumnType, Generated } from 'kysely';
import type { CaseKind } from './cases.ts';
import type { DateOnly, Timestamp } from './columns.ts';

export type MessagePurpose = 'acknowledgement' | 'answer' | 'question' | 'delay_notice' | 'referral' | 'not_handled' | 'reminder' | 'escalation' | 'digest' | 'invitation' | 'other';
export type MessageChannel = 'email' | 'letter' | 'phone';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'recorded';

export interface MessagesTable {
  id: Generated<string>;
  /** NULL only for a digest or an invitation. */
  case_id: string | null;
  /** Filled from the case by a trigger when not given. */
  organization_id: ColumnType<string, string | undefined, string>;
  recipient_user_id: string | null;
  dedupe_key: string | null;
  transport: 'smtp' | 'outbox' | null;
  header_message_id: string | null;
  reply_to: string | null;
  /** What the send put in the headers (recorded since 2026-12-04T0900; NULL before, and for what was never sent). */
  header_from_name: ColumnType<string | null, string | null | undefined, string | null>;
  header_from_address: ColumnType<string | null, string | null | undefined, string | null>;
  header_date: ColumnType<Date | null, Date | null | undefined, Date | null>;
  header_in_reply_to: ColumnType<string | null, string | null | undefined, string | null>;
  header_references: ColumnType<string | null, string | null | undefined, string | null>;
  smtp_response: string | null;
  send_token: string | null;
  sending_started_at: Timestamp | null;
  purpose: MessagePurpose;
  channel: MessageChannel;
  recipient: string | null;
  subject: string | null;
  body: string;
  /** The footer the system put under the handler's text in an e-mail to the submitter: the end of `body`, or NULL. */
  footer: ColumnType<string | null, string | null | undefined, string | null>;
  status: MessageStatus;
  attempts: Generated<number>;
  last_error: string | null;
  occurred_on: DateOnly | null;
  created_by: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}

export interface ResponseTemplatesTable {
  id: Generated<string>;
  organization_id: string;
  org_unit_id: string | null;
  kind: CaseKind | null;
  purpose: Generated<'answer' | 'referral' | 'not_handled' | 'acknowledgement' | 'delay_notice'>;
  referral_type: string | null;
  title: string;
  body: string;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
