import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishYear } from '../../platform/clock.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';
import { newCaseId } from '../cases/caseId.ts';
import { hashStatusToken, statusTokenFor } from '../cases/statusToken.ts';
import { initialDeadlines, loadDeadlineContext, wantsEmailAck } from '../deadlines/policies.ts';
import { cachedForOrg } from '../../platform/orgCache.ts';
import { findCaseIdBySubmission, insertWebCase } from './queries.ts';
import type { Submission } from './validation.ts';
import type { UploadedFile } from './attachments.ts';

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  /** Derives status tokens; see statusTokenFor. */
  tokenSecret: Buffer;
  /** Where links in e-mail point (the handler's link when a submitter replies); default http://localhost:3000. */
  publicUrl?: string;
}

const FORM_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh id for each rendering of the form; a double-click posts the same one twice. */
export const newFormId = () => randomToken(16);


function contentHash(s: Submission, files: readonly UploadedFile[]): Buffer {
  // The opt-out joins the hash only when ticked, so the hashes of every other submission stay as they were.
  const fields = [s.kind, s.description, s.suggestedUnitId, s.anonymous, s.contact, ...(s.publicationOptOut ? ['no-publish'] : [])];
  // Without files the hash is what it always was; with them, the files' hashes are part of the content.
  return sha256(JSON.stringify(files.length === 0 ? fields : [...fields, files.map((f) => f.sha256.toString('hex'))]));
}

export interface SubmitResult {
  number: string;
  token: string;
  /** True when this post repeated one already stored (double-click): no new case was made. */
  duplicate: boolean;
}

/** The organization as the tenant hook loaded it; its config version keys the caches. */
type Org = { id: string; config_version: number };

/**
 * Stores a citizen's submission: case (numbered by its sequence), contact, the `received` event
 * and any attached files in one statement, so one round trip and one implicit transaction. A
 * repeated post of the same form (double-click) finds the case it already made.
 */
export async function submitCase(
  deps: IntakeDeps,
  org: Org,
  submission: Submission,
  postedFormId: string,
  files: readonly UploadedFile[] = [],
  /** The language the form was filled in: the receipt, status page and messages to the submitter use it. */
  language: string | null = null,
): Promise<SubmitResult> {
  const { db, clock } = deps;
  let formId = FORM_ID.test(postedFormId) ? postedFormId : newFormId();
  const hash = contentHash(submission, files);
  const ctx = await cachedForOrg(org, 'deadlines', () => loadDeadlineContext(db, org.id));

  for (let attempt = 0; attempt < 3; attempt++) {
    const submissionKey = sha256(`submission:${formId}`);
    const caseId = newCaseId();
    const token = statusTokenFor(deps.tokenSecret, caseId);
    const receivedAt = clock.now();
    const deadlines = initialDeadlines(ctx, submission.kind, receivedAt, wantsEmailAck(submission.anonymous, submission.contact));
    const inserted = await insertWebCase(db, {
      case: {
        id: caseId,
        organization_id: org.id,
        year: swedishYear(receivedAt),
        kind: submission.kind,
        description: submission.description,
        language,
        anonymous: submission.anonymous,
        received_at: receivedAt,
        suggested_unit_id: submission.suggestedUnitId,
        status_token_hash: hashStatusToken(token),
        submission_key: submissionKey,
        content_hash: hash,
        publication_opt_out: submission.publicationOptOut ?? false,
        ...deadlines,
      },
      contact: submission.contact,
      event: { actor_label: 'Synpunktslämnaren via webbformuläret', occurred_at: receivedAt, data: { channel: 'web' } },
      attachments: files,
    });
    if (inserted) return { number: inserted.number, token, duplicate: false };

    const existing = await findCaseIdBySubmission(db, org.id, submissionKey);
    if (existing?.content_hash?.equals(hash)) {
      return { number: existing.number, token: statusTokenFor(deps.tokenSecret, existing.id), duplicate: true };
    }
    // Same form id, different content (edited after going back): a new submission.
    formId = newFormId();
  }
  throw new Error('Could not store submission after retry');
}
