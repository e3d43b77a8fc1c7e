import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { scopeToActor } from '../cases/listQueries.ts';
import type { Actor } from '../cases/policy.ts';

/** The registrar's inbox: everything received and not yet registered, oldest first. */
export async function listInbox(db: Executor, actor: Actor, opts: { page: number; pageSize: number }) {
  const base = scopeToActor(db.selectFrom('cases as c'), actor).where('c.status', '=', 'received');
  const [rows, count] = await Promise.all([
    base
      .leftJoin('org_units as su', 'su.id', 'c.suggested_unit_id')
      .select(['c.id', 'c.number', 'c.kind', 'c.channel', 'c.received_at', 'c.anonymous', 'c.confidential', 'c.is_internal', 'su.name as suggested_unit_name', sql<string>`left(c.description, 140)`.as('excerpt')])
      .orderBy('c.received_at', 'asc')
      .orderBy('c.id')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type InboxRow = Awaited<ReturnType<typeof listInbox>>['rows'][number];

/** Standard replies the organization has written for referrals and rejections, if any. */
export async function findReplyTemplate(db: Executor, organizationId: string, purpose: 'referral' | 'not_handled', referralType?: string) {
  let q = db
    .selectFrom('response_templates')
    .select(['title', 'body'])
    .where('organization_id', '=', organizationId)
    .where('purpose', '=', purpose)
    .where('active', '=', true);
  if (referralType) q = q.where('referral_type', '=', referralType);
  return q.orderBy('sort_order').executeTakeFirst();
}
