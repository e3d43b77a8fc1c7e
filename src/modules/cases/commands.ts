import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { CasesTable, CaseKind, Channel, MessageChannel, ReplyChannel } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate, swedishYear } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { allocateCaseNumber } from './numbering.ts';
import type { CaseEvent, Outcome, ReferralType } from './lifecycle.ts';
import { can, canSee, hasRole, type Actor } from './policy.ts';
import { lockCaseForChange, policyCase, unitPath } from './queries.ts';
import { hashStatusToken, statusTokenFor } from './statusToken.ts';
import { sha256 } from '../../platform/secrets.ts';
import { checkVersion, transition } from './transition.ts';
import { enqueueSends } from '../../platform/jobs.ts';
import { deadlinesForNewCase } from '../deadlines/hooks.ts';
import { receivedAtProblem } from './receivedAt.ts';

export interface CaseDeps {
  db: Db;
  clock: Clock;
  tokenSecret: Buffer;
}

interface Target {
  actor: Actor;
  number: string;
  expectedVersion?: number;
}

const orgOf = (t: Target) => t.actor.organizationId;

export interface Classification {
  kind: CaseKind;
  areaId: string;
  subcategoryId: string | null;
  significance: 'important' | 'routine';
  confidential: boolean;
  confidentialityRef: string | null;
  unitId: string;
}

async function checkCategories(tx: Tx, organizationId: string, c: { areaId: string; subcategoryId: string | null; unitId: string }) {
  const area = await tx.selectFrom('categories').select('id').where('id', '=', c.areaId).where('organization_id', '=', organizationId).where('level', '=', 'area').where('active', '=', true).executeTakeFirst();
  if (!area) throw new DomainError('invalid', 'Området finns inte.', { areaId: 'Välj ett område i listan.' });
  if (c.subcategoryId) {
    const path = await unitPath(tx, organizationId, c.unitId);
    const sub = await tx
      .selectFrom('categories')
      .select('org_unit_id')
      .where('id', '=', c.subcategoryId)
      .where('organization_id', '=', organizationId)
      .where('level', '=', 'subcategory')
      .where('active', '=', true)
      .executeTakeFirst();
    if (!sub || !path || !path.ancestor_ids.includes(sub.org_unit_id!)) {
      throw new DomainError('invalid', 'Underkategorin hör inte till den valda förvaltningen.', { subcategoryId: 'Välj en underkategori som hör till den valda förvaltningen.' });
    }
  }
}

/** Registrar: classify and route a received case. */
export async function registerCase(deps: CaseDeps, t: Target & { classification: Classification }) {
  const c = t.classification;
  return deps.db.transaction().execute(async (tx) => {
    await checkCategories(tx, orgOf(t), c);
    const now = deps.clock.now();
    return transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'register',
      expectedVersion: t.expectedVersion,
      now,
      changes: {
        kind: c.kind,
        area_id: c.areaId,
        subcategory_id: c.subcategoryId,
        significance: c.significance,
        confidential: c.confidential,
        confidentiality_ref: c.confidential ? c.confidentialityRef : null,
        unit_id: c.unitId,
        registered_at: now,
        registered_by: t.actor.kind === 'user' ? t.actor.id : null,
      },
      data: { kind: c.kind, areaId: c.areaId, subcategoryId: c.subcategoryId, significance: c.significance, confidential: c.confidential, confidentialityRef: c.confidentialityRef, unitId: c.unitId },
    });
  });
}

/** Is this user someone who can handle cases in this unit? */
async function checkHandler(tx: Tx, organizationId: string, handlerId: string, unitId: string | null) {
  const path = unitId ? ((await unitPath(tx, organizationId, unitId))?.ancestor_ids ?? []) : [];
  const ok = await tx
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', handlerId)
    .where('u.organization_id', '=', organizationId)
    .where('u.active', '=', true)
    .where('g.role', 'in', ['handler', 'coordinator', 'admin'])
    .where((eb) => eb.or([eb('g.org_unit_id', 'is', null), ...(path.length ? [eb('g.org_unit_id', 'in', path)] : [])]))
    .executeTakeFirst();
  if (!ok) throw new DomainError('invalid', 'Handläggaren kan inte ta emot ärenden i den här enheten.', { handlerId: 'Välj en handläggare som arbetar i enheten.' });
}

/** Coordinator: send to a unit (clears the handler). */
export async function routeCase(deps: CaseDeps, t: Target & { unitId: string }) {
  return deps.db.transaction().execute((tx) =>
    transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: 'route', expectedVersion: t.expectedVersion, now: deps.clock.now(), changes: { unit_id: t.unitId, handler_id: null }, data: { unitId: t.unitId } }),
  );
}

