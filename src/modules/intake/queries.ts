import type { Executor } from '../../db/database.ts';

export async function findCaseIdBySubmission(db: Executor, organizationId: string, submissionKey: Buffer) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'content_hash'])
    .where('organization_id', '=', organizationId)
    .where('submission_key', '=', submissionKey)
    .executeTakeFirst();
}

/** What the submitter may see of their own case. No staff-only fields. */
export async function findCaseForSubmitter(db: Executor, organizationId: string, tokenHash: Buffer) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'kind', 'status', 'received_at', 'description', 'anonymous', 'answer_by', 'is_internal'])
    .where('organization_id', '=', organizationId)
    .where('status_token_hash', '=', tokenHash)
    .executeTakeFirst();
}
