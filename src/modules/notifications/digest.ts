import { sql } from 'kysely';
import type { TemplateKey } from '../../db/schema.ts';
import { swedishDate } from '../../platform/clock.ts';
import { CLOCK_RUNNING, OPEN_FOR_DEADLINES, loadDeadlineContext, type DeadlineContext } from '../deadlines/policies.ts';
import { fill, queueEmails, type NotifyDeps } from './outbox.ts';
import { orgPublicBase } from '../../platform/tenant.ts';
import { loadTemplate } from './templates.ts';
import { KIND_LABEL } from '../cases/labels.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

const hourFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' });
const hourIn = (d: Date) => Number(hourFormat.format(d));

/** The digest goes out on working days from this hour (Swedish time). */
export const DIGEST_HOUR = 7;

interface DigestCase {
  number: string;
  kind: string;
  status: string;
  received_at: Date;
  answer_by: string | null;
  unit_name: string | null;
  handler_name: string | null;
}


function digestList(base: string, sections: [string, DigestCase[]][]): string {
  return sections
    .filter(([, rows]) => rows.length)
    .map(
      ([title, rows]) =>
        `${title} (${rows.length}):\n` +
        rows
          .map(
            (r) =>
              `- ${r.number}, ${(KIND_LABEL as Record<string, string>)[r.kind] ?? r.kind}, ${r.unit_name ?? sv('notifications.digest.noUnit')}` +
              `${r.handler_name ? `, ${r.handler_name}` : ''}${r.answer_by ? sv('notifications.digest.answerBy', { date: r.answer_by }) : ''}\n  ${base}/handlaggning/arenden/${r.number}`,
          )
          .join('\n'),
    )
    .join('\n\n');
}

/**
 * The coordinators' daily digest: new, unassigned and overdue cases in their förvaltning.
 * Once per coordinator and day (dedupe key), on the organization's working days from 07:00,
 * not for those who opted out, and not when there is nothing to tell.
 */
export async function digestPass(deps: Pick<NotifyDeps, 'db' | 'publicUrl'>, now: Date, opts: { force?: boolean } = {}): Promise<number> {
  const today = swedishDate(now);
  if (!opts.force && hourIn(now) < DIGEST_HOUR) return 0;
  const grants = await deps.db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.name', 'u.email', 'u.organization_id', 'g.org_unit_id', 'o.name as org_name', 'o.slug', 'o.host_name', 'o.is_default'])
    .where('g.role', '=', 'coordinator')
    .where('u.active', '=', true)
    .where('u.digest_opt_out', '=', false)
    .execute();
  const byUser = new Map<string, { user: (typeof grants)[number]; units: (string | null)[] }>();
  for (const g of grants) {
    const entry = byUser.get(g.id) ?? { user: g, units: [] };
    entry.units.push(g.org_unit_id);
    byUser.set(g.id, entry);
  }
  const calendars = new Map<string, DeadlineContext>();
  let created = 0;
  for (const { user, units } of byUser.values()) {
    const dedupeKey = `digest:${user.id}:${today}`;
    const exists = await deps.db.selectFrom('messages').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    if (exists) continue;
    if (!calendars.has(user.organization_id)) calendars.set(user.organization_id, await loadDeadlineContext(deps.db, user.organization_id));
    if (!calendars.get(user.organization_id)!.calendar.isWorkingDay(today)) continue;
    const wholeOrg = units.includes(null);
    const unitIds = units.filter((u): u is string => u !== null);
    const last = await deps.db
      .selectFrom('messages')
      .select('created_at')
      .where('recipient_user_id', '=', user.id)
      .where('purpose', '=', 'digest')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const since = last?.created_at ?? new Date(now.getTime() - 24 * 3600_000);
    const base = deps.db
      .selectFrom('cases as c')
      .innerJoin('org_units as u', 'u.id', 'c.unit_id')
      .leftJoin('users as h', 'h.id', 'c.handler_id')
      .select(['c.number', 'c.kind', 'c.status', 'c.received_at', 'c.answer_by', 'u.name as unit_name', 'h.name as handler_name'])
      .where('c.organization_id', '=', user.organization_id)
      .where('c.status', 'in', [...OPEN_FOR_DEADLINES, 'answered'])
      .$if(!wholeOrg, (q) => q.where(sql<boolean>`u.ancestor_ids && ${unitIds}::uuid[]`))
      .orderBy('c.received_at')
      .limit(200);
    const [fresh, unassigned, overdue] = await Promise.all([
      base.where('c.registered_at', '>=', since).where('c.registered_at', '<=', now).execute(),
      base.where('c.status', '=', 'registered').execute(),
      base.where('c.status', 'in', [...CLOCK_RUNNING]).where('c.first_answered_at', 'is', null).where('c.answer_by', '<', today).execute(),
    ]);
    if (!fresh.length && !unassigned.length && !overdue.length) continue;
    const t = await loadTemplate(deps.db, user.organization_id, 'digest' as TemplateKey);
    const list = digestList(orgPublicBase(user, deps.publicUrl), [
      [sv('notifications.digest.fresh'), fresh],
      [sv('notifications.digest.unassigned'), unassigned],
      [sv('notifications.digest.overdue'), overdue],
    ]);
    const m = fill(t, { mottagare: user.name, organisation: user.org_name, lista: list });
    created += await deps.db.transaction().execute(async (tx) =>
      (await queueEmails(tx, [{ case_id: null, organization_id: user.organization_id, purpose: 'digest', recipient: user.email, recipient_user_id: user.id, ...m, dedupe_key: dedupeKey, created_at: now }], now)).length,
    );
  }
  return created;
}
