import type { Generated } from 'kysely';
import type { Json, Timestamp } from './columns.ts';

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  organization_id: string;
  url: string;
  description: Generated<string>;
  event_types: string[];
  secret_sealed: Buffer;
  allow_insecure: Generated<boolean>;
  status: Generated<'active' | 'paused'>;
  paused_at: Timestamp | null;
  pause_reason: string | null;
  failing_since: Timestamp | null;
  created_by: string | null;
  created_by_key: string | null;
  created_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

export interface WebhookEventsTable {
  id: Generated<string>;
  organization_id: string;
  type: string;
  case_id: string;
  case_number: string;
  status: string;
  occurred_at: Timestamp;
  extra: Json<Record<string, string>>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  seq: Generated<string>;
  event_id: string;
  subscription_id: string;
  chain: string;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  created_at: Timestamp;
  attempts: Generated<number>;
  first_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
}

export interface WebhookAttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  attempted_at: Timestamp;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}
