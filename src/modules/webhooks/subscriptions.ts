import { sv } from '../../platform/i18n/catalogue.ts';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import type { Sealer } from '../../platform/crypto.ts';
import { DomainError } from '../../platform/errors.ts';
import { DENY_PRIVATE, reachesInternalNetwork, type NetworkPolicy } from '../../platform/internalNetwork.ts';
import { logAdminChange } from '../admin/log.ts';
import { SECRET_CONTEXT } from './deliver.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events.ts';
import { generateSecret } from './signing.ts';

export const MAX_URL = 2000;
export const MAX_DESCRIPTION = 200;

export interface SubscriptionInput {
  url: string;
  eventTypes: string[];
  description: string;
  /** Plain http to another host than localhost. */
  allowInsecure: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLocal = (hostname: string) => LOCAL_HOSTS.has(hostname) || hostname.endsWith('.localhost');

/** Field → message in Swedish; empty when the input is fine. Pure, so pages and the API say the same. */
export function subscriptionProblems(input: SubscriptionInput): Record<string, string> {
  const problems: Record<string, string> = {};
  const url = input.url.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!url) problems.url = sv('webhooks.validation.urlMissing');
  else if (url.length > MAX_URL) problems.url = sv('webhooks.validation.urlTooLong', { max: String(MAX_URL) });
  else if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) problems.url = sv('webhooks.validation.urlInvalid');
  else if (parsed.username || parsed.password) problems.url = sv('webhooks.validation.urlCredentials');
  else if (parsed.protocol === 'http:' && !isLocal(parsed.hostname) && !input.allowInsecure) {
    problems.url = sv('webhooks.validation.urlInsecure');
  }
  const types = input.eventTypes;
  if (types.length === 0) problems.eventTypes = sv('webhooks.validation.eventsMissing');
  else if (types.some((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t))) problems.eventTypes = sv('webhooks.validation.eventsUnknown', { types: WEBHOOK_EVENT_TYPES.join(', ') });
  if ([...input.description].length > MAX_DESCRIPTION) problems.description = sv('webhooks.validation.descriptionTooLong', { max: String(MAX_DESCRIPTION) });
  return problems;
}

export interface Creator {
  organizationId: string;
  /** A person (the admin page) or an API key. */
  userId: string | null;
  apiKeyId: string | null;
  name: string;
}

/**
 * Creates a subscription; the secret is returned this once and only kept sealed. `network`
 * (WEBHOOK_ALLOW_PRIVATE_TARGETS) says which receivers may be on this machine or an internal
 * network: an organization's admin must not be able to probe them through the delivery log.
 * Checked here so the admin is told at once, and again at every delivery (a name may resolve
 * differently later).
 */
export async function createSubscription(db: Db, sealer: Sealer, by: Creator, input: SubscriptionInput, now: Date, network: NetworkPolicy = DENY_PRIVATE) {
  const problems = subscriptionProblems(input);
  if (!problems.url) {
    const { hostname } = new URL(input.url.trim());
    if (await reachesInternalNetwork(network, hostname)) problems.url = sv('webhooks.validation.urlInternal', { host: hostname });
  }
  if (Object.keys(problems).length > 0) throw new DomainError('invalid', sv('webhooks.validation.invalid'), problems);
  const secret = generateSecret();
  const eventTypes = WEBHOOK_EVENT_TYPES.filter((t) => input.eventTypes.includes(t));
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('webhook_subscriptions')
      .values({
        organization_id: by.organizationId,
        url: input.url.trim(),
        description: input.description.trim(),
        event_types: eventTypes,
        secret_sealed: sealer.seal(secret, SECRET_CONTEXT),
        allow_insecure: input.allowInsecure,
        created_by: by.userId,
        created_by_key: by.apiKeyId,
        created_at: now,
      })
      .returning(['id', 'url', 'description', 'event_types', 'status', 'allow_insecure', 'created_at'])
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, {
      organizationId: by.organizationId,
      actor: { id: by.userId, name: by.name },
      action: 'create',
      entityType: 'webhook',
      entityId: row.id,
      summary: sv('webhooks.log.created', { url: row.url }),
      after: { url: row.url, eventTypes, allowInsecure: input.allowInsecure },
      now,
    });
    return { ...row, secret };
  });
}

const listColumns = ['s.id', 's.url', 's.description', 's.event_types', 's.status', 's.allow_insecure', 's.paused_at', 's.pause_reason', 's.failing_since', 's.created_at'] as const;

export async function listSubscriptions(db: Executor, organizationId: string) {
  return db
    .selectFrom('webhook_subscriptions as s')
    .select([...listColumns, sql<number>`(SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending')::int`.as('pending')])
    .where('s.organization_id', '=', organizationId)
    .where('s.deleted_at', 'is', null)
    .orderBy('s.created_at')
    .execute();
}
export type SubscriptionItem = Awaited<ReturnType<typeof listSubscriptions>>[number];

export async function findSubscription(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom('webhook_subscriptions as s')
    .select([...listColumns, sql<number>`(SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending')::int`.as('pending')])
    .where('s.organization_id', '=', organizationId)
    .where('s.id', '=', id)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Stops all deliveries for good. The row stays (deleted_at) for the admin log's sake; its pending deliveries are dropped. */
export async function deleteSubscription(db: Db, by: Creator, id: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('webhook_subscriptions')
      .set({ deleted_at: now })
      .where('id', '=', id)
      .where('organization_id', '=', by.organizationId)
      .where('deleted_at', 'is', null)
      .returning(['id', 'url'])
      .executeTakeFirst();
    if (!row) return false;
    await tx.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).where('status', '=', 'pending').execute();
    await logAdminChange(tx, { organizationId: by.organizationId, actor: { id: by.userId, name: by.name }, action: 'delete', entityType: 'webhook', entityId: id, summary: sv('webhooks.log.removed', { url: row.url }), now });
    return true;
  });
}

/** Starts a paused subscription again: every pending delivery is sent, in order, from now. */
export async function resumeSubscription(db: Db, by: Creator, id: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('webhook_subscriptions')
      .set({ status: 'active', paused_at: null, pause_reason: null, failing_since: null })
      .where('id', '=', id)
      .where('organization_id', '=', by.organizationId)
      .where('deleted_at', 'is', null)
      .where('status', '=', 'paused')
      .returning(['id', 'url'])
      .executeTakeFirst();
    if (!row) return false;
    // A fresh 24-hour window for what waited, due now.
    await tx.updateTable('webhook_deliveries').set({ first_attempt_at: null, next_attempt_at: null }).where('subscription_id', '=', id).where('status', '=', 'pending').execute();
    await sql`SELECT graphile_worker.add_jobs(ARRAY(
        SELECT ROW('webhook_deliver', json_build_object('subscriptionId', ${id}::uuid, 'chain', c.chain), 'webhook:' || ${id} || ':' || c.chain, NULL, 25, 'webhook:' || ${id} || ':' || c.chain, NULL, NULL)::graphile_worker.job_spec
        FROM (SELECT DISTINCT chain FROM webhook_deliveries WHERE subscription_id = ${id}::uuid AND status = 'pending') c))`.execute(tx);
    await logAdminChange(tx, { organizationId: by.organizationId, actor: { id: by.userId, name: by.name }, action: 'activate', entityType: 'webhook', entityId: id, summary: sv('webhooks.log.resumed', { url: row.url }), now });
    return true;
  });
}

export type { WebhookEventType };
