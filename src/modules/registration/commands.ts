import type { Tx } from '../../db/database.ts';
import type { CaseKind, Channel, MessageChannel, ReplyChannel } from '../../db/schema.ts';
import { swedishYear } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { sha256 } from '../../platform/secrets.ts';
import { checkCategories, type CaseDeps, type Classification } from '../cases/commands.ts';
import type { Outcome } from '../cases/lifecycle.ts';
import { addEvent, addMessage, type AnswerInput } from '../cases/messages.ts';
import { allocateCaseNumber } from '../cases/numbering.ts';
import { hasRole, type Actor } from '../cases/policy.ts';
import { lockCaseForChange } from '../cases/queries.ts';
import { receivedAtProblem } from '../cases/receivedAt.ts';
import { newCaseId } from '../cases/caseId.ts';
import { hashStatusToken, statusTokenFor } from '../cases/statusToken.ts';
import { transition } from '../cases/transition.ts';
import { deadlinesForNewCase } from '../deadlines/hooks.ts';
import type { UploadedFile } from '../intake/attachments.ts';

export interface OnBehalfInput {
  kind: CaseKind;
  description: string;
  /** web: a citizen's own submission through an e-service platform; open311: through a map app. */
  channel: Channel;
  receivedAt: Date;
  /** The staff member asked the person before registering (Hjo routine). */
  confirmedWithSubmitter: boolean;
  /** The person said no to publishing a de-identified version (DOMAIN 19), as the web form lets them. */
  publicationOptOut?: boolean;
  contact: null | { name: string; email: string | null; phone: string | null; address: string | null; replyChannel: ReplyChannel };
  suggestedUnitId?: string | null;
  internal?: boolean;
  /** The staff form's id: posted twice (a double-click), it finds the case it already made. */
  formId?: string;
  /** Integrations (api/newCase.ts, open311/) add what their way in knows. */
  more?: IntegrationExtras;
}

export interface IntegrationExtras {
  /** The language the person wrote in (BCP 47), when the e-service knows it. */
  language?: string | null;
  /** Where: WGS84 coordinates and/or an address as the person wrote it. */
  place?: { latitude: number | null; longitude: number | null; address: string | null };
  mediaUrl?: string | null;
  /** What the way in already tells (an Open311 service): kept on the received case for the registrar to confirm. */
  areaId?: string | null;
  subcategoryId?: string | null;
  /** The person's own files, checked by the form's rules (intake/attachments.ts). */
  attachments?: readonly UploadedFile[];
}

/** Channels where the person submitted it themselves (through an integration), not staff on their behalf. */
const OWN_CHANNELS: ReadonlySet<Channel> = new Set(['web', 'open311']);

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
  const id = newCaseId();
  const token = statusTokenFor(deps.tokenSecret, id);
  const number = await allocateCaseNumber(deps.db, actor.organizationId, swedishYear(input.receivedAt));
  return oncePerForm(deps, actor.organizationId, input.formId, async () => {
    await deps.db.transaction().execute((tx) => insertStaffCase(tx, actor, input, { id, number, token, now }));
    return { id, number, token };
  });
}

async function insertStaffCase(tx: Tx, actor: Actor, input: OnBehalfInput & { unitId?: string }, k: { id: string; number: string; token: string; now: Date }) {
  const { id, number, token, now } = k;
  const more = input.more ?? {};
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
        publication_opt_out: input.publicationOptOut ?? false,
        created_at: now,
        language: more.language ?? null,
        location: more.place?.address ?? null,
        latitude: more.place?.latitude ?? null,
        longitude: more.place?.longitude ?? null,
        media_url: more.mediaUrl ?? null,
        area_id: more.areaId ?? null,
        subcategory_id: more.subcategoryId ?? null,
        ...deadlines,
      })
      .execute();
    if (input.contact) {
      const c = input.contact;
      await tx.insertInto('case_contacts').values({ case_id: id, name: c.name, email: c.email, phone: c.phone, address: c.address, reply_channel: c.replyChannel }).execute();
    }
    if (more.attachments?.length) {
      // The person's own files: uploaded_by null, as from the public form.
      await tx
        .insertInto('attachments')
        .values(more.attachments.map((f) => ({ case_id: id, filename: f.filename, content_type: f.contentType, size_bytes: f.content.length, sha256: f.sha256, content: f.content, uploaded_by: null, created_at: now })))
        .execute();
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
        data: JSON.stringify({
          channel: input.channel,
          receivedAt: input.receivedAt.toISOString(),
          registeredOnBehalf: !OWN_CHANNELS.has(input.channel),
          confirmedWithSubmitter: input.confirmedWithSubmitter,
          ...(input.publicationOptOut ? { publicationOptOut: true } : {}),
        }),
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
  const id = newCaseId();
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
