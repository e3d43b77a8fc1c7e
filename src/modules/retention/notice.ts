import type { Db } from '../../db/database.ts';
import { swedishDate } from '../../platform/clock.ts';
import { queueEmails } from '../notifications/outbox.ts';
import { orgPublicBase } from '../../platform/tenant.ts';
import { countNewlyDue, dueSummary } from './due.ts';
import { rulesWithText } from './disposal.ts';
import { countOf } from '../../platform/i18n/countOf.ts';

/**
 * The daily notice to the records officers: what has become due for disposal since the last
 * notice. It never disposes of anything: that takes a decision (disposal.ts).
 * The archivists get it; an organization without one, its organization admins.
 */
export async function retentionNoticePass(deps: { db: Db; publicUrl: string }, now: Date): Promise<number> {
  const today = swedishDate(now);
  const orgs = await deps.db
    .selectFrom('organizations as o')
    .leftJoin('retention_settings as s', 's.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'o.slug', 'o.host_name', 'o.is_default', 's.due_notified_through'])
    .where('o.active', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('retention_rules as r').select('r.id').whereRef('r.organization_id', '=', 'o.id')))
    .execute();
  let sent = 0;
  for (const org of orgs) {
    if (org.due_notified_through && org.due_notified_through >= today) continue;
    const rules = await rulesWithText(deps.db, org.id);
    const fresh = await countNewlyDue(deps.db, org.id, org.due_notified_through, today, rules);
    const officers = fresh > 0 ? await recordsOfficers(deps.db, org.id) : [];
    const summary = fresh > 0 ? await dueSummary(deps.db, org.id, today, rules) : undefined;
    const link = `${orgPublicBase(org, deps.publicUrl)}/admin/arkiv/gallring`;
    sent += await deps.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('retention_settings')
        .values({ organization_id: org.id, due_notified_through: today, updated_at: now })
        .onConflict((oc) => oc.column('organization_id').doUpdateSet({ due_notified_through: today }))
        .execute();
      if (!summary || officers.length === 0) return 0;
      const body = [
        `Hej!`,
        ``,
        `${fresh === 1 ? 'Ett ärende' : `${fresh} ärenden`} i ${org.name} har blivit att gallra enligt gallringsplanen sedan förra beskedet.`,
        `Totalt väntar ${countOf(summary.total, 'ärende', 'ärenden')} på beslut om gallring.`,
        ...(summary.held ? [`${countOf(summary.held, 'ärende har', 'ärenden har')} bevarandestopp och gallras inte.`] : []),
        ...(summary.deliveryDue ? [`${countOf(summary.deliveryDue, 'ärende som ska bevaras är klart', 'ärenden som ska bevaras är klara')} att levereras till e-arkivet.`] : []),
        ``,
        `Inget gallras utan beslut. Gör en provkörning och verkställ gallringen med beslutets referens här:`,
        link,
        ``,
        `Lyhörd`,
      ].join('\n');
      const ids = await queueEmails(
        tx,
        officers.map((o) => ({
          case_id: null,
          organization_id: org.id,
          // 'other' is what mail without a case to staff uses (integrations' migration 1600).
          purpose: 'other' as const,
          recipient: o.email,
          recipient_user_id: o.id,
          subject: `Ärenden att gallra i ${org.name}`,
          body,
          dedupe_key: `retention_notice:${o.id}:${today}`,
          created_at: now,
        })),
        now,
      );
      return ids.length;
    });
  }
  return sent;
}

/** Archivists of the whole organization; without any, its organization admins. */
export async function recordsOfficers(db: Db, organizationId: string) {
  const people = await db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.name', 'g.role'])
    .where('u.organization_id', '=', organizationId)
    .where('u.active', '=', true)
    .where('g.org_unit_id', 'is', null)
    .where('g.role', 'in', ['archivist', 'admin'])
    .orderBy('u.email')
    .execute();
  const archivists = people.filter((p) => p.role === 'archivist');
  const chosen = archivists.length ? archivists : people;
  return [...new Map(chosen.map((p) => [p.id, p])).values()];
}
