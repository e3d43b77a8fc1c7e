import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { MessagesTable } from '../../db/schema.ts';
import { FINAL_STATUSES } from '../cases/lifecycle.ts';
import { loadRules } from '../retention/rules.ts';
import { ruleFor } from '../retention/schedule.ts';

/**
 * What goes into a delivery: the kept cases of an organization closed in a year. Kept means the
 * retention schedule says "keep" for the case; a held case is not delivered (it is reported).
 * A case already in a package is not put in another: it stays tied to that package, whose receipt
 * alone makes it disposable. A lost download is fetched again from the same package (build.ts
 * rebuildPackage), never by making a second package that takes the cases over.
 */
export interface CaseFile {
  id: string;
  number: string;
  kind: string;
  channel: string;
  status: string;
  significance: string | null;
  confidential: boolean;
  confidentialityRef: string | null;
  anonymous: boolean;
  description: string;
  location: string | null;
  outcome: string | null;
  receivedAt: Date;
  /** Null while the case is open (a hand-over to the diarium); a delivery to the e-archive has closed cases only. */
  closedAt: Date | null;
  areaName: string | null;
  unitName: string | null;
  forvaltningName: string | null;
  handlerName: string | null;
  contact: { name: string | null; email: string | null; phone: string | null; address: string | null; replyChannel: string } | null;
  events: { type: string; at: Date; actor: string | null; data: Record<string, unknown> }[];
  messages: CaseMessage[];
  inbound: { id: string; raw: Buffer | null; subject: string | null; body: string; from: string | null; at: Date }[];
  attachments: { id: string; filename: string; contentType: string; content: Buffer; sha256: Buffer }[];
}

/** A message on the case, with what its send recorded (notifications/send.ts). */
export interface CaseMessage {
  id: string;
  purpose: string;
  channel: string;
  status: string;
  /** 'outbox': kept in the local outbox, never delivered (no SMTP server was configured). */
  transport: string | null;
  recipient: string | null;
  subject: string | null;
  body: string;
  at: Date;
  /** The day a letter was sent or a call made. */
  occurredOn: string | null;
  sentAt: Date | null;
  headerMessageId: string | null;
  replyTo: string | null;
  /** The headers the send recorded; null for mail sent before it did (2026-12-04T0900) and for what was never sent. */
  sent: { fromName: string; fromAddress: string; date: Date; messageId: string; inReplyTo: string | null; references: string | null } | null;
}

export async function keptCasesClosedIn(db: Executor, organizationId: string, year: number) {
  const rules = await loadRules(db, organizationId);
  const { rows } = await sql<{ id: string; number: string; kind: string; significance: string | null; area_id: string | null; legal_hold: boolean; packaged: boolean }>`
    SELECT c.id, c.number, c.kind, c.significance, c.area_id, c.legal_hold,
      EXISTS (SELECT 1 FROM archive_package_cases pc WHERE pc.case_id = c.id) AS packaged
    FROM cases c
    WHERE c.organization_id = ${organizationId} AND c.disposed_at IS NULL AND c.closed_at IS NOT NULL
      AND c.status IN (${sql.join(FINAL_STATUSES.map((s) => sql.lit(s)))})
      AND extract(year FROM c.closed_at AT TIME ZONE 'Europe/Stockholm') = ${year}
    ORDER BY c.number`.execute(db);
  const kept = rows.filter((r) => ruleFor(rules, { significance: r.significance, kind: r.kind, areaId: r.area_id })?.action === 'keep' && !r.packaged);
  return { deliver: kept.filter((r) => !r.legal_hold).map((r) => r.id), held: kept.filter((r) => r.legal_hold).map((r) => r.number) };
}

