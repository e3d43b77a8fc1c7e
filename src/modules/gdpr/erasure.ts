import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db, Executor } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { swedishDate } from '../../platform/clock.ts';
import { installationSecret } from '../../platform/secrets.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { OPEN_STATUSES } from '../cases/lifecycle.ts';
import { logActor } from '../retention/policy.ts';
import { rulesWithText } from '../retention/disposal.ts';
import { dueDay, ruleFor } from '../retention/schedule.ts';
import { identifierHash, KIND_LABEL, maskIdentifier, type Identifier } from './identifier.ts';
import { pseudonymiseCases } from './pseudonymise.ts';
import { findCases } from './search.ts';

/**
 * An erasure request (GDPR article 17) about a public record is not carried out as asked: public
 * records are kept under archive law (article 17.3 b) unless they are due for disposal. It becomes
 * a retention review: the reviewer sees each case with what the schedule says, may pseudonymise
 * contact details of closed cases the schedule disposes of when the organization allows it, and
 * closes the review with a written decision. One open review per person at a time.
 */
/** An erasure review already open for the person: the new request is refused and points at it. */
export class OpenReviewExists extends DomainError {
  constructor(readonly reviewId: string) {
    super('conflict', sv('gdpr.erasure.alreadyOpen'));
  }
}

export async function openErasureReview(db: Db, actor: Actor, organizationId: string, id: Identifier, now: Date): Promise<string> {
  const hash = identifierHash(await installationSecret(db, 'gdpr-identifier'), id);
  const openFor = () => db.selectFrom('data_subject_requests').select('id').where('organization_id', '=', organizationId).where('type', '=', 'erasure').where('status', '=', 'open').where('identifier_hash', '=', hash).executeTakeFirst();
  const existing = await openFor();
  if (existing) throw new OpenReviewExists(existing.id);
  try {
    return await db.transaction().execute(async (tx) => {
      const caseIds = await findCases(tx, organizationId, id);
      const masked = maskIdentifier(id);
      const r = await tx
        .insertInto('data_subject_requests')
        .values({ organization_id: organizationId, type: 'erasure', identifier_kind: id.kind, identifier_masked: masked, identifier_hash: hash, case_ids: caseIds, channel: 'admin', requested_by: actor.kind === 'user' ? actor.id : null, requested_by_label: actor.name, requested_at: now, status: 'open' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'create', entityType: 'data_subject', entityId: r.id, summary: sv('gdpr.erasure.opened', { kind: KIND_LABEL[id.kind], masked, count: String(caseIds.length) }), now });
      return r.id;
    });
  } catch (err) {
    // Two people sent the same request at once: the unique index let one through.
    const other = (err as { code?: string }).code === '23505' ? await openFor() : undefined;
    if (other) throw new OpenReviewExists(other.id);
    throw err;
  }
}

export type Verdict = 'open' | 'held' | 'due' | 'kept' | 'retained' | 'no_rule';

type ReviewCase = Awaited<ReturnType<typeof loadReview>>['cases'][number];

/** Only what the schedule disposes of anyway, not yet pseudonymised (see pseudonymiseForReview). */
export const mayBePseudonymised = (c: ReviewCase) => (c.verdict === 'retained' || c.verdict === 'due') && !c.disposed_at && !c.contact_pseudonymised_at;

export async function loadReview(db: Executor, organizationId: string, reviewId: string, today: string) {
  const review = await db.selectFrom('data_subject_requests').selectAll().where('id', '=', reviewId).where('organization_id', '=', organizationId).where('type', '=', 'erasure').executeTakeFirst();
  if (!review) throw notFound('Granskningen');
  const [settings, rules] = await Promise.all([db.selectFrom('retention_settings').select('pseudonymise_on_request').where('organization_id', '=', organizationId).executeTakeFirst(), rulesWithText(db, organizationId)]);
  const cases = review.case_ids.length
    ? await db.selectFrom('cases').select(['id', 'number', 'status', 'kind', 'significance', 'area_id', 'closed_at', 'legal_hold', 'disposed_at', 'contact_pseudonymised_at']).where('id', 'in', review.case_ids).orderBy('number').execute()
    : [];
  return {
    review,
    mayPseudonymise: settings?.pseudonymise_on_request ?? false,
    cases: cases.map((c) => {
      const rule = ruleFor(rules, { significance: c.significance, kind: c.kind, areaId: c.area_id });
      const closed = c.closed_at && !(OPEN_STATUSES as readonly string[]).includes(c.status) ? swedishDate(c.closed_at) : null;
      const due = rule && closed ? dueDay(closed, rule.years) : null;
      const verdict: Verdict = c.disposed_at ? 'due' : !closed ? 'open' : c.legal_hold ? 'held' : !rule ? 'no_rule' : rule.action === 'keep' ? 'kept' : due! <= today ? 'due' : 'retained';
      return { ...c, closed, due, verdict, ruleText: rule ? rules.find((r) => r.id === rule.id)!.text : null };
    }),
  };
}