/** Coordinator: assign (or reassign) to a unit and a handler. */
export async function assignCase(deps: CaseDeps, t: Target & { unitId?: string; handlerId: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const current = await lockCaseForChange(tx, orgOf(t), t.number);
    // Not visible answers 404 before anything else, so the handler check below reveals nothing.
    if (!current || !canSee(t.actor, policyCase(current))) throw notFound('Ärendet');
    const unitId = t.unitId ?? current.unit_id;
    await checkHandler(tx, orgOf(t), t.handlerId, unitId);
    return transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'assign',
      expectedVersion: t.expectedVersion,
      now: deps.clock.now(),
      changes: { unit_id: unitId, handler_id: t.handlerId },
      data: { unitId, handlerId: t.handlerId, previousHandlerId: current.handler_id },
    });
  });
}

/** Transitions that carry nothing but a reason: start, wait, resume, withdraw, reopen. */
export async function simpleTransition(deps: CaseDeps, t: Target & { event: Extract<CaseEvent, 'start' | 'wait' | 'resume' | 'withdraw' | 'reopen'>; comment?: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const changes =
      t.event === 'wait' ? { paused_since: now } : t.event === 'resume' ? { paused_since: null } : t.event === 'reopen' ? { closed_at: null, outcome: null } : t.event === 'withdraw' ? { closed_at: now } : {};
    return transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: t.event, expectedVersion: t.expectedVersion, now, changes, data: t.comment ? { comment: t.comment } : {} });
  });
}

export interface AnswerInput {
  channel: MessageChannel;
  subject?: string;
  body: string;
  /** For a phone call: the day it was made. */
  occurredOn?: string;
}

async function addMessage(
  tx: Tx,
  caseRow: { id: string; contact_email: string | null; contact_phone: string | null; contact_address: string | null; contact_name: string | null; number: string },
  actor: Actor,
  purpose: 'answer' | 'referral' | 'not_handled',
  m: AnswerInput,
  now: Date,
  /** Already said or sent outside the system (a quick case answered on the spot): recorded, never queued. */
  alreadyDelivered = false,
) {
  const recipient = m.channel === 'email' ? caseRow.contact_email : m.channel === 'phone' ? caseRow.contact_phone : caseRow.contact_address;
  if (!recipient) {
    const what = { email: 'e-postadress', phone: 'telefonnummer', letter: 'postadress' }[m.channel];
    throw new DomainError('invalid', `Synpunktslämnaren har inte lämnat någon ${what}.`, { channel: `Det finns ingen ${what} att svara till. Välj ett annat sätt.` });
  }
  const msg = await tx
    .insertInto('messages')
    .values({
      case_id: caseRow.id,
      purpose,
      channel: m.channel,
      recipient: m.channel === 'letter' ? [caseRow.contact_name, recipient].filter(Boolean).join('\n') : recipient,
      subject: m.subject ?? `Svar på din synpunkt ${caseRow.number}`,
      body: m.body,
      // E-mail waits in the outbox for the mail transport; letters and calls are done by a person.
      status: m.channel === 'email' && !alreadyDelivered ? 'queued' : 'recorded',
      occurred_on: m.channel === 'phone' ? (m.occurredOn ?? swedishDate(now)) : swedishDate(now),
      created_by: actor.kind === 'user' ? actor.id : null,
      created_at: now,
    })
    .returning(['id', 'status'])
    .executeTakeFirstOrThrow();
  // The send job commits with the message, or neither does (notifications/send.ts).
  if (msg.status === 'queued') await enqueueSends(tx, [msg.id]);
  return msg;
}

/** Handler: answer by the channel the submitter asked for. */
export async function answerCase(deps: CaseDeps, t: Target & { message: AnswerInput }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row) throw notFound('Ärendet');
    if (!can(t.actor, 'view', policyCase(row))) throw notFound('Ärendet');
    checkVersion(row, t.expectedVersion);
    const result = await transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'answer',
      now,
      changes: { first_answered_at: row.first_answered_at ?? now, paused_since: null },
      data: { channel: t.message.channel },
    });
    const msg = await addMessage(tx, row, t.actor, 'answer', t.message, now);
    return { ...result, messageId: msg.id };
  });
}

