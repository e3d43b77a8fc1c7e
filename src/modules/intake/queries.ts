import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CasesTable, ReplyChannel } from '../../db/schema.ts';

export async function findCaseIdBySubmission(db: Executor, organizationId: string, submissionKey: Buffer) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'content_hash'])
    .where('organization_id', '=', organizationId)
    .where('submission_key', '=', submissionKey)
    .executeTakeFirst();
}

/** What a submitter may be shown of what was said to them: answers and standard replies. */
const SUBMITTER_MESSAGE_PURPOSES = ['answer', 'question', 'referral', 'not_handled'] as const;

/**
 * What the submitter may see of their own case: the case, the responsible handler's name, what
 * was said to them and the status changes marked visible. No other staff names, internal notes,
 * measures or event data: only columns chosen here reach the page.
 */
export async function findCaseForSubmitter(db: Executor, organizationId: string, tokenHash: Buffer) {
  const c = await db
    .selectFrom('cases as c')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .select(['c.id', 'c.number', 'c.kind', 'c.status', 'c.received_at', 'c.description', 'c.anonymous', 'c.answer_by', 'c.is_internal', 'c.language', 'h.name as handler_name'])
    .where('c.organization_id', '=', organizationId)
    .where('c.status_token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!c) return undefined;
  const [messages, history, attachments] = await Promise.all([
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
      // The submitter's own replies carry their text; no other event's data reaches the page.
      .select(['id', 'type', 'occurred_at', sql<string | null>`CASE WHEN type = 'submitter_reply' THEN data->>'text' END`.as('reply_text')])
      .where('case_id', '=', c.id)
      .where('visible_to_submitter', '=', true)
      .orderBy('id')
      .execute(),
    // Only the names: the submitter sees what they sent, without a way to download it again.
    db.selectFrom('attachments').select(['id', 'filename']).where('case_id', '=', c.id).where('uploaded_by', 'is', null).orderBy('created_at').orderBy('filename').execute(),
  ]);
  return { ...c, messages, history, attachments };
}

/**
 * Case, contact, `received` event and attached files as one INSERT … WITH statement: atomic like
 * a transaction, one round trip. Undefined when the case was not inserted because the same form
 * was posted before (unique submission key): then no files are stored either.
 */
export async function insertWebCase(
  db: Executor,
  v: {
    case: Omit<Insertable<CasesTable>, 'number'> & { number: RawBuilder<string> };
    contact: { name: string; email: string | null; phone: string | null; address: string | null; replyChannel: ReplyChannel } | null;
    event: { actor_label: string; occurred_at: Date; data: Record<string, unknown> };
    attachments?: readonly { filename: string; contentType: string; content: Buffer; sha256: Buffer }[];
  },
): Promise<{ id: string; number: string } | undefined> {
  const c = v.contact;
  const base = db
    .with('c', (qb) => qb.insertInto('cases').values(v.case).onConflict((oc) => oc.doNothing()).returning(['id', 'number']))
    .with('ct', (qb) =>
      qb
        .insertInto('case_contacts')
        .columns(['case_id', 'name', 'email', 'phone', 'address', 'reply_channel'])
        .expression((eb) =>
          eb
            .selectFrom('c')
            .select((s) => ['c.id', s.val(c?.name ?? null).as('name'), s.val(c?.email ?? null).as('email'), s.val(c?.phone ?? null).as('phone'), s.val(c?.address ?? null).as('address'), s.val(c?.replyChannel ?? 'none').as('reply_channel')])
            .where(sql<boolean>`${sql.lit(c !== null)}`),
        ),
    )
    .with('ev', (qb) =>
      qb
        .insertInto('case_events')
        .columns(['case_id', 'type', 'to_status', 'actor_label', 'occurred_at', 'visible_to_submitter', 'data'])
        .expression((eb) =>
          eb
            .selectFrom('c')
            .select((s) => ['c.id', s.val('received').as('type'), s.val('received').as('to_status'), s.val(v.event.actor_label).as('actor_label'), s.val(v.event.occurred_at).as('occurred_at'), s.val(true).as('visible_to_submitter'), s.val(JSON.stringify(v.event.data)).as('data')]),
        ),
    );
  const files = v.attachments ?? [];
  // Posts without files keep the statement they always had.
  const q =
    files.length === 0
      ? base
      : (base.with('att', (qb) =>
          qb
            .insertInto('attachments')
            .columns(['case_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'content'])
            .expression(
              sql`SELECT c.id, f.filename, f.content_type, f.size_bytes, f.sha256, f.content FROM c CROSS JOIN unnest(${files.map((f) => f.filename)}::text[], ${files.map((f) => f.contentType)}::text[], ${files.map((f) => f.content.length)}::integer[], ${files.map((f) => f.sha256)}::bytea[], ${files.map((f) => f.content)}::bytea[]) AS f(filename, content_type, size_bytes, sha256, content)`,
            ),
        ) as unknown as typeof base);
  return q
    .selectFrom('c')
    .select(['c.id', 'c.number'])
    .executeTakeFirst();
}
