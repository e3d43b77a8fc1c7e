import { sql, type Insertable } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import type { InboundMessagesTable } from '../../db/schema.ts';
import type { UploadedFile } from '../intake/attachments.ts';

/** All SQL of the mail intake: look-ups for threading, rate limits and storing what arrived. */

export interface ThreadCase {
  id: string;
  number: string;
  status: string;
  closed_at: Date | null;
  merged_into_id: string | null;
  contact_email: string | null;
}

const caseColumns = ['c.id', 'c.number', 'c.status', 'c.closed_at', 'c.merged_into_id', 'cc.email as contact_email'] as const;
const cases = (db: Executor, organizationId: string) =>
  db.selectFrom('cases as c').leftJoin('case_contacts as cc', 'cc.case_id', 'c.id').select(caseColumns).where('c.organization_id', '=', organizationId);

export const caseByNumber = (db: Executor, organizationId: string, number: string) => cases(db, organizationId).where('c.number', '=', number).executeTakeFirst();
export const caseById = (db: Executor, organizationId: string, id: string) => cases(db, organizationId).where('c.id', '=', id).executeTakeFirst();

/** The case of a message we sent, or of a mail we received, that one of these Message-IDs names. */
export async function caseByMessageIds(db: Executor, organizationId: string, ids: readonly string[]): Promise<ThreadCase | undefined> {
  if (ids.length === 0) return undefined;
  const sent = await db
    .selectFrom('messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .leftJoin('case_contacts as cc', 'cc.case_id', 'c.id')
    .select(caseColumns)
    .where('m.organization_id', '=', organizationId)
    .where('m.header_message_id', 'in', [...ids])
    .orderBy('m.created_at', 'desc')
    .executeTakeFirst();
  if (sent) return sent;
  return db
    .selectFrom('inbound_messages as i')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .leftJoin('case_contacts as cc', 'cc.case_id', 'c.id')
    .select(caseColumns)
    .where('i.organization_id', '=', organizationId)
    .where('i.header_message_id', 'in', [...ids])
    .orderBy('i.received_at', 'desc')
    .executeTakeFirst();
}

/** An outgoing message (in any organization) that a bounce names. */
export async function outgoingByMessageIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return undefined;
  return db
    .selectFrom('messages')
    .select(['id', 'organization_id', 'case_id', 'purpose', 'status'])
    .where('header_message_id', 'in', [...ids])
    .where('channel', '=', 'email')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function findInbound(db: Executor, organizationId: string, key: string) {
  return db
    .selectFrom('inbound_messages as i')
    .leftJoin('cases as c', 'c.id', 'i.case_id')
    .select(['i.id', 'i.outcome', 'c.number'])
    .where('i.organization_id', '=', organizationId)
    .where('i.message_key', '=', key)
    .executeTakeFirst();
}

export interface InboundSettings {
  newCaseAfterDays: number;
  senderHourlyLimit: number;
}

export async function inboundSettings(db: Executor, organizationId: string): Promise<InboundSettings> {
  const row = await db.selectFrom('inbound_settings').select(['new_case_after_days', 'sender_hourly_limit']).where('organization_id', '=', organizationId).executeTakeFirst();
  return { newCaseAfterDays: row?.new_case_after_days ?? 30, senderHourlyLimit: row?.sender_hourly_limit ?? 20 };
}

/**
 * Serializes mail from one sender to one organization for the rest of the transaction, so the
 * hourly count below cannot be raced past by mails arriving together.
 */
export async function lockSender(tx: Tx, organizationId: string, sender: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`inbound:${organizationId}:${sender}`}, 0))`.execute(tx);
}

export async function mailsFromSenderSince(db: Executor, organizationId: string, sender: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('inbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('from_address', '=', sender)
    .where('received_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertInbound(tx: Executor, row: Insertable<InboundMessagesTable>): Promise<string> {
  return (await tx.insertInto('inbound_messages').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The files of a mail, stored with its case in one statement. */
export async function insertMailFiles(tx: Executor, caseId: string, inboundId: string, files: readonly UploadedFile[]) {
  if (files.length === 0) return;
  await sql`
    INSERT INTO attachments (case_id, inbound_message_id, filename, content_type, size_bytes, sha256, content)
    SELECT ${caseId}::uuid, ${inboundId}::uuid, f.filename, f.content_type, f.size_bytes, f.sha256, f.content
    FROM unnest(${files.map((f) => f.filename)}::text[], ${files.map((f) => f.contentType)}::text[], ${files.map((f) => f.content.length)}::integer[],
                ${files.map((f) => f.sha256)}::bytea[], ${files.map((f) => f.content)}::bytea[]) AS f(filename, content_type, size_bytes, sha256, content)
  `.execute(tx);
}

export async function addCaseEvent(tx: Executor, caseId: string, type: string, now: Date, data: Record<string, unknown>, actorLabel = 'E-post') {
  await tx.insertInto('case_events').values({ case_id: caseId, type, actor_label: actorLabel, occurred_at: now, data: JSON.stringify(data) }).execute();
}

/** Related cases, linked both ways (as the case page's "Länka" does). */
export async function linkBothWays(tx: Executor, a: string, b: string) {
  await tx.insertInto('case_links').values([{ case_id: a, linked_case_id: b }, { case_id: b, linked_case_id: a }]).onConflict((oc) => oc.doNothing()).execute();
}

/** A bounce: the message we sent did not arrive. The handler sees the reason on the case. */
export async function markUndelivered(tx: Executor, messageId: string, reason: string) {
  await tx.updateTable('messages').set({ status: 'failed', last_error: reason }).where('id', '=', messageId).execute();
}
