import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../db/database.ts';
import type { CaseKind, MessagePurpose, TemplateKey } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate } from '../../platform/clock.ts';
import { enqueueSends } from '../../platform/jobs.ts';
import { statusTokenFor } from '../cases/statusToken.ts';
import { CLOCK_RUNNING, OPEN_FOR_DEADLINES, dueOn, loadDeadlineContext, longDate, nextReminderOn, policyFor, wantsEmailAck, type DeadlineContext } from '../deadlines/policies.ts';
import { loadTemplate, render, type Template, type TemplateValues } from './templates.ts';

/** What creating notifications needs: the status link is derived from the installation secret. */
export interface NotifyDeps {
  db: Db;
  clock: Clock;
  tokenSecret: Buffer;
  /** Base URL of the installation, for organizations without a host name of their own. */
  publicUrl: string;
}

interface OrgLike {
  slug: string;
  host_name: string | null;
  is_default: boolean;
}

/** Where an organization's pages are, seen from a mail program. */
export function orgBaseUrl(org: OrgLike, publicUrl: string): string {
  if (org.host_name) return `https://${org.host_name}`;
  return org.is_default ? publicUrl : `${publicUrl}/o/${org.slug}`;
}

export const statusLink = (deps: Pick<NotifyDeps, 'tokenSecret' | 'publicUrl'>, org: OrgLike, caseId: string) =>
  `${orgBaseUrl(org, deps.publicUrl)}/arende/${statusTokenFor(deps.tokenSecret, caseId)}`;
export const staffCaseLink = (publicUrl: string, org: OrgLike, number: string) => `${orgBaseUrl(org, publicUrl)}/handlaggning/arenden/${number}`;

export interface NewMessage {
  case_id: string | null;
  organization_id: string;
  purpose: MessagePurpose;
  recipient: string;
  recipient_user_id: string | null;
  subject: string;
  body: string;
  dedupe_key: string;
  created_by?: string | null;
  created_at: Date;
}

/**
 * Inserts e-mail messages unless one with the same dedupe key exists, and enqueues a send job
 * for each one inserted, in the caller's transaction. Returns the ids inserted.
 */