export const MAX_DECISION = 200;

/**
 * Pseudonymises the contact details of the review's cases that the schedule disposes of anyway
 * (verdict retained or due), on a decision: taking the sender out of a public record before its
 * time is a partial disposal, which like disposal needs a decision reference. Cases kept and
 * delivered to the archive (or with no rule, held or open) are never pseudonymised: the register
 * entry must name the sender (DOMAIN 21) and the archive receives the record as it is (22).
 */
export async function pseudonymiseForReview(db: Db, actor: Actor, organizationId: string, reviewId: string, decisionRaw: string, now: Date): Promise<number> {
  const decision = decisionRaw.trim();
  if (!decision) throw new DomainError('invalid', sv('gdpr.erasure.decisionMissing'), { decision: sv('gdpr.erasure.decisionMissingField') });
  if (decision.length > MAX_DECISION) throw new DomainError('invalid', sv('gdpr.erasure.decisionTooLong'), { decision: sv('gdpr.erasure.decisionTooLongField', { max: String(MAX_DECISION) }) });
  return db.transaction().execute(async (tx) => {
    // The review row locked: two reviewers pressing at once pseudonymise once.
    await tx.selectFrom('data_subject_requests').select('id').where('id', '=', reviewId).where('organization_id', '=', organizationId).forUpdate().executeTakeFirst();
    const data = await loadReview(tx, organizationId, reviewId, swedishDate(now));
    if (data.review.status !== 'open') throw new DomainError('conflict', sv('gdpr.erasure.alreadyClosed'));
    if (!data.mayPseudonymise) throw new DomainError('conflict', sv('gdpr.erasure.pseudonymiseNotAllowed'));
    const ids = data.cases.filter(mayBePseudonymised).map((c) => c.id);
    if (ids.length === 0) throw new DomainError('conflict', sv('gdpr.erasure.nothingToPseudonymise'));
    const n = await pseudonymiseCases(tx, ids, now, { kind: 'request', actor, decision, requestId: reviewId });
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'pseudonymise', entityType: 'data_subject', entityId: reviewId, summary: sv('gdpr.erasure.pseudonymised', { n, masked: data.review.identifier_masked, decision }), now });
    return n;
  });
}

export const MAX_NOTE = 2000;

export async function closeReview(db: Db, actor: Actor, organizationId: string, reviewId: string, noteRaw: string, now: Date): Promise<void> {
  const note = noteRaw.trim();
  if (!note) throw new DomainError('invalid', sv('gdpr.erasure.noteMissing'), { note: sv('gdpr.erasure.noteMissingField') });
  if (note.length > MAX_NOTE) throw new DomainError('invalid', sv('gdpr.erasure.noteTooLong'), { note: sv('gdpr.erasure.noteTooLongField', { max: String(MAX_NOTE) }) });
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('data_subject_requests')
      .set({ status: 'closed', review_note: note, reviewed_by: actor.kind === 'user' ? actor.id : null, reviewed_by_label: actor.name, reviewed_at: now })
      .where('id', '=', reviewId)
      .where('organization_id', '=', organizationId)
      .where('type', '=', 'erasure')
      .where('status', '=', 'open')
      .returning('identifier_masked')
      .executeTakeFirst();
    if (!r) throw new DomainError('conflict', sv('gdpr.erasure.notFound'));
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'review', entityType: 'data_subject', entityId: reviewId, summary: sv('gdpr.erasure.reviewed', { masked: r.identifier_masked, note }), now });
  });
}

export async function listRequests(db: Executor, organizationId: string) {
  return db
    .selectFrom('data_subject_requests')
    .select(['id', 'type', 'identifier_kind', 'identifier_masked', 'case_ids', 'channel', 'requested_by_label', 'requested_at', 'status', 'reviewed_at', 'handed_out_at', 'handed_out_by_label'])
    .where('organization_id', '=', organizationId).orderBy('requested_at', 'desc').limit(100).execute();
}
