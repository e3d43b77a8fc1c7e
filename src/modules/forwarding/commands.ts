import type { Executor, Tx } from '../../db/database.ts';
import { queueEmails, statusLink } from '../notifications/outbox.ts';
import { submitterI18n } from '../notifications/submitterMail.ts';
import { swedishYear } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { allocateCaseNumber } from '../cases/numbering.ts';
import { addMessage } from '../cases/messages.ts';
import { can, type Actor } from '../cases/policy.ts';
import { questionChannel } from '../cases/submitterQuestion.ts';
import { lockCaseForChange, policyCase, type LockedCase } from '../cases/queries.ts';
import { newCaseId } from '../cases/caseId.ts';
import { hashStatusToken, statusTokenFor } from '../cases/statusToken.ts';
import { transition } from '../cases/transition.ts';
import { deadlinesForNewCase } from '../deadlines/hooks.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The other organizations of the installation a case can be forwarded to: names only. */
export async function forwardingTargets(db: Executor, fromOrganizationId: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('id', '<>', fromOrganizationId).where('active', '=', true).orderBy('name').execute();
}

/** Whether this actor may forward this case: the same people who may refer it elsewhere. */
export const mayForward = (actor: Actor, c: Parameters<typeof can>[2]) => can(actor, 'refer', c);

/**
 * Whether this actor is one who forwards this case at all, were it still undistributed: the page
 * is theirs (it may say the case has gone too far); for everyone else it does not exist.
 */
export const mayForwardAtAll = (actor: Actor, c: Parameters<typeof can>[2]) => can(actor, 'refer', { ...c, status: 'received' });

export interface ForwardResult {
  fromNumber: string;
  toNumber: string;
  toOrganizationName: string;
  delivery: ForwardDelivery;
}

/**
 * Forwards a case to another organization of the same installation (DOMAIN rule 11). In one
 * transaction: the case here is referred ('other_organization'), and a new received case is made
 * there with the description, kind, channel, arrival time and the submitter's contact details.
 * The two are linked both ways (cases.forwarded_to_case_id / forwarded_from_case_id and an event
 * on each). Nothing else of either organization is read or written by the other.
 */
export async function forwardCase(deps: CaseDeps, t: { actor: Actor; number: string; toOrganizationId: string; comment?: string; expectedVersion?: number }): Promise<ForwardResult> {
  const fromOrg = t.actor.organizationId;
  // Not a UUID (a tampered form): no organization, and PostgreSQL is not asked (it would fail on the cast).
  const target = UUID.test(t.toOrganizationId) ? await deps.db.selectFrom('organizations').select(['id', 'name', 'active']).where('id', '=', t.toOrganizationId).executeTakeFirst() : undefined;
  if (!target || !target.active || target.id === fromOrg) {
    throw new DomainError('invalid', sv('forwarding.error.otherOrganization'), { toOrganizationId: sv('forwarding.error.otherOrganizationField') });
  }
  const source = await deps.db.selectFrom('cases').select(['id', 'received_at']).where('organization_id', '=', fromOrg).where('number', '=', t.number).executeTakeFirst();
  if (!source) throw notFound(sv('forwarding.routes.theCase'));
  const now = deps.clock.now();
  const newId = newCaseId();
  // Numbering is gap-tolerant and outside the transaction, like every other new case.
  const newNumber = await allocateCaseNumber(deps.db, target.id, swedishYear(source.received_at));
  const fromOrgName = (await deps.db.selectFrom('organizations').select('name').where('id', '=', fromOrg).executeTakeFirstOrThrow()).name;

  const delivery = await deps.db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, fromOrg, t.number);
    if (!row || !can(t.actor, 'view', policyCase(row))) throw notFound(sv('forwarding.routes.theCase'));
    if (row.forwarded_to_case_id) throw new DomainError('conflict', sv('forwarding.routes.alreadyForwarded'));
    const contact = await tx.selectFrom('case_contacts').selectAll().where('case_id', '=', row.id).executeTakeFirst();

    const deadlines = await deadlinesForNewCase(tx, {
      organizationId: target.id,
      kind: row.kind,
      receivedAt: row.received_at,
      anonymous: row.anonymous,
      contact: contact ? { email: contact.email, replyChannel: contact.reply_channel } : null,
    });
    await tx
      .insertInto('cases')
      .values({
        id: newId,
        organization_id: target.id,
        number: newNumber,
        kind: row.kind,
        channel: row.channel,
        description: row.description,
        language: row.language,
        location: row.location,
        anonymous: row.anonymous,
        is_internal: false,
        received_at: row.received_at,
        status_token_hash: hashStatusToken(statusTokenFor(deps.tokenSecret, newId)),
        forwarded_from_case_id: row.id,
        // Rule 6: whether the person was asked before staff registered it for them travels with the case.
        channel_confirmed: row.channel_confirmed,
        ...deadlines,
      })
      .execute();
    if (contact) {
      await tx.insertInto('case_contacts').values({ case_id: newId, name: contact.name, email: contact.email, phone: contact.phone, address: contact.address, reply_channel: contact.reply_channel }).execute();
    }
    await tx
      .insertInto('case_events')
      .values({
        case_id: newId,
        type: 'received',
        to_status: 'received',
        actor_label: sv('forwarding.event.forwardedFrom', { organization: fromOrgName }),
        occurred_at: now,
        visible_to_submitter: true,
        data: JSON.stringify({ channel: row.channel, forwardedFrom: { organization: fromOrgName, number: row.number }, comment: t.comment || null }),
      })
      .execute();

    await transition(tx, {
      actor: t.actor,
      organizationId: fromOrg,
      number: t.number,
      event: 'refer',
      expectedVersion: t.expectedVersion,
      now,
      changes: { referral_type: 'other_organization', closed_at: now, forwarded_to_case_id: newId },
      data: { referralType: 'other_organization', forwardedTo: { organization: target.name, number: newNumber }, comment: t.comment || null },
    });
    return tellSubmitter(tx, deps, t.actor, { row, newId, newNumber, toOrganizationId: target.id, toName: target.name, fromName: fromOrgName, now });
  });
  return { fromNumber: t.number, toNumber: newNumber, toOrganizationName: target.name, delivery };
}

