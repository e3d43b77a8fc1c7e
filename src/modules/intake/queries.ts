import { sql } from 'kysely';
import { poolOf, type Db, type Executor } from '../../db/database.ts';
import type { ReplyChannel } from '../../db/schema.ts';
import { withoutAnswerFooter } from '../notifications/submitterMail.ts';

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
    // Forwarded to another organization of the installation (rule 11): where, and its number there.
    .leftJoin('cases as f', 'f.id', 'c.forwarded_to_case_id')
    .leftJoin('organizations as fo', 'fo.id', 'f.organization_id')
    .select(['c.id', 'c.number', 'c.kind', 'c.status', 'c.received_at', 'c.description', 'c.anonymous', 'c.answer_by', 'c.is_internal', 'c.language', 'c.disposed_at', 'h.name as handler_name'])
    .select(['f.id as forwarded_id', 'f.number as forwarded_number', 'fo.name as forwarded_org', 'fo.slug as forwarded_slug', 'fo.host_name as forwarded_host', 'fo.is_default as forwarded_default'])
    .where('c.organization_id', '=', organizationId)
    .where('c.status_token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!c) return undefined;
  // Disposed of: nothing of it is read; the page only says so (intake/routes.tsx).
  if (c.disposed_at) return { ...c, messages: [], history: [], attachments: [] };
  const [messages, history, attachments] = await Promise.all([
    db
      .selectFrom('messages')
      .select(['id', 'purpose', 'channel', 'subject', 'body', 'footer', 'occurred_on', 'created_at'])
      .where('case_id', '=', c.id)
      .where('purpose', 'in', [...SUBMITTER_MESSAGE_PURPOSES])
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_events')
      // The submitter's own texts carry what they wrote, and a moved answer date its new day and the
      // handler's reason, which the submitter must be told (förvaltningslagen 11 §); no other event's
      // data reaches the page. A date moved by a pause has a code for a reason, not words: left out.
      .select([
        'id',
        'type',
        'occurred_at',
        sql<string | null>`CASE WHEN type IN ('submitter_reply', 'submitter_addition') THEN data->>'text' END`.as('reply_text'),
        sql<string | null>`CASE WHEN type = 'deadline' THEN data->>'to' END`.as('new_answer_by'),
        sql<string | null>`CASE WHEN type = 'deadline' AND data->>'extended' = 'true' THEN data->>'reason' END`.as('deadline_reason'),
      ])
      .where('case_id', '=', c.id)
      .where('visible_to_submitter', '=', true)
      .orderBy('id')
      .execute(),
    // Only the names: the submitter sees what they sent, without a way to download it again.
    db.selectFrom('attachments').select(['id', 'filename']).where('case_id', '=', c.id).where('uploaded_by', 'is', null).orderBy('created_at').orderBy('filename').execute(),
  ]);
  // What the handler wrote: an e-mail's footer (the case number, this very page's link, "reply to
  // this message") means nothing here.
  return { ...c, messages: messages.map(({ footer, ...m }) => ({ ...m, body: withoutAnswerFooter({ body: m.body, footer }) })), history, attachments };
}

/**
 * Case, contact, `received` event and attached files as one INSERT … WITH statement: atomic like
 * a transaction, one round trip. Undefined when the case was not inserted because the same form
 * was posted before (unique submission key): then no files are stored either.
 *
 * The busiest write of the system, so it is a named prepared statement on the pool behind `db`:
 * PostgreSQL parses and plans it once per connection, and no query is built per post. Files
 * join as arrays (none: empty arrays, no rows).
 */
export async function insertWebCase(
  db: Db,
  v: {
    case: WebCase;
    contact: { name: string; email: string | null; phone: string | null; address: string | null; replyChannel: ReplyChannel } | null;
    event: { actor_label: string; occurred_at: Date; data: Record<string, unknown> };
    attachments?: readonly { filename: string; contentType: string; content: Buffer; sha256: Buffer }[];
  },
): Promise<{ id: string; number: string } | undefined> {
  const c = v.case;
  const ct = v.contact;
  const files = v.attachments ?? [];
  const { rows } = await poolOf(db).query<{ id: string; number: string }>({
    name: 'intake-insert-web-case',
    text: INSERT_WEB_CASE,
    values: [
      c.id, c.organization_id, c.year, c.kind, c.description, c.language, c.anonymous, c.received_at, c.suggested_unit_id,
      c.status_token_hash, c.submission_key, c.content_hash, c.publication_opt_out,
      c.acknowledge_by, c.answer_by, c.ack_due_on, c.next_reminder_on,
      ct !== null, ct?.name ?? null, ct?.email ?? null, ct?.phone ?? null, ct?.address ?? null, ct?.replyChannel ?? 'none',
      v.event.actor_label, JSON.stringify(v.event.data),
      files.map((f) => f.filename), files.map((f) => f.contentType), files.map((f) => f.content.length), files.map((f) => f.sha256), files.map((f) => f.content),
    ],
  });
  return rows[0];
}

/** What the web form stores on the case row; the number comes from next_case_number for this year. */
export interface WebCase {
  id: string;
  organization_id: string;
  /** The Swedish year of receipt, whose number series the case joins. */
  year: number;
  kind: string;
  description: string;
  language: string | null;
  anonymous: boolean;
  received_at: Date;
  suggested_unit_id: string | null;
  status_token_hash: Buffer;
  submission_key: Buffer;
  content_hash: Buffer;
  publication_opt_out: boolean;
  acknowledge_by: string;
  answer_by: string;
  ack_due_on: string | null;
  next_reminder_on: string | null;
}

const INSERT_WEB_CASE = `
  WITH c AS (
    INSERT INTO cases (id, organization_id, number, kind, channel, description, language, anonymous, received_at, suggested_unit_id,
      status_token_hash, submission_key, content_hash, publication_opt_out, acknowledge_by, answer_by, ack_due_on, next_reminder_on)
    VALUES ($1::uuid, $2::uuid, next_case_number($2::uuid, $3::integer), $4, 'web', $5, $6, $7, $8::timestamptz, $9::uuid,
      $10, $11, $12, $13, $14::date, $15::date, $16::date, $17::date)
    ON CONFLICT DO NOTHING
    RETURNING id, number
  ), ct AS (
    INSERT INTO case_contacts (case_id, name, email, phone, address, reply_channel)
    SELECT c.id, $19::text, $20::text, $21::text, $22::text, $23::text FROM c WHERE $18::boolean
  ), ev AS (
    INSERT INTO case_events (case_id, type, to_status, actor_label, occurred_at, visible_to_submitter, data)
    SELECT c.id, 'received', 'received', $24::text, $8::timestamptz, true, $25::jsonb FROM c
  ), att AS (
    INSERT INTO attachments (case_id, filename, content_type, size_bytes, sha256, content)
    SELECT c.id, f.filename, f.content_type, f.size_bytes, f.sha256, f.content
    FROM c CROSS JOIN unnest($26::text[], $27::text[], $28::integer[], $29::bytea[], $30::bytea[]) AS f(filename, content_type, size_bytes, sha256, content)
  )
  SELECT id, number FROM c`;