/** Handler: record the measures taken and close with an outcome. */
export async function closeCase(deps: CaseDeps, t: Target & { outcome: Outcome; measures?: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const result = await transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'close',
      expectedVersion: t.expectedVersion,
      now,
      changes: { outcome: t.outcome, closed_at: now },
      data: { outcome: t.outcome, measures: t.measures || null },
    });
    if (t.measures?.trim()) await addEvent(tx, result.id, t.actor, 'measure', now, { text: t.measures });
    return result;
  });
}

/** Not a synpunkt: refer elsewhere with a standard reply (if the submitter can be reached). */
export function referCase(deps: CaseDeps, t: Target & { referralType: ReferralType; reply?: AnswerInput }) {
  return endWithReply(deps, t, 'refer', 'referral', (now) => ({ referral_type: t.referralType, closed_at: now }), { referralType: t.referralType });
}

/** Offensive content: not handled, with the standard reply. */
export function rejectCase(deps: CaseDeps, t: Target & { reason: string; reply?: AnswerInput }) {
  return endWithReply(deps, t, 'reject', 'not_handled', (now) => ({ outcome: 'not_handled', closed_at: now }), { reason: t.reason });
}

/** Ends a case that is not a synpunkt, and sends the standard reply when the submitter can be reached. */
async function endWithReply(
  deps: CaseDeps,
  t: Target & { reply?: AnswerInput },
  event: 'refer' | 'reject',
  purpose: 'referral' | 'not_handled',
  changes: (now: Date) => Updateable<CasesTable>,
  data: Record<string, unknown>,
) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row) throw notFound('Ärendet');
    const result = await transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event, expectedVersion: t.expectedVersion, now, changes: changes(now), data });
    if (t.reply && !row.anonymous) await addMessage(tx, row, t.actor, purpose, t.reply, now);
    return result;
  });
}

/** Duplicate: merge into another case of the same organization, linked both ways in the history. */
export async function mergeCase(deps: CaseDeps, t: Target & { intoNumber: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const into = await otherCase(tx, orgOf(t), t.intoNumber);
    // A case the actor may not see does not exist for them, here too.
    if (!into || into.number === t.number || !canSee(t.actor, policyCase(into))) throw new DomainError('invalid', 'Ärendet att slå ihop med finns inte.', { intoNumber: 'Skriv numret på ett annat ärende, till exempel SYN-2026-00042.' });
    if (into.status === 'merged') throw new DomainError('invalid', 'Det ärendet är självt sammanslaget.', { intoNumber: 'Välj ärendet som det andra slogs ihop med.' });
    const result = await transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: 'merge', expectedVersion: t.expectedVersion, now, changes: { merged_into_id: into.id, closed_at: now }, data: { into: into.number } });
    await addEvent(tx, into.id, t.actor, 'link', now, { merged: t.number });
    return result;
  });
}

/** Another case named by its number (merge target, linked case), with what canSee needs. */
async function otherCase(tx: Tx, organizationId: string, number: string) {
  return tx
    .selectFrom('cases as c')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.status', 'c.number', 'c.organization_id', 'c.handler_id', 'c.confidential', 'u.ancestor_ids as unit_path'])
    .where('c.organization_id', '=', organizationId)
    .where('c.number', '=', number.trim().toUpperCase())
    .executeTakeFirst();
}

async function addEvent(tx: Tx, caseId: string, actor: Actor, type: string, now: Date, data: Record<string, unknown>, visibleToSubmitter = false) {
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, type, actor_user_id: actor.kind === 'user' ? actor.id : null, actor_label: actor.name, occurred_at: now, visible_to_submitter: visibleToSubmitter, data: JSON.stringify(data) })
    .execute();
}

/** Internal note: never shown to the submitter. */
export async function addNote(deps: CaseDeps, t: Target & { text: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row || !canSee(t.actor, policyCase(row))) throw notFound('Ärendet');
    if (!can(t.actor, 'note', policyCase(row))) throw new DomainError('conflict', 'Du har inte behörighet att skriva anteckningar i ärendet.');
    await addEvent(tx, row.id, t.actor, 'note', deps.clock.now(), { text: t.text });
  });
}

