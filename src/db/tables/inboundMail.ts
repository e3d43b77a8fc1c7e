import type { Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

/** An address an organization receives mail on (modules/mailin); lower-case. */
export interface InboundAddressesTable {
  address: string;
  organization_id: string;
  created_at: Generated<Date>;
}

export interface InboundSettingsTable {
  organization_id: string;
  new_case_after_days: Generated<number>;
  sender_hourly_limit: Generated<number>;
  updated_at: Generated<Date>;
}

export type InboundOutcome =
  | 'new_case'
  | 'reply'
  | 'reply_after_close'
  | 'new_case_after_close'
  | 'held'
  | 'released'
  | 'discarded'
  | 'auto_reply'
  | 'bounce'
  | 'bounce_unmatched'
  | 'delivery_report'
  | 'loop';

export interface InboundMessagesTable {
  id: Generated<string>;
  organization_id: string;
  case_id: string | null;
  message_key: string;
  header_message_id: string | null;
  in_reply_to: string | null;
  references: Generated<string[]>;
  source: 'smtp' | 'imap' | 'release';
  envelope_from: string | null;
  envelope_to: Generated<string[]>;
  from_address: string | null;
  from_name: string | null;
  to_text: string | null;
  subject: string | null;
  body: string;
  body_stripped: string;
  outcome: InboundOutcome;
  warnings: Generated<string[]>;
  needs_attention: Generated<boolean>;
  bounced_message_id: string | null;
  raw: Buffer | null;
  raw_size: number;
  received_at: Timestamp;
  handled_by: string | null;
  handled_at: Timestamp | null;
}
