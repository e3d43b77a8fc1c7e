import type { Executor } from '../../db/database.ts';

export async function findCaseIdBySubmission(db: Executor, organizationId: string, submissionKey: Buffer) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'content_hash'])
    .where('organization_id', '=', organizationId)
    .where('submission_key', '=', submissionKey)
    .executeTakeFirst();
}

/** What a submitter may be shown of what was said to them: answers and standard replies. */
const SUBMITTER_MESSAGE_PURPOSES = ['answer', 'referral', 'not_handled'] as const;

/**
 * What the submitter may see of their own case: the case, the responsible handler's name, what
 * was said to them and the status changes marked visible. No other staff names, internal notes,
 * measures or event data: only columns chosen here reach the page.
 */
export async function findCaseForSubmitter(db: Executor, organizationId: string, tokenHash: Buffer) {
  const c = await db
    .selectFrom('cases as c')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .select(['c.id', 'c.number', 'c.kind', 'c.status', 'c.received_at', 'c.description', 'c.anonymous', 'c.answer_by', 'c.is_internal', 'h.name as handler_name'])
    .where('c.organization_id', '=', organizationId)
    .where('c.status_token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!c) return undefined;
  const [messages, history] = await Promise.all([
    db
      .selectFrom('messages')
      .select(['id', 'purpose', 'channel', 'subject', 'body', 'occurred_on', 'created_at'])
      .where('case_id', '=', c.id)
      .where('purpose', 'in', [...SUBMITTER_MESSAGE_PURPOSES])
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_events')
      .select(['id', 'type', 'occurred_at'])
      .where('case_id', '=', c.id)
      .where('visible_to_submitter', '=', true)
      .orderBy('id')
      .execute(),
  ]);
  return { ...c, messages, history };
}
