import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import type { CaseEvent } from '../cases/lifecycle.ts';

/**
 * What integrations can subscribe to. Every event is about one case and carries only what
 * identifies it (number, status, organization, time); the receiver reads the rest through the
 * API with a key that may see it.
 */
export const WEBHOOK_EVENT_TYPES = [
  'case.created',
  'case.registered',
  'case.assigned',
  'case.answered',
  'case.closed',
  'case.marked_spam',
  'case.reopened',
  'case.published',
  'case.unpublished',
  'case.disposed',
  'case.exported',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Each event in words (webhooks.event.<type>), for the admin page's choice of events. */
export const WEBHOOK_EVENT_LABEL = Object.fromEntries(WEBHOOK_EVENT_TYPES.map((t) => [t, sv(`webhooks.event.${t}`)])) as Record<WebhookEventType, string>;

/**
 * Which entries of a case's history are announced, and as what. Typed against every CaseEvent,
 * so a new lifecycle event does not compile until someone decides. Every way out of the process
 * is case.closed, the status in the payload saying which way, except spam: it ends 'not_handled'
 * like a case rejected for its content, so it has its own name (case.marked_spam) or a receiver
 * could not tell the two apart. The database trigger on case_events (migration
 * 2026-12-04T0910, which replaced 1610's) applies this same table, so every module that writes a
 * case's history is heard, in its own transaction; trigger.test.ts holds the two together.
 */
export const ANNOUNCED_HISTORY: Record<CaseEvent | 'received' | 'exported' | 'publication_published' | 'publication_withdrawn', WebhookEventType | null> = {
  received: 'case.created',
  register: 'case.registered',
  route: null,
  assign: 'case.assigned',
  start: null,
  wait: null,
  resume: null,
  answer: 'case.answered',
  close: 'case.closed',
  quick_close: 'case.closed',
  refer: 'case.closed',
  reject: 'case.closed',
  spam: 'case.marked_spam',
  merge: 'case.closed',
  withdraw: 'case.closed',
  reopen: 'case.reopened',
  exported: 'case.exported',
  publication_published: 'case.published',
  publication_withdrawn: 'case.unpublished',
};

export interface CaseWebhookEvent {
  type: WebhookEventType;
  organizationId: string;
  caseId: string;
  number: string;
  status: string;
  at: Date;
  /** Event-specific identifiers (never personal data). */
  extra?: Record<string, string>;
}

/**
 * Announces an event that leaves no entry in the case's history (a disposed case has none
 * left), in the caller's transaction: the same SQL function the history trigger uses records
 * it for every subscription that wants it, and a trigger gives the deliveries their job.
 */
export async function emitCaseEvent(tx: Executor, e: CaseWebhookEvent): Promise<void> {
  await sql`SELECT webhook_emit(${e.organizationId}::uuid, ${e.type}, ${e.caseId}::uuid, ${e.number}, ${e.status}, ${e.at}::timestamptz, ${JSON.stringify(e.extra ?? {})}::jsonb)`.execute(tx);
}
