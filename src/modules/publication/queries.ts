import type { Executor } from '../../db/database.ts';
import type { Organization } from '../../db/schema.ts';
import type { CaseDetail } from '../cases/detailQueries.ts';
import { organizationContacts } from '../deidentify/organizationContacts.ts';
import { withoutAnswerFooter } from '../notifications/submitterMail.ts';
import type { Originals } from './draft.ts';
import type { SubmitterContact } from './guard.ts';

/** A case's publication: its state, the draft and public versions, and every version saved. */
export async function loadPublication(db: Executor, caseId: string) {
  const pub = await db.selectFrom('publications').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!pub) return undefined;
  const versions = await db
    .selectFrom('publication_versions')
    .select(['id', 'number', 'title', 'question', 'answer', 'redactions', 'author_kind', 'author_id', 'author_label', 'created_at', 'approver_label', 'approved_at'])
    .where('case_id', '=', caseId)
    .orderBy('number', 'desc')
    .execute();
  const byId = (id: string | null) => (id ? versions.find((v) => v.id === id) : undefined);
  return { ...pub, draft: byId(pub.draft_version_id), current: byId(pub.public_version_id), versions };
}
export type LoadedPublication = NonNullable<Awaited<ReturnType<typeof loadPublication>>>;
export type PublicationVersion = LoadedPublication['versions'][number];

/** The status words the API and pages use. */
export type PublicationStatus = 'none' | 'draft' | 'published' | 'withdrawn';

/** A draft waiting counts first: it is what someone has to act on. */
export function publicationStatus(p: Pick<LoadedPublication, 'draft_version_id' | 'public_version_id' | 'withdrawn_at'> | undefined): PublicationStatus {
  if (!p) return 'none';
  if (p.draft_version_id) return 'draft';
  if (p.public_version_id) return 'published';
  return p.withdrawn_at ? 'withdrawn' : 'none';
}

/**
 * The texts a public version starts from: the submitter's description and the latest answer
 * sent (or, for a case answered on the spot, what was said there). Read only, never changed.
 */
export function originalsOf(detail: Pick<CaseDetail, 'case' | 'messages' | 'events'>): Originals {
  const answers = detail.messages.filter((m) => m.purpose === 'answer');
  const latest = answers[answers.length - 1];
  const onSpot = detail.events.map((e) => (e.data as { answeredOnSpot?: unknown } | null)?.answeredOnSpot).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  // An e-mailed answer carries the case's footer with the submitter's status link: only the handler's text is published.
  const answer = latest && withoutAnswerFooter(latest);
  return { question: detail.case.description, answer: answer ?? onSpot ?? '' };
}

/**
 * The organization's own published contact details (the de-identification module's list): never
 * proposed for removal, since an answer that says "ring kontaktcenter på 0503-350 00" needs them.
 */
export function keepListFor(org: Organization): string[] {
  return organizationContacts(org.settings ?? {});
}

/** Where the case page's link to publishing should lead, if anywhere: a case answered or closed, or one with a publication. */
export async function publicationLinkFor(db: Executor, c: { id: string; status: string }): Promise<'publicera' | 'publicerad' | null> {
  const p = await db.selectFrom('publications').select(['public_version_id', 'draft_version_id', 'withdrawn_at']).where('case_id', '=', c.id).executeTakeFirst();
  if (p?.public_version_id) return 'publicerad';
  if (p || c.status === 'answered' || c.status === 'closed') return 'publicera';
  return null;
}

/** The submitter's own contact details for the guard (guard.ts); none once pseudonymised, since then they identify no one. */
export function submitterContactOf(detail: Pick<CaseDetail, 'case' | 'contact'>): SubmitterContact | null {
  const k = detail.contact;
  if (!k || detail.case.contact_pseudonymised_at) return null;
  return { name: k.name, email: k.email, phone: k.phone, address: k.address };
}
