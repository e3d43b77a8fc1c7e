import type { Executor } from '../../db/database.ts';
import { webhookId } from './signing.ts';

/** The latest deliveries of a subscription, newest first, each with its attempts: the delivery log. */
export async function listDeliveries(db: Executor, subscriptionId: string, limit = 100) {
  const deliveries = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.status', 'd.attempts', 'd.created_at', 'd.last_attempt_at', 'd.next_attempt_at', 'd.last_status', 'd.last_error', 'd.delivered_at', 'e.id as event_id', 'e.type', 'e.case_number', 'e.status as case_status'])
    .where('d.subscription_id', '=', subscriptionId)
    .orderBy('d.seq', 'desc')
    .limit(limit)
    .execute();
  const ids = deliveries.map((d) => d.id);
  const attempts = ids.length
    ? await db.selectFrom('webhook_attempts').select(['delivery_id', 'attempted_at', 'duration_ms', 'status_code', 'error']).where('delivery_id', 'in', ids).orderBy('id').execute()
    : [];
  return deliveries.map((d) => ({ ...d, webhookId: webhookId(d.event_id), attemptLog: attempts.filter((a) => a.delivery_id === d.id) }));
}
export type DeliveryLogItem = Awaited<ReturnType<typeof listDeliveries>>[number];
