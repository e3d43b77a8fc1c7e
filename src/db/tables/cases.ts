import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Json, Timestamp } from './columns.ts';

export type CaseKind = 'klagomal' | 'fraga' | 'berom' | 'forslag';
export type Channel = 'web' | 'email' | 'phone' | 'letter' | 'visit' | 'social_media' | 'sms' | 'paper_form' | 'internal' | 'api' | 'open311';
export type ReplyChannel = 'email' | 'phone' | 'letter' | 'none';

export interface CasesTable {
  id: Generated<string>;
  organization_id: string;
  number: string;
  status: Generated<string>;
  kind: CaseKind;
  channel: Channel;
  description: string;
  language: string | null;
  location: string | null;
  anonymous: boolean;
  is_internal: Generated<boolean>;
  is_quick: Generated<boolean>;
  received_at: Timestamp;
  suggested_unit_id: string | null;
  unit_id: string | null;
  handler_id: string | null;
  area_id: string | null;
  subcategory_id: string | null;
  significance: 'important' | 'routine' | null;
  confidential: Generated<boolean>;
  confidentiality_ref: string | null;
  outcome: string | null;
  referral_type: string | null;
  merged_into_id: string | null;
  forwarded_to_case_id: string | null;
  registered_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  first_answered_at: Timestamp | null;
  closed_at: Timestamp | null;
  acknowledge_by: DateOnly | null;
  answer_by: DateOnly | null;
  paused_since: Timestamp | null;
  legal_hold: Generated<boolean>;
  dispose_after: DateOnly | null;
  status_token_hash: Buffer;
  submission_key: Buffer | null;
  content_hash: Buffer | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  search: ColumnType<string, never, never>;
  registered_by: string | null;
  channel_confirmed: Generated<boolean>;
  /** Deadline bookkeeping (migration 0900): see modules/deadlines. */
  paused_working_days: Generated<number>;
  deadline_extended: Generated<boolean>;
  ack_due_on: DateOnly | null;
  next_reminder_on: DateOnly | null;
  reminders_sent: Generated<number>;
  escalated_at: Timestamp | null;
  forwarded_from_case_id: string | null;
  /** The submitter said "Publicera inte min synpunkt" (migration 2026-12-01T1300). */
  publication_opt_out: Generated<boolean>;
  /** Where, for Open311 (migration 1600): WGS84 coordinates; the address string is in location. */
  latitude: number | null;
  longitude: number | null;
  media_url: string | null;
  /** Records (migration 2026-12-01T1500): see modules/retention. */
  disposed_at: Timestamp | null;
  contact_pseudonymised_at: Timestamp | null;
  delivered_package_id: string | null;
  delivered_at: Timestamp | null;
}

export interface CaseContactsTable {
  case_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  reply_channel: ReplyChannel;
  created_at: Generated<Date>;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor_user_id: string | null;
  actor_label: string | null;
  occurred_at: Generated<Date>;
  visible_to_submitter: Generated<boolean>;
  data: Json;
}

export interface CaseLinksTable {
  case_id: string;
  linked_case_id: string;
  created_at: Generated<Date>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  case_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: Buffer;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Generated<Date>;
  /** The mail it came with (modules/mailin), if any. */
  inbound_message_id: string | null;
}
