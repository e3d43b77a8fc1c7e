import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db, Tx } from '../../db/database.ts';
import type { RedactionChoices } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { Status } from '../cases/lifecycle.ts';
import type { Actor } from '../cases/policy.ts';
import { lockCaseForChange, policyCase, type LockedCase } from '../cases/queries.ts';
import { organizationContacts } from '../deidentify/organizationContacts.ts';
import { checkPublicText, type Flag } from './guard.ts';
import { addToLexicon, removeFromLexicon } from './lexicon.ts';
import { hasPrivateLink } from './privateLinks.ts';
import { approvalRefusal, mayPublish, publicationRefusals } from './policy.ts';

/**
 * Writing, approving and withdrawing a case's public version. Each command is one transaction
 * that locks the case and its publication, checks the policy, the refusals and the revision the
 * person saw, and writes the change with its event in the case's history.
 */

export interface PublicationDeps {
  db: Db;
  clock: Clock;
}

export interface PublicText {
  title: string;
  question: string;
  answer: string;
}

export interface Target {
  actor: Actor;
  number: string;
  /** The publication revision the person saw; 0 when there was none yet. */
  revision: number;
}

export const STALE_PUBLICATION = sv('publication.commands.stale');

const conflict = (message: string, reason: string) => new DomainError('conflict', message, { reason });

async function lockForPublication(tx: Tx, t: Target) {
  const row = await lockCaseForChange(tx, t.actor.organizationId, t.number);
  if (!row || !mayPublish(t.actor, policyCase(row))) throw notFound('Ärendet');
  const pub = await tx.selectFrom('publications').selectAll().where('case_id', '=', row.id).forUpdate().executeTakeFirst();
  if ((pub?.revision ?? 0) !== t.revision) throw conflict(STALE_PUBLICATION, 'stale_version');
  return { row, pub };
}

function refuseUnpublishable(row: LockedCase) {
  const reasons = publicationRefusals({ status: row.status as Status, anonymous: row.anonymous, internal: row.is_internal, confidential: row.confidential, optedOut: row.publication_opt_out });
  if (reasons.length > 0) throw conflict(reasons.join(' '), 'not_publishable');
}

// Validation tells the person first; this guard holds for every way in, also a draft saved before the check.
function refusePrivateLinks(text: PublicText) {
  const field = (['title', 'question', 'answer'] as const).find((f) => hasPrivateLink(text[f]));
  if (field) throw new DomainError('invalid', sv('publication.validation.privateLink'), { [field]: sv('publication.validation.privateLink') });
}

const FIELD_WORD: Record<string, string> = { title: sv('publication.page.fieldTitle'), question: sv('publication.page.fieldQuestion'), answer: sv('publication.page.fieldAnswer') };
const kindWord = (k: string) => sv(`publication.kind.${k === 'postal_code' ? 'postalCode' : k === 'bank_account' ? 'bankAccount' : k}` as never);
/** "personnummer i svaret, e-postadress i rubriken": never the values, which would end up in logs. */
const whatAndWhere = (flags: readonly Flag[]) => [...new Set(flags.map((f) => sv('publication.guard.where', { kind: kindWord(f.kind), field: FIELD_WORD[f.field] ?? f.field })))].join(', ');

/**
 * The guard (guard.ts) on every way in, in the transaction that saves or publishes: what is never
 * published is refused outright; what the reviewer must judge needs their confirmation, given at
 * the step that publishes (`confirmed` null: only saving, nothing to confirm yet).
 */
async function refusePersonalData(tx: Tx, row: LockedCase, text: PublicText, confirmed: boolean | null) {
  const org = await tx.selectFrom('organizations').select('settings').where('id', '=', row.organization_id).executeTakeFirstOrThrow();
  const fields = (['title', 'question', 'answer'] as const).map((field) => ({ field, text: text[field] }));
  const { blocked, review } = checkPublicText(fields, { keep: organizationContacts(org.settings ?? {}), contact: lockedContact(row) });
  if (blocked.length > 0) throw conflict(sv('publication.guard.never', { what: whatAndWhere(blocked) }), 'never_published');
  if (confirmed === false && review.length > 0) throw conflict(sv('publication.guard.confirm', { what: whatAndWhere(review) }), 'personal_data');
}

