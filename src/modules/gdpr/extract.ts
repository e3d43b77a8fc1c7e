import type { Db, Executor } from '../../db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { logActor } from '../retention/policy.ts';
import { KIND_LABEL, maskIdentifier, parseIdentifier, type Identifier, type IdentifierKind } from './identifier.ts';
import { findCases } from './search.ts';
import { countOf } from '../../platform/i18n/countOf.ts';

/**
 * Register extract (GDPR article 15): every case where the person is the contact (or, for a
 * personnummer, wrote it), with what they wrote and what they were sent. Every extract is
 * recorded (who, when, how many cases, the identifier masked) in the same transaction as it is
 * read, and in the admin log.
 */
export interface ExtractCase {
  number: string;
  receivedAt: string;
  kind: string;
  status: string;
  confidential: boolean;
  confidentialityRef: string | null;
  description: string;
  location: string | null;
  contact: { name: string | null; email: string | null; phone: string | null; address: string | null; replyChannel: string; pseudonymised: boolean } | null;
  messages: { at: string; direction: 'out' | 'in'; channel: string; subject: string | null; body: string }[];
  attachments: { filename: string; contentType: string; sizeBytes: number }[];
}

export interface Extract {
  organization: string;
  identifier: { kind: IdentifierKind; masked: string };
  generatedAt: string;
  requestId: string;
  cases: ExtractCase[];
}

export function identifierFrom(query: Record<string, string | undefined>): Identifier {
  const given = (['email', 'phone', 'personnummer'] as const).filter((k) => query[k] !== undefined && query[k] !== '');
  if (given.length !== 1) throw new DomainError('invalid', 'Ange precis en av email, phone eller personnummer.', { identifier: 'Ange precis en av email, phone eller personnummer' });
  const parsed = parseIdentifier(given[0]!, query[given[0]!]!);
  if ('error' in parsed) throw new DomainError('invalid', parsed.error, { [given[0]!]: parsed.error });
  return parsed;
}

export async function loadExtractCases(db: Executor, caseIds: string[]): Promise<ExtractCase[]> {
  if (caseIds.length === 0) return [];
  const cases = await db
    .selectFrom('cases as c')
    .leftJoin('case_contacts as cc', 'cc.case_id', 'c.id')
    .select(['c.id', 'c.number', 'c.received_at', 'c.kind', 'c.status', 'c.confidential', 'c.confidentiality_ref', 'c.description', 'c.location', 'c.contact_pseudonymised_at'])
    .select(['cc.name', 'cc.email', 'cc.phone', 'cc.address', 'cc.reply_channel'])
    .where('c.id', 'in', caseIds)
    .orderBy('c.received_at')
    .execute();
  const [out, inn, files] = await Promise.all([
    db.selectFrom('messages').select(['case_id', 'created_at', 'channel', 'subject', 'body']).where('case_id', 'in', caseIds).orderBy('created_at').execute(),
    db.selectFrom('inbound_messages').select(['case_id', 'received_at', 'subject', 'body_stripped']).where('case_id', 'in', caseIds).orderBy('received_at').execute(),
    db.selectFrom('attachments').select(['case_id', 'filename', 'content_type', 'size_bytes']).where('case_id', 'in', caseIds).orderBy('created_at').execute(),
  ]);
  return cases.map((c) => ({
    number: c.number,
    receivedAt: c.received_at.toISOString(),
    kind: c.kind,
    status: c.status,
    confidential: c.confidential,
    confidentialityRef: c.confidentiality_ref,
    description: c.description,
    location: c.location,
    contact: c.reply_channel ? { name: c.name, email: c.email, phone: c.phone, address: c.address, replyChannel: c.reply_channel, pseudonymised: c.contact_pseudonymised_at !== null } : null,
    messages: [
      ...out.filter((m) => m.case_id === c.id).map((m) => ({ at: m.created_at.toISOString(), direction: 'out' as const, channel: m.channel, subject: m.subject, body: m.body })),
      ...inn.filter((m) => m.case_id === c.id).map((m) => ({ at: m.received_at.toISOString(), direction: 'in' as const, channel: 'email', subject: m.subject, body: m.body_stripped })),
    ].sort((a, b) => a.at.localeCompare(b.at)),
    attachments: files.filter((f) => f.case_id === c.id).map((f) => ({ filename: f.filename, contentType: f.content_type, sizeBytes: f.size_bytes })),
  }));
}

/** Finds, records and returns the extract, in one transaction. */
export async function registerExtract(db: Db, actor: Actor, organization: { id: string; name: string }, id: Identifier, channel: 'api' | 'admin', now: Date): Promise<Extract> {
  return db.transaction().execute(async (tx) => {
    const caseIds = await findCases(tx, organization.id, id);
    const masked = maskIdentifier(id);
    const request = await tx
      .insertInto('data_subject_requests')
      .values({ organization_id: organization.id, type: 'extract', identifier_kind: id.kind, identifier_masked: masked, case_ids: caseIds, channel, requested_by: actor.kind === 'user' ? actor.id : null, requested_by_label: actor.name, requested_at: now, status: 'done' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, {
      organizationId: organization.id,
      actor: logActor(actor),
      action: 'extract',
      entityType: 'data_subject',
      entityId: request.id,
      summary: `Registerutdrag (${KIND_LABEL[id.kind]} ${masked}): ${countOf(caseIds.length, 'ärende', 'ärenden')}`,
      now,
    });
    return { organization: organization.name, identifier: { kind: id.kind, masked }, generatedAt: now.toISOString(), requestId: request.id, cases: await loadExtractCases(tx, caseIds) };
  });
}

/**
 * Generating an extract is not handing it out: someone sends the PDF (or what the API returned) to
 * the person and then marks it handed out, and is recorded as having done so.
 */
export async function markHandedOut(db: Db, actor: Actor, organizationId: string, requestId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('data_subject_requests')
      .set({ handed_out_at: now, handed_out_by: actor.kind === 'user' ? actor.id : null, handed_out_by_label: actor.name })
      .where('id', '=', requestId)
      .where('organization_id', '=', organizationId)
      .where('type', '=', 'extract')
      .where('handed_out_at', 'is', null)
      .returning(['identifier_kind', 'identifier_masked'])
      .executeTakeFirst();
    if (!r) throw new DomainError('conflict', sv('gdpr.extract.notFound'));
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'hand_out', entityType: 'data_subject', entityId: requestId, summary: sv('gdpr.extract.handedOut', { kind: KIND_LABEL[r.identifier_kind], masked: r.identifier_masked }), now });
  });
}