/** The other half of a forwarded case, as this organization may show it: the other organization's name and the number there. */
export async function forwardingLinks(db: Executor, c: { forwarded_to_case_id: string | null; forwarded_from_case_id: string | null }) {
  const pick = (id: string | null) =>
    id
      ? db.selectFrom('cases as x').innerJoin('organizations as o', 'o.id', 'x.organization_id').select(['x.number', 'o.name as organization']).where('x.id', '=', id).executeTakeFirst()
      : Promise.resolve(undefined);
  const [to, from] = await Promise.all([pick(c.forwarded_to_case_id), pick(c.forwarded_from_case_id)]);
  return { to: to ?? null, from: from ?? null };
}

/** How the submitter was told of the forward: the page after it says what is left for staff to do. */
export type ForwardDelivery = 'email' | 'letter' | 'phone' | 'none';

/**
 * The submitter learns where their feedback went, its number there and the link to follow it, in
 * their language and the way the product reaches them for a question (questionChannel): an e-mail is
 * sent; a letter (printable like an answer) or what to say on the phone is recorded on the case for
 * staff. The message shows on the status page; an anonymous submitter sees it there only.
 */
async function tellSubmitter(
  tx: Tx,
  deps: CaseDeps,
  actor: Actor,
  f: { row: LockedCase; newId: string; newNumber: string; toOrganizationId: string; toName: string; fromName: string; now: Date },
): Promise<ForwardDelivery> {
  const channel = f.row.anonymous ? null : questionChannel(f.row);
  if (!channel) return 'none';
  const to = await tx.selectFrom('organizations').select(['slug', 'host_name', 'is_default']).where('id', '=', f.toOrganizationId).executeTakeFirstOrThrow();
  const i18n = submitterI18n(f.row.language);
  const values = { number: i18n.ltr(f.row.number), newNumber: i18n.ltr(f.newNumber), org: f.toName, fromOrg: f.fromName, statusLink: i18n.ltr(statusLink({ tokenSecret: deps.tokenSecret, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }, to, f.newId)) };
  const subject = i18n.t('mail.forwarded.subject', values);
  const body = i18n.t('mail.forwarded.body', values);
  if (channel !== 'email') {
    await addMessage(tx, f.row, actor, 'referral', { channel, subject, body }, f.now);
    return channel;
  }
  await queueEmails(tx, [{
    case_id: f.row.id,
    organization_id: f.row.organization_id,
    purpose: 'referral',
    recipient: f.row.contact_email!,
    recipient_user_id: null,
    subject,
    body,
    dedupe_key: `forwarded:${f.row.id}`,
    created_at: f.now,
  }], f.now);
  return 'email';
}