/** The packages of a year that still wait for the archive's receipt: where that year's cases already are. */
export async function unconfirmedPackagesOf(db: Executor, organizationId: string, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('archive_packages')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('closed_year', '=', year)
    .where('confirmed_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

export async function loadCaseFiles(db: Executor, caseIds: string[]): Promise<CaseFile[]> {
  if (caseIds.length === 0) return [];
  const cases = await db
    .selectFrom('cases as c')
    .leftJoin('categories as a', 'a.id', 'c.area_id')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .leftJoin('org_units as f', (j) => j.on(sql<boolean>`f.id = u.ancestor_ids[1]`))
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .leftJoin('case_contacts as cc', 'cc.case_id', 'c.id')
    .select(['c.id', 'c.number', 'c.kind', 'c.channel', 'c.status', 'c.significance', 'c.confidential', 'c.confidentiality_ref', 'c.anonymous', 'c.description', 'c.location', 'c.outcome', 'c.received_at', 'c.closed_at'])
    .select(['a.name as area_name', 'u.name as unit_name', 'f.name as forvaltning_name', 'h.name as handler_name', 'cc.name', 'cc.email', 'cc.phone', 'cc.address', 'cc.reply_channel'])
    .where('c.id', 'in', caseIds)
    .orderBy('c.number')
    .execute();
  const [events, messages, inbound, attachments] = await Promise.all([
    db.selectFrom('case_events').select(['case_id', 'type', 'occurred_at', 'actor_label', 'data']).where('case_id', 'in', caseIds).orderBy('id').execute(),
    db
      .selectFrom('messages')
      .select(['id', 'case_id', 'purpose', 'channel', 'status', 'transport', 'recipient', 'subject', 'body', 'created_at', 'occurred_on', 'sent_at', 'header_message_id', 'reply_to'])
      .select(['header_from_name', 'header_from_address', 'header_date', 'header_in_reply_to', 'header_references'])
      .where('case_id', 'in', caseIds)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('inbound_messages').select(['id', 'case_id', 'raw', 'subject', 'body', 'from_address', 'received_at']).where('case_id', 'in', caseIds).orderBy('received_at').execute(),
    db.selectFrom('attachments').select(['id', 'case_id', 'filename', 'content_type', 'content', 'sha256']).where('case_id', 'in', caseIds).orderBy('created_at').execute(),
  ]);
  return cases.map((c) => ({
    id: c.id,
    number: c.number,
    kind: c.kind,
    channel: c.channel,
    status: c.status,
    significance: c.significance,
    confidential: c.confidential,
    confidentialityRef: c.confidentiality_ref,
    anonymous: c.anonymous,
    description: c.description,
    location: c.location,
    outcome: c.outcome,
    receivedAt: c.received_at,
    closedAt: c.closed_at,
    areaName: c.area_name,
    unitName: c.unit_name,
    forvaltningName: c.forvaltning_name,
    handlerName: c.handler_name,
    contact: c.reply_channel ? { name: c.name, email: c.email, phone: c.phone, address: c.address, replyChannel: c.reply_channel } : null,
    events: events.filter((e) => e.case_id === c.id).map((e) => ({ type: e.type, at: e.occurred_at, actor: e.actor_label, data: (e.data ?? {}) as Record<string, unknown> })),
    messages: messages.filter((m) => m.case_id === c.id).map(caseMessage),
    inbound: inbound.filter((m) => m.case_id === c.id).map((m) => ({ id: m.id, raw: m.raw, subject: m.subject, body: m.body, from: m.from_address, at: m.received_at })),
    attachments: attachments.filter((a) => a.case_id === c.id).map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, content: a.content, sha256: a.sha256 })),
  }));
}

type MessageRow = Pick<
  Selectable<MessagesTable>,
  | 'id' | 'purpose' | 'channel' | 'status' | 'transport' | 'recipient' | 'subject' | 'body' | 'created_at' | 'occurred_on' | 'sent_at' | 'header_message_id' | 'reply_to'
  | 'header_from_name' | 'header_from_address' | 'header_date' | 'header_in_reply_to' | 'header_references'
>;

function caseMessage(m: MessageRow): CaseMessage {
  const sent =
    m.header_from_address !== null && m.header_date !== null && m.header_message_id !== null
      ? { fromName: m.header_from_name ?? '', fromAddress: m.header_from_address, date: m.header_date, messageId: m.header_message_id, inReplyTo: m.header_in_reply_to, references: m.header_references }
      : null;
  return {
    id: m.id,
    purpose: m.purpose,
    channel: m.channel,
    status: m.status,
    transport: m.transport,
    recipient: m.recipient,
    subject: m.subject,
    body: m.body,
    at: m.created_at,
    occurredOn: m.occurred_on,
    sentAt: m.sent_at,
    headerMessageId: m.header_message_id,
    replyTo: m.reply_to,
    sent,
  };
}
