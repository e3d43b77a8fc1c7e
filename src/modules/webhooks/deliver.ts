import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Sealer } from '../../platform/crypto.ts';
import type { GuardedFetch } from '../../platform/internalNetwork.ts';
import { orgPublicBase } from '../../platform/tenant.ts';
import { DEFAULT_TIMEOUT_MS, postWebhook, type PostResult } from './http.ts';
import { reportAttempt, type AttemptOutcome } from './metrics.ts';
import { pauseSubscription } from './notice.ts';
import { DEFAULT_RETRY, nextDelay, RETRY_WINDOW_MS, type RetryPolicy } from './schedule.ts';
import { signedHeaders } from './signing.ts';

export interface WebhookDeps {
  db: Db;
  clock: Clock;
  /** Base URL of the installation, for the case links in payloads. */
  publicUrl: string;
  sealer: Sealer;
  /** platform/internalNetwork.ts guardedFetch under WEBHOOK_ALLOW_PRIVATE_TARGETS: no receiver on this machine or an internal network unless allowed. */
  fetch: GuardedFetch;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/** How many deliveries one job sends before handing the rest of the chain to a fresh job. */
const PER_RUN = 50;

export const SECRET_CONTEXT = 'webhook-secret';

/**
 * The job of one chain: the pending deliveries of one case to one subscription, oldest first.
 * It sends them one by one and stops at the first failure, which is retried later by a new job
 * for the chain (so a later event never overtakes an earlier one). graphile-worker runs one job
 * per queue name at a time; the queue is the chain.
 */
export async function deliverChain(deps: WebhookDeps, subscriptionId: string, chain: string): Promise<void> {
  const { db } = deps;
  for (let sent = 0; sent < PER_RUN; sent++) {
    const sub = await db
      .selectFrom('webhook_subscriptions as s')
      .innerJoin('organizations as o', 'o.id', 's.organization_id')
      .select(['s.id', 's.organization_id', 's.url', 's.secret_sealed', 's.status', 's.deleted_at', 's.failing_since', 'o.slug', 'o.host_name', 'o.is_default'])
      .where('s.id', '=', subscriptionId)
      .executeTakeFirst();
    if (!sub || sub.deleted_at || sub.status !== 'active') return;
    const head = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .select(['d.id', 'd.attempts', 'd.first_attempt_at', 'd.next_attempt_at', 'e.id as event_id', 'e.type', 'e.case_number', 'e.status', 'e.occurred_at', 'e.extra'])
      .where('d.subscription_id', '=', subscriptionId)
      .where('d.chain', '=', chain)
      .where('d.status', '=', 'pending')
      .orderBy('d.seq')
      .limit(1)
      .executeTakeFirst();
    if (!head) return;
    // Woken by a new event while the head waits for its retry: keep the head's time.
    if (head.next_attempt_at && head.next_attempt_at.getTime() > Date.now()) {
      await scheduleChain(db, subscriptionId, chain, head.next_attempt_at);
      return;
    }
    const body = payload(head, orgPublicBase(sub, deps.publicUrl));
    const secret = deps.sealer.open(sub.secret_sealed, SECRET_CONTEXT);
    // The timestamp is the attempt's, by the wall clock: receivers compare it with theirs.
    const result = await postWebhook(deps.fetch, sub.url, signedHeaders(secret, head.event_id, new Date(), body), body, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const outcome = await record(deps, { ...sub, chain }, head, result);
    reportAttempt({ organizationId: sub.organization_id, subscriptionId, eventType: head.type, outcome, statusCode: result.status, durationMs: result.durationMs });
    if (outcome === 'retrying' || outcome === 'paused') return;
  }
  await scheduleChain(db, subscriptionId, chain, new Date());
}

/** The thin payload: what happened to which case, and where to read it. */
export function payload(e: { type: string; case_number: string; status: string; occurred_at: Date; extra: Record<string, string> }, baseUrl: string): string {
  return JSON.stringify({
    type: e.type,
    timestamp: e.occurred_at.toISOString(),
    data: { caseNumber: e.case_number, status: e.status, ...e.extra, url: `${baseUrl}/api/v1/cases/${e.case_number}` },
  });
}

/** The chain's next job at a given time; replaces a pending one, and stands beside a running one (this). */
async function scheduleChain(db: Executor, subscriptionId: string, chain: string, at: Date): Promise<void> {
  const key = `webhook:${subscriptionId}:${chain}`;
  await sql`SELECT graphile_worker.add_job('webhook_deliver', ${JSON.stringify({ subscriptionId, chain })}::json,
      queue_name => ${key}::text, run_at => ${at}::timestamptz, max_attempts => 25, job_key => ${key}::text, job_key_mode => 'replace')`.execute(db);
}

interface Head {
  id: string;
  attempts: number;
  first_attempt_at: Date | null;
  type: string;
}

/** Keeps the attempt, moves the delivery on, and decides what the chain does next, in one transaction. */
async function record(
  deps: WebhookDeps,
  sub: { id: string; organization_id: string; failing_since: Date | null; chain: string },
  head: Head,
  result: PostResult,
): Promise<AttemptOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    await tx.insertInto('webhook_attempts').values({ delivery_id: head.id, attempted_at: now, duration_ms: result.durationMs, status_code: result.status, error: result.error }).execute();
    const attempts = head.attempts + 1;
    const first = head.first_attempt_at ?? now;
    const common = { attempts, first_attempt_at: first, last_attempt_at: now, last_status: result.status, last_error: result.error };
    if (result.ok) {
      await tx.updateTable('webhook_deliveries').set({ ...common, status: 'delivered', delivered_at: now, next_attempt_at: null }).where('id', '=', head.id).execute();
      await tx.updateTable('webhook_subscriptions').set({ failing_since: null }).where('id', '=', sub.id).where('failing_since', 'is not', null).execute();
      return 'delivered';
    }
    const failingSince = sub.failing_since ?? now;
    await tx.updateTable('webhook_subscriptions').set({ failing_since: failingSince }).where('id', '=', sub.id).execute();
    const pause = result.gone
      ? 'Mottagaren svarade 410 Gone: den vill inte ha fler leveranser.'
      : now.getTime() - failingSince.getTime() >= RETRY_WINDOW_MS
        ? 'Inga leveranser har lyckats på 24 timmar.'
        : null;
    // A paused subscription keeps its deliveries pending: they go out, in order, on resume.
    const delay = pause ? null : nextDelay(deps.retry ?? DEFAULT_RETRY, attempts, now.getTime() - first.getTime(), result.retryAfterSeconds);
    await tx
      .updateTable('webhook_deliveries')
      .set({ ...common, status: pause || delay !== null ? 'pending' : 'failed', next_attempt_at: delay === null ? null : new Date(Date.now() + delay) })
      .where('id', '=', head.id)
      .execute();
    if (pause) {
      await pauseSubscription(tx, deps, sub.id, pause);
      return 'paused';
    }
    if (delay === null) return 'failed';
    await scheduleChain(tx, sub.id, sub.chain, new Date(Date.now() + delay));
    return 'retrying';
  });
}