/** The submitter's own contact details, unless they were pseudonymised (then they identify no one). */
function lockedContact(row: LockedCase) {
  if (row.contact_pseudonymised_at) return null;
  return { name: row.contact_name, email: row.contact_email, phone: row.contact_phone, address: row.contact_address };
}

async function addEvent(tx: Tx, caseId: string, actor: Actor, type: string, now: Date, data: Record<string, unknown>) {
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, type, actor_user_id: actor.kind === 'user' ? actor.id : null, actor_label: actor.name, occurred_at: now, visible_to_submitter: false, data: JSON.stringify(data) })
    .execute();
}

const sameText = (a: PublicText, b: PublicText) => a.title === b.title && a.question === b.question && a.answer === b.answer;

/** Saves the text as a new version (unless it is the draft already saved) and makes it the draft. */
async function saveVersion(tx: Tx, actor: Actor, row: LockedCase, pub: { draft_version_id: string | null; revision: number } | undefined, text: PublicText, choices: RedactionChoices, now: Date) {
  if (pub?.draft_version_id) {
    const draft = await tx.selectFrom('publication_versions').selectAll().where('id', '=', pub.draft_version_id).executeTakeFirstOrThrow();
    if (sameText(draft, text) && JSON.stringify(draft.redactions) === JSON.stringify(choices)) return { version: draft, created: false };
  }
  const last = await tx.selectFrom('publication_versions').select((eb) => eb.fn.max('number').as('n')).where('case_id', '=', row.id).executeTakeFirst();
  const version = await tx
    .insertInto('publication_versions')
    .values({ case_id: row.id, number: (last?.n ?? 0) + 1, ...text, redactions: JSON.stringify(choices), author_kind: actor.kind, author_id: actor.id, author_label: actor.name, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (pub) {
    await tx.updateTable('publications').set({ draft_version_id: version.id, revision: pub.revision + 1, updated_at: now }).where('case_id', '=', row.id).execute();
  } else {
    await tx.insertInto('publications').values({ case_id: row.id, organization_id: row.organization_id, case_number: row.number, draft_version_id: version.id, created_at: now, updated_at: now }).execute();
  }
  await addEvent(tx, row.id, actor, 'publication_draft', now, { publicationVersion: version.number });
  return { version, created: true };
}

/** Saves a draft of the public version. The text is the person's reviewed text; choices are how they got there. */
export async function saveDraft(deps: PublicationDeps, t: Target & { text: PublicText; choices: RedactionChoices }) {
  return deps.db.transaction().execute(async (tx) => {
    const { row, pub } = await lockForPublication(tx, t);
    refuseUnpublishable(row);
    refusePrivateLinks(t.text);
    await refusePersonalData(tx, row, t.text, null);
    const { version, created } = await saveVersion(tx, t.actor, row, pub, t.text, t.choices, deps.clock.now());
    return { version: version.number, created, revision: created ? (pub?.revision ?? 0) + 1 : pub!.revision };
  });
}

/**
 * Approves the draft and makes it the public version. With `text`, the person's own reviewed
 * text is saved first (as a new version if it differs from the draft): allowed without four
 * eyes, refused with them, since then the approver would approve their own words.
 * `confirmRemaining`: the approver has looked at what still looks like personal data in the
 * text and found that it identifies no private person (see guard.ts).
 */
export async function publish(deps: PublicationDeps, t: Target & { text?: PublicText; choices?: RedactionChoices; confirmRemaining?: boolean }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const { row, pub } = await lockForPublication(tx, t);
    refuseUnpublishable(row);
    const saved = t.text ? await saveVersion(tx, t.actor, row, pub, t.text, t.choices ?? {}, now) : undefined;
    const draftId = saved?.version.id ?? pub?.draft_version_id;
    if (!draftId) throw conflict(sv('publication.commands.nothingToApprove'), 'nothing_to_approve');
    const draft = saved?.version ?? (await tx.selectFrom('publication_versions').selectAll().where('id', '=', draftId).executeTakeFirstOrThrow());
    refusePrivateLinks(draft);
    await refusePersonalData(tx, row, draft, t.confirmRemaining === true);
    const org = await tx.selectFrom('organizations').select('settings').where('id', '=', row.organization_id).executeTakeFirstOrThrow();
    const refusal = approvalRefusal(t.actor, { kind: draft.author_kind, id: draft.author_id }, org.settings.publicationFourEyes === true);
    if (refusal) throw conflict(refusal, 'four_eyes');

    const approved = await tx
      .updateTable('publication_versions')
      .set({ approver_kind: t.actor.kind, approver_id: t.actor.id, approver_label: t.actor.name, approved_at: now })
      .where('id', '=', draft.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const current = await tx.selectFrom('publications').select(['title', 'question', 'answer', 'revision', 'first_published_at']).where('case_id', '=', row.id).executeTakeFirstOrThrow();
    if (current.title !== null && current.question !== null && current.answer !== null) {
      await removeFromLexicon(tx, row.organization_id, { title: current.title, question: current.question, answer: current.answer });
    }
    const answeredAt = row.first_answered_at ?? row.closed_at;
    await tx
      .updateTable('publications')
      .set({
        public_version_id: approved.id,
        draft_version_id: null,
        title: approved.title,
        question: approved.question,
        answer: approved.answer,
        kind: row.kind,
        area_id: row.area_id,
        forvaltning_id: row.unit_path?.[0] ?? null,
        asked_on: swedishDate(row.received_at),
        answered_on: answeredAt ? swedishDate(answeredAt) : null,
        first_published_at: current.first_published_at ?? now,
        published_at: now,
        withdrawn_at: null,
        withdrawn_reason: null,
        revision: current.revision + 1,
        updated_at: now,
      })
      .where('case_id', '=', row.id)
      .execute();
    await addToLexicon(tx, row.organization_id, approved);
    await addEvent(tx, row.id, t.actor, 'publication_published', now, { publicationVersion: approved.number, author: approved.author_label });
    return { version: approved.number, revision: current.revision + 1 };
  });
}

/** Avpublicera: gone from the public pages and search in the same commit, with the reason in the history. */
export async function withdrawPublication(deps: PublicationDeps, t: Target & { reason: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const { row, pub } = await lockForPublication(tx, t);
    if (!pub?.public_version_id) throw conflict(sv('publication.commands.notPublished'), 'not_published');
    await takeDown(tx, row, pub, t.actor, t.reason, deps.clock.now());
    return { revision: pub.revision + 1 };
  });
}

