import type { Executor } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { logAdminChange } from '../admin/log.ts';
import { queueEmails } from '../notifications/outbox.ts';
import { orgPublicBase } from '../../platform/tenant.ts';

/**
 * Stops deliveries to a subscription that keeps failing (or that asked us to stop), and tells
 * the organization's admins by e-mail and in the admin log, in the caller's transaction.
 * Deliveries keep being recorded while it is paused; resuming sends them.
 */
export async function pauseSubscription(tx: Executor, deps: { clock: Clock; publicUrl: string }, subscriptionId: string, reason: string): Promise<void> {
  const now = deps.clock.now();
  const sub = await tx
    .updateTable('webhook_subscriptions')
    .set({ status: 'paused', paused_at: now, pause_reason: reason })
    .where('id', '=', subscriptionId)
    .where('status', '=', 'active')
    .returning(['id', 'organization_id', 'url'])
    .executeTakeFirst();
  if (!sub) return;
  await logAdminChange(tx, {
    organizationId: sub.organization_id,
    actor: { id: null, name: 'Lyhörd' },
    action: 'deactivate',
    entityType: 'webhook',
    entityId: sub.id,
    summary: `Webhooken till ${sub.url} pausades: ${reason}`,
    now,
  });
  const org = await tx.selectFrom('organizations').select(['name', 'slug', 'host_name', 'is_default']).where('id', '=', sub.organization_id).executeTakeFirstOrThrow();
  const admins = await tx
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.email'])
    .distinct()
    .where('u.organization_id', '=', sub.organization_id)
    .where('u.active', '=', true)
    .where('g.role', '=', 'admin')
    .where('g.org_unit_id', 'is', null)
    .execute();
  const link = `${orgPublicBase(org, deps.publicUrl)}/admin/webhooks/${sub.id}`;
  await queueEmails(
    tx,
    admins.map((a) => ({
      case_id: null,
      organization_id: sub.organization_id,
      purpose: 'other' as const,
      recipient: a.email,
      recipient_user_id: a.id,
      subject: `Webhook pausad: ${sub.url}`,
      body: [
        `Hej!`,
        ``,
        `Lyhörd har slutat skicka händelser till ${sub.url} för ${org.name}.`,
        `Orsak: ${reason}`,
        ``,
        `Händelserna sparas och skickas när webhooken återupptas. Se leveransloggen och återuppta den här:`,
        link,
      ].join('\n'),
      dedupe_key: `webhook-paused:${sub.id}:${now.toISOString()}:${a.id}`,
      created_at: now,
    })),
    now,
  );
}