export async function queueEmails(tx: Executor, messages: NewMessage[], now: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = await tx
    .insertInto('messages')
    .values(messages.map((m) => ({ ...m, channel: 'email' as const, status: 'queued' as const, occurred_on: swedishDate(now), created_by: m.created_by ?? null })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  await enqueueSends(tx, ids);
  return ids;
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

/** Coordinators (synpunktsansvariga) for a unit: granted on the unit, an ancestor, or the whole organization. */
export async function coordinatorsFor(db: Executor, organizationId: string, unitPath: readonly string[]): Promise<Person[]> {
  return db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email'])
    .distinct()
    .where('u.organization_id', '=', organizationId)
    .where('u.active', '=', true)
    .where('g.role', '=', 'coordinator')
    .where((eb) => eb.or([eb('g.org_unit_id', 'is', null), ...(unitPath.length ? [eb('g.org_unit_id', 'in', [...unitPath])] : [])]))
    .orderBy('u.name')
    .execute();
}

/** Organization-wide registrars, or failing them admins: who hears about cases nobody else has. */
async function centralStaff(db: Executor, organizationId: string): Promise<Person[]> {
  for (const role of ['registrar', 'admin'] as const) {
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('role_grants as g', 'g.user_id', 'u.id')
      .select(['u.id', 'u.name', 'u.email'])
      .distinct()
      .where('u.organization_id', '=', organizationId)
      .where('u.active', '=', true)
      .where('g.role', '=', role)
      .where('g.org_unit_id', 'is', null)
      .orderBy('u.name')
      .execute();
    if (rows.length) return rows;
  }
  return [];
}

interface CaseInfo {
  id: string;
  number: string;
  organization_id: string;
  status: string;
  kind: CaseKind;
  anonymous: boolean;
  answer_by: string | null;
  ack_due_on: string | null;
  acknowledged_at: Date | null;
  unit_path: string[] | null;
  unit_name: string | null;
  forvaltning_name: string | null;
  handler_id: string | null;
  handler_name: string | null;
  handler_email: string | null;
  handler_active: boolean | null;
  contact_name: string | null;
  contact_email: string | null;
  reply_channel: string | null;
  org_name: string;
  slug: string;
  host_name: string | null;
  is_default: boolean;
}

/** A case with everything a message about it names, locked for the rest of the transaction. */
export async function lockCaseInfo(tx: Tx, caseId: string): Promise<CaseInfo | undefined> {
  const { rows } = await sql<CaseInfo>`
    SELECT c.id, c.number, c.organization_id, c.status, c.kind, c.anonymous, c.answer_by, c.ack_due_on, c.acknowledged_at,
      u.ancestor_ids AS unit_path, u.name AS unit_name, f.name AS forvaltning_name,
      c.handler_id, h.name AS handler_name, h.email AS handler_email, h.active AS handler_active,
      cc.name AS contact_name, cc.email AS contact_email, cc.reply_channel,
      o.name AS org_name, o.slug, o.host_name, o.is_default
    FROM cases c
    JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN org_units u ON u.id = c.unit_id
    LEFT JOIN org_units f ON f.id = u.ancestor_ids[1]
    LEFT JOIN users h ON h.id = c.handler_id
    LEFT JOIN case_contacts cc ON cc.case_id = c.id
    WHERE c.id = ${caseId}
    FOR UPDATE OF c
  `.execute(tx);
  return rows[0];
}

/** Who answers for the case, in words: the handler, else the förvaltning's synpunktsansvariga, else the registrar. */
export async function responsibleText(db: Executor, c: CaseInfo): Promise<string> {
  if (c.handler_name) return c.unit_name ? `${c.handler_name}, ${c.unit_name}` : c.handler_name;
  if (c.unit_path?.length) {
    const coordinators = await coordinatorsFor(db, c.organization_id, c.unit_path);
    const where = c.forvaltning_name ?? c.unit_name ?? c.org_name;
    return coordinators.length ? `${coordinators.map((p) => p.name).join(' och ')}, synpunktsansvarig för ${where}` : `Synpunktsansvarig för ${where}`;
  }
  return `Registratorn hos ${c.org_name}`;
}

function fill(t: Template, values: TemplateValues) {
  return { subject: render(t.subject, values), body: render(t.body, values) };
}

async function addMessageEvent(tx: Executor, caseId: string, now: Date, data: Record<string, unknown>, visibleToSubmitter: boolean) {
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, type: 'message', actor_label: 'Lyhörd', occurred_at: now, visible_to_submitter: visibleToSubmitter, data: JSON.stringify(data) })
    .execute();
}

/**
 * The acknowledgement (rule 12): to a submitter who gave an e-mail address and wants the answer
 * by e-mail, naming who is responsible and when the answer will come, with the status link.
 * Sent once (ack_due_on is cleared and the message has a dedupe key); nothing when no longer owed.
 */
export async function createAcknowledgement(tx: Tx, deps: Omit<NotifyDeps, 'db'>, caseId: string, now: Date): Promise<string | null> {
  const c = await lockCaseInfo(tx, caseId);
  if (!c || !c.ack_due_on) return null;
  const owed =
    !c.acknowledged_at && (OPEN_FOR_DEADLINES as readonly string[]).includes(c.status) && wantsEmailAck(c.anonymous, c.contact_email ? { email: c.contact_email, replyChannel: c.reply_channel ?? 'none' } : null);
  if (!owed) {
    await tx.updateTable('cases').set({ ack_due_on: null }).where('id', '=', c.id).execute();
    return null;
  }
  const template = await loadTemplate(tx, c.organization_id, 'acknowledgement');
  const m = fill(template, {
    arendenummer: c.number,
    namn: c.contact_name ?? '',
    handlaggare: await responsibleText(tx, c),
    svarsdatum: c.answer_by ? longDate(c.answer_by) : '',
    statuslank: statusLink(deps, c, c.id),
    organisation: c.org_name,
  });
  const [id] = await queueEmails(tx, [{ case_id: c.id, organization_id: c.organization_id, purpose: 'acknowledgement', recipient: c.contact_email!, recipient_user_id: null, ...m, dedupe_key: `acknowledgement:${c.id}`, created_at: now }], now);
  await tx.updateTable('cases').set({ ack_due_on: null, acknowledged_at: now }).where('id', '=', c.id).execute();
  if (id) await addMessageEvent(tx, c.id, now, { purpose: 'acknowledgement', messageId: id }, true);
  return id ?? null;
}

/** Catches acknowledgements owed whose day has come (a case still waiting for the registrar, say). */
export async function acknowledgementPass(deps: NotifyDeps, now: Date, batchSize = 200): Promise<number> {
  const today = swedishDate(now);
  let created = 0;
  for (;;) {
    const done = await deps.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('cases')
        .select('id')
        .where('ack_due_on', '<=', today)
        .orderBy('ack_due_on')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const { id } of due) if (await createAcknowledgement(tx, deps, id, now)) created++;
      return due.length < batchSize;
    });
    if (done) return created;
  }
}