/** Takes a public version down in the caller's transaction (the case and publication locked). */
export async function takeDown(tx: Tx, row: LockedCase, pub: { public_version_id: string | null; title: string | null; question: string | null; answer: string | null; revision: number }, actor: Actor, reason: string, now: Date) {
  if (pub.title !== null && pub.question !== null && pub.answer !== null) await removeFromLexicon(tx, row.organization_id, { title: pub.title, question: pub.question, answer: pub.answer });
  await tx
    .updateTable('publications')
    .set({ public_version_id: null, title: null, question: null, answer: null, withdrawn_at: now, withdrawn_reason: reason, revision: pub.revision + 1, updated_at: now })
    .where('case_id', '=', row.id)
    .execute();
  await addEvent(tx, row.id, actor, 'publication_withdrawn', now, { reason });
}

/** Throws the draft away (the version stays in the history); the public version, if any, is untouched. */
export async function discardDraft(deps: PublicationDeps, t: Target) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const { row, pub } = await lockForPublication(tx, t);
    if (!pub?.draft_version_id) throw conflict(sv('publication.commands.nothingToDiscard'), 'nothing_to_approve');
    await tx.updateTable('publications').set({ draft_version_id: null, revision: pub.revision + 1, updated_at: now }).where('case_id', '=', row.id).execute();
    await addEvent(tx, row.id, t.actor, 'publication_discarded', now, {});
    return { revision: pub.revision + 1 };
  });
}