/** Related cases: linked both ways, nothing else changes. */
export async function linkCases(deps: CaseDeps, t: Target & { otherNumber: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row || !canSee(t.actor, policyCase(row))) throw notFound('Ärendet');
    if (!can(t.actor, 'link', policyCase(row))) throw new DomainError('conflict', 'Du har inte behörighet att länka ärendet.');
    const other = await otherCase(tx, orgOf(t), t.otherNumber);
    if (!other || other.id === row.id || !canSee(t.actor, policyCase(other))) throw new DomainError('invalid', 'Ärendet att länka finns inte.', { otherNumber: 'Skriv numret på ett annat ärende, till exempel SYN-2026-00042.' });
    await tx.insertInto('case_links').values([{ case_id: row.id, linked_case_id: other.id }, { case_id: other.id, linked_case_id: row.id }]).onConflict((oc) => oc.doNothing()).execute();
    const now = deps.clock.now();
    await addEvent(tx, row.id, t.actor, 'link', now, { linked: other.number });
    await addEvent(tx, other.id, t.actor, 'link', now, { linked: row.number });
  });
}

export interface OnBehalfInput {
  kind: CaseKind;
  description: string;
  channel: Exclude<Channel, 'web'>;
  receivedAt: Date;
  /** The staff member asked the person before registering (Hjo routine). */
  confirmedWithSubmitter: boolean;
  contact: null | { name: string; email: string | null; phone: string | null; address: string | null; replyChannel: ReplyChannel };
  suggestedUnitId?: string | null;
  internal?: boolean;
  /** The staff form's id: posted twice (a double-click), it finds the case it already made. */
  formId?: string;
}

const staffSubmissionKey = (formId: string | undefined) => (formId && /^[A-Za-z0-9_-]{16,64}$/.test(formId) ? sha256(`staff-submission:${formId}`) : null);

/** The case a repeated post of the same staff form already made, if any. */
async function alreadyRegistered(deps: CaseDeps, organizationId: string, formId: string | undefined) {
  const key = staffSubmissionKey(formId);
  if (!key) return undefined;
  const row = await deps.db.selectFrom('cases').select(['id', 'number']).where('organization_id', '=', organizationId).where('submission_key', '=', key).executeTakeFirst();
  return row && { ...row, token: statusTokenFor(deps.tokenSecret, row.id) };
}

/** Runs an insert of a staff-registered case; a concurrent double post that lost the race gets the winner's case. */
async function oncePerForm<T>(deps: CaseDeps, organizationId: string, formId: string | undefined, insert: () => Promise<T>): Promise<T | { id: string; number: string; token: string }> {
  try {
    return await insert();
  } catch (err) {
    const existing = (err as { code?: string; constraint?: string }).constraint === 'cases_submission' ? await alreadyRegistered(deps, organizationId, formId) : undefined;
    if (existing) return existing;
    throw err;
  }
}

/**
 * Staff record feedback received by phone, letter, visit …: it lands in the registrar's inbox
 * like a web submission, with the real date received and the channel.
 */
export async function registerOnBehalf(deps: CaseDeps, actor: Actor, input: OnBehalfInput): Promise<{ id: string; number: string; token: string }> {
  if (!mayRegisterOnBehalf(actor)) throw notFound();
  if (!input.confirmedWithSubmitter && input.channel !== 'internal') {
    throw new DomainError('invalid', 'Fråga personen innan du registrerar synpunkten åt dem.', { confirmed: 'Bekräfta att personen vill att du registrerar synpunkten.' });
  }
  const now = deps.clock.now();
  const timeProblem = receivedAtProblem(input.receivedAt, now);
  if (timeProblem) throw new DomainError('invalid', `${timeProblem}.`, { receivedAt: timeProblem });
  const existing = await alreadyRegistered(deps, actor.organizationId, input.formId);
  if (existing) return existing;
  const id = crypto.randomUUID();
  const token = statusTokenFor(deps.tokenSecret, id);
  const number = await allocateCaseNumber(deps.db, actor.organizationId, swedishYear(input.receivedAt));
  return oncePerForm(deps, actor.organizationId, input.formId, async () => {
    await deps.db.transaction().execute((tx) => insertStaffCase(tx, actor, input, { id, number, token, now }));
    return { id, number, token };
  });
}