interface DueRow {
  id: string;
  number: string;
  organization_id: string;
  kind: CaseKind;
  status: string;
  answer_by: string;
  first_answered_at: Date | null;
  reminders_sent: number;
  escalated_at: Date | null;
  unit_id: string | null;
  unit_path: string[] | null;
  handler_id: string | null;
  handler_name: string | null;
  handler_email: string | null;
  handler_active: boolean | null;
  org_name: string;
  slug: string;
  host_name: string | null;
  is_default: boolean;
}

export interface PassResult {
  /** Cases whose next reminder day had come. */
  cases: number;
  /** Messages created. */
  messages: number;
}

/**
 * The reminder pass (rule 15): for every case whose next reminder day has come, remind the
 * handler (as many times as the policy says) and escalate to the förvaltning's coordinators.
 * Reads only the due cases, through the partial index on next_reminder_on, in batches locked
 * with SKIP LOCKED, so several runners share the work; the dedupe keys make a message at most
 * once even if two passes meet the same case.
 */
export async function reminderPass(deps: Pick<NotifyDeps, 'db' | 'publicUrl'>, now: Date, batchSize = 1000): Promise<PassResult> {
  const today = swedishDate(now);
  const result: PassResult = { cases: 0, messages: 0 };
  const contexts = new Map<string, DeadlineContext>();
  const templates = new Map<string, Template>();
  const coordinators = new Map<string, Person[]>();
  const central = new Map<string, Person[]>();
  const cached = async <T>(map: Map<string, T>, key: string, load: () => Promise<T>) => {
    if (!map.has(key)) map.set(key, await load());
    return map.get(key)!;
  };

  for (;;) {
    const n = await deps.db.transaction().execute(async (tx) => {
      const { rows } = await sql<DueRow>`
        SELECT c.id, c.number, c.organization_id, c.kind, c.status, c.answer_by, c.first_answered_at, c.reminders_sent, c.escalated_at,
          c.unit_id, u.ancestor_ids AS unit_path, c.handler_id, h.name AS handler_name, h.email AS handler_email, h.active AS handler_active,
          o.name AS org_name, o.slug, o.host_name, o.is_default
        FROM cases c
        JOIN organizations o ON o.id = c.organization_id
        LEFT JOIN org_units u ON u.id = c.unit_id
        LEFT JOIN users h ON h.id = c.handler_id
        WHERE c.next_reminder_on <= ${today}
        ORDER BY c.next_reminder_on
        LIMIT ${batchSize}
        FOR UPDATE OF c SKIP LOCKED
      `.execute(tx);
      const messages: NewMessage[] = [];
      const updates: { id: string; reminders_sent: number; escalated_at: Date | null; next_reminder_on: string | null }[] = [];
      for (const c of rows) {
        const ctx = await cached(contexts, c.organization_id, () => loadDeadlineContext(tx, c.organization_id));
        const cal = ctx.calendar;
        const p = policyFor(ctx, c.kind);
        if (c.first_answered_at || !(CLOCK_RUNNING as readonly string[]).includes(c.status)) {
          updates.push({ id: c.id, reminders_sent: c.reminders_sent, escalated_at: c.escalated_at, next_reminder_on: null });
          continue;
        }
        const due = dueOn(cal, p, c.answer_by, c.reminders_sent, c.escalated_at !== null, today);
        const vars = { arendenummer: c.number, svarsdatum: longDate(c.answer_by), arendelank: staffCaseLink(deps.publicUrl, c, c.number), organisation: c.org_name, handlaggare: c.handler_name ?? 'ingen handläggare utsedd' };
        const coord = () => cached(coordinators, `${c.organization_id}:${c.unit_id}`, () => coordinatorsFor(tx, c.organization_id, c.unit_path ?? []));
        const centralStaffOf = () => cached(central, c.organization_id, () => centralStaff(tx, c.organization_id));
        let remindersSent = c.reminders_sent;
        let escalatedAt = c.escalated_at;
        if (due.reminder) {
          const handler = c.handler_id && c.handler_active && c.handler_email ? [{ id: c.handler_id, name: c.handler_name!, email: c.handler_email }] : [];
          const to = handler.length ? handler : (await coord()).length ? await coord() : await centralStaffOf();
          const t = await cached(templates, `${c.organization_id}:reminder`, () => loadTemplate(tx, c.organization_id, 'reminder'));
          for (const person of to) {
            messages.push({
              case_id: c.id,
              organization_id: c.organization_id,
              purpose: 'reminder',
              recipient: person.email,
              recipient_user_id: person.id,
              ...fill(t, { ...vars, mottagare: person.name }),
              dedupe_key: `reminder:${c.id}:${c.answer_by}:${remindersSent + 1}:${person.id}`,
              created_at: now,
            });
          }
          remindersSent++;
        }
        if (due.escalation) {
          const to = (await coord()).length ? await coord() : await centralStaffOf();
          const t = await cached(templates, `${c.organization_id}:escalation`, () => loadTemplate(tx, c.organization_id, 'escalation'));
          for (const person of to) {
            messages.push({
              case_id: c.id,
              organization_id: c.organization_id,
              purpose: 'escalation',
              recipient: person.email,
              recipient_user_id: person.id,
              ...fill(t, { ...vars, mottagare: person.name }),
              dedupe_key: `escalation:${c.id}:${c.answer_by}:${person.id}`,
              created_at: now,
            });
          }
          escalatedAt = now;
        }
        let next = nextReminderOn(cal, p, c.answer_by, remindersSent, escalatedAt !== null);
        // At most one round per case and day, also after the system was down for a while.
        if (next !== null && next <= today) next = cal.addWorkingDays(today, 1);
        updates.push({ id: c.id, reminders_sent: remindersSent, escalated_at: escalatedAt, next_reminder_on: next });
      }
      for (let i = 0; i < messages.length; i += 1000) result.messages += (await queueEmails(tx, messages.slice(i, i + 1000), now)).length;
      if (updates.length) {
        await sql`
          UPDATE cases c SET reminders_sent = v.reminders_sent, escalated_at = v.escalated_at, next_reminder_on = v.next_reminder_on
          FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.reminders_sent)}::int[],
                      ${updates.map((u) => u.escalated_at)}::timestamptz[], ${updates.map((u) => u.next_reminder_on)}::date[])
            AS v(id, reminders_sent, escalated_at, next_reminder_on)
          WHERE c.id = v.id
        `.execute(tx);
      }
      return rows.length;
    });
    result.cases += n;
    if (n < batchSize) return result;
  }
}

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

