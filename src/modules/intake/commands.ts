import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishYear } from '../../platform/clock.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';
import { hashStatusToken, statusTokenFor } from '../cases/statusToken.ts';
import { allocateCaseNumber } from '../cases/numbering.ts';
import { findCaseIdBySubmission } from './queries.ts';
import { deadlinesForNewCase } from '../deadlines/hooks.ts';
import type { Submission } from './validation.ts';

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  /** Derives status tokens; see statusTokenFor. */
  tokenSecret: Buffer;
}

const FORM_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh id for each rendering of the form; a double-click posts the same one twice. */
export const newFormId = () => randomToken(16);


function contentHash(s: Submission): Buffer {
  return sha256(JSON.stringify([s.kind, s.description, s.suggestedUnitId, s.anonymous, s.contact]));
}

export interface SubmitResult {
  number: string;
  token: string;
  /** True when this post repeated one already stored (double-click): no new case was made. */
  duplicate: boolean;
}

/** Stores a citizen's submission: case, contact and the `received` event in one transaction. */
export async function submitCase(deps: IntakeDeps, organizationId: string, submission: Submission, postedFormId: string): Promise<SubmitResult> {
  const { db, clock } = deps;
  let formId = FORM_ID.test(postedFormId) ? postedFormId : newFormId();
  const hash = contentHash(submission);

  for (let attempt = 0; attempt < 3; attempt++) {
    const submissionKey = sha256(`submission:${formId}`);
    const existing = await findCaseIdBySubmission(db, organizationId, submissionKey);
    if (existing) {
      if (existing.content_hash?.equals(hash)) {
        return { number: existing.number, token: statusTokenFor(deps.tokenSecret, existing.id), duplicate: true };
      }
      // Same form id, different content (edited after going back): a new submission.
      formId = newFormId();
      continue;
    }

    const caseId = crypto.randomUUID();
    const token = statusTokenFor(deps.tokenSecret, caseId);
    const receivedAt = clock.now();
    const number = await allocateCaseNumber(db, organizationId, swedishYear(receivedAt));
    const inserted = await db.transaction().execute(async (tx) => {
      const deadlines = await deadlinesForNewCase(tx, { organizationId, kind: submission.kind, receivedAt, anonymous: submission.anonymous, contact: submission.contact });
      const row = await tx
        .insertInto('cases')
        .values({
          id: caseId,
          organization_id: organizationId,
          number,
          kind: submission.kind,
          channel: 'web',
          description: submission.description,
          anonymous: submission.anonymous,
          received_at: receivedAt,
          suggested_unit_id: submission.suggestedUnitId,
          status_token_hash: hashStatusToken(token),
          submission_key: submissionKey,
          content_hash: hash,
          ...deadlines,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      if (submission.contact) {
        const c = submission.contact;
        await tx
          .insertInto('case_contacts')
          .values({ case_id: row.id, name: c.name, email: c.email, phone: c.phone, address: c.address, reply_channel: c.replyChannel })
          .execute();
      }
      await tx
        .insertInto('case_events')
        .values({
          case_id: row.id,
          type: 'received',
          to_status: 'received',
          actor_label: 'Synpunktslämnaren via webbformuläret',
          occurred_at: receivedAt,
          visible_to_submitter: true,
          data: JSON.stringify({ channel: 'web' }),
        })
        .execute();
      return true;
    });
    if (inserted) return { number, token, duplicate: false };
    // Lost a race with the same form posted concurrently: the loop finds that case next time.
  }
  throw new Error('Could not store submission after retry');
}