async function insertStaffCase(tx: Tx, actor: Actor, input: OnBehalfInput & { unitId?: string }, k: { id: string; number: string; token: string; now: Date }) {
  const { id, number, token, now } = k;
  {
    const deadlines = await deadlinesForNewCase(tx, { organizationId: actor.organizationId, kind: input.kind, receivedAt: input.receivedAt, anonymous: input.contact === null, contact: input.contact });
    await tx
      .insertInto('cases')
      .values({
        id,
        organization_id: actor.organizationId,
        number,
        kind: input.kind,
        channel: input.channel,
        description: input.description,
        anonymous: input.contact === null,
        is_internal: input.internal ?? false,
        received_at: input.receivedAt,
        suggested_unit_id: input.suggestedUnitId ?? input.unitId ?? null,
        unit_id: input.unitId ?? null,
        status_token_hash: hashStatusToken(token),
        submission_key: staffSubmissionKey(input.formId),
        channel_confirmed: input.confirmedWithSubmitter,
        created_at: now,
        ...deadlines,
      })
      .execute();
    if (input.contact) {
      const c = input.contact;
      await tx.insertInto('case_contacts').values({ case_id: id, name: c.name, email: c.email, phone: c.phone, address: c.address, reply_channel: c.replyChannel }).execute();
    }
    await tx
      .insertInto('case_events')
      .values({
        case_id: id,
        type: 'received',
        to_status: 'received',
        actor_user_id: actor.kind === 'user' ? actor.id : null,
        actor_label: actor.name,
        occurred_at: now,
        visible_to_submitter: true,
        data: JSON.stringify({ channel: input.channel, receivedAt: input.receivedAt.toISOString(), registeredOnBehalf: true, confirmedWithSubmitter: input.confirmedWithSubmitter }),
      })
      .execute();
  }
}

export interface QuickCaseInput extends OnBehalfInput {
  classification: Classification;
  outcome: Outcome;
  measures?: string;
  /**
   * What was answered on the spot, if anything: kept in the history, and also as a recorded (never
   * sent) message when a channel is given (the answer went by phone, e-mail or letter).
   */
  answer?: Omit<AnswerInput, 'channel'> & { channel?: MessageChannel };
}

/**
 * Snabbsynpunkt: registered, answered and closed in one step by the person who dealt with it
 * (on the phone, at the counter, on social media).
 */
export async function quickCase(deps: CaseDeps, actor: Actor, input: QuickCaseInput): Promise<{ id: string; number: string }> {
  if (!mayRegisterOnBehalf(actor)) throw notFound();
  if (!input.confirmedWithSubmitter) {
    throw new DomainError('invalid', 'Fråga personen innan du registrerar synpunkten åt dem.', { confirmed: 'Bekräfta att personen vill att du registrerar synpunkten.' });
  }
  const now = deps.clock.now();
  const c = input.classification;
  const id = crypto.randomUUID();
  const token = statusTokenFor(deps.tokenSecret, id);
  const quickTimeProblem = receivedAtProblem(input.receivedAt, deps.clock.now());
  if (quickTimeProblem) throw new DomainError('invalid', `${quickTimeProblem}.`, { receivedAt: quickTimeProblem });
  const existing = await alreadyRegistered(deps, actor.organizationId, input.formId);
  if (existing) return existing;
  const number = await allocateCaseNumber(deps.db, actor.organizationId, swedishYear(input.receivedAt));
  return oncePerForm(deps, actor.organizationId, input.formId, () => deps.db.transaction().execute(async (tx) => {
    await checkCategories(tx, actor.organizationId, c);
    await insertStaffCase(tx, actor, { ...input, unitId: c.unitId }, { id, number, token, now });
    await tx.updateTable('cases').set({ is_quick: true }).where('id', '=', id).execute();
    await transition(tx, {
      actor,
      organizationId: actor.organizationId,
      number,
      event: 'quick_close',
      now,
      changes: {
        kind: c.kind,
        area_id: c.areaId,
        subcategory_id: c.subcategoryId,
        significance: c.significance,
        confidential: c.confidential,
        confidentiality_ref: c.confidential ? c.confidentialityRef : null,
        handler_id: actor.kind === 'user' ? actor.id : null,
        registered_at: now,
        registered_by: actor.kind === 'user' ? actor.id : null,
        first_answered_at: input.answer ? now : null,
        outcome: input.outcome,
        closed_at: now,
      },
      // The answer text lives in the event too, so an answer given at the counter is not lost.
      data: { outcome: input.outcome, quick: true, answeredOnSpot: input.answer?.body ?? null },
    });
    const channel = input.answer?.channel;
    if (input.answer && channel && input.contact) {
      const row = (await lockCaseForChange(tx, actor.organizationId, number))!;
      await addMessage(tx, row, actor, 'answer', { ...input.answer, channel }, now, true);
    }
    if (input.measures?.trim()) await addEvent(tx, id, actor, 'measure', now, { text: input.measures });
    return { id, number };
  }));
}

/** Whether an actor may register feedback on someone's behalf: any staff member who works with cases. */
export const mayRegisterOnBehalf = (actor: Actor) => hasRole(actor, 'registrar', 'coordinator', 'handler', 'admin');