const KIND_LABEL: Record<string, string> = { klagomal: 'Klagomål', fraga: 'Fråga', berom: 'Beröm', forslag: 'Förslag' };

function digestList(base: string, sections: [string, DigestCase[]][]): string {
  return sections
    .filter(([, rows]) => rows.length)
    .map(
      ([title, rows]) =>
        `${title} (${rows.length}):\n` +
        rows
          .map(
            (r) =>
              `- ${r.number}, ${KIND_LABEL[r.kind] ?? r.kind}, ${r.unit_name ?? 'ingen enhet'}` +
              `${r.handler_name ? `, ${r.handler_name}` : ''}${r.answer_by ? `, svar senast ${r.answer_by}` : ''}\n  ${base}/handlaggning/arenden/${r.number}`,
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
    const list = digestList(orgBaseUrl(user, deps.publicUrl), [
      ['Nya ärenden sedan förra sammanställningen', fresh],
      ['Ärenden utan handläggare', unassigned],
      ['Ärenden där svarstiden har gått ut', overdue],
    ]);
    const m = fill(t, { mottagare: user.name, organisation: user.org_name, lista: list });
    created += await deps.db.transaction().execute(async (tx) =>
      (await queueEmails(tx, [{ case_id: null, organization_id: user.organization_id, purpose: 'digest', recipient: user.email, recipient_user_id: user.id, ...m, dedupe_key: dedupeKey, created_at: now }], now)).length,
    );
  }
  return created;
}
