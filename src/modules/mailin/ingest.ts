import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db, Executor, Tx } from '../../db/database.ts';
import type { InboundOutcome } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { FINAL_STATUSES, type Status } from '../cases/lifecycle.ts';
import { caseNumberIn } from '../cases/numbering.ts';
import { lockCaseForChange } from '../cases/queries.ts';
import { submitterAnswered } from '../cases/submitterQuestion.ts';
import { isOwnAddress, type InstallationAddresses, type Recipient } from './addresses.ts';
import { automaticVerdict, isBounce, readDeliveryReport } from './classify.ts';
import { insertMailCase, mailDescription, mailFiles } from './mailCase.ts';
import { reportInbound } from './metrics.ts';
import { messageIdsIn, parseInbound, type ParsedInbound } from './parse.ts';
import * as q from './queries.ts';
import { strippedText } from './quotes.ts';

export interface InboundDeps {
  db: Db;
  clock: Clock;
  /** Derives the status link of a new case (see statusTokenFor). */
  tokenSecret: Buffer;
  installation: InstallationAddresses;
  /** For the link in the mail that tells a handler the submitter replied. */
  publicUrl?: string;
}

export interface Delivery {
  raw: Buffer;
  /** The SMTP envelope sender; '' for the null sender of a bounce; null when not known (IMAP). */
  envelopeFrom: string | null;
  /** Our recipients of this mail, already resolved to organizations. */
  recipients: Recipient[];
  source: 'smtp' | 'imap';
}

export interface DeliveryResult {
  organizationId: string;
  outcome: InboundOutcome | 'duplicate';
  inboundId: string;
  caseNumber: string | null;
}

/** Too much mail from one sender even to hold: SMTP answers "try later" instead of storing it. */
export class TemporaryRefusal extends Error {}

/** A sender over this many times the hourly limit is refused for the time being (SMTP only; IMAP mail is already ours). */
const REFUSE_FACTOR = 10;

const clean = (s: string) => s.replace(/\u0000/g, '');

/**
 * A mail that reached us, for each organization it was addressed to: stored, with the case it
 * made or joined, in one transaction per organization. Resolves only when everything is
 * committed, so the caller may then (and only then) say it was received. The same mail again
 * (same Message-ID) changes nothing and resolves with outcome 'duplicate'.
 */
export async function deliver(deps: InboundDeps, d: Delivery): Promise<DeliveryResult[]> {
  const parsed = await parseInbound(d.raw);
  const byOrg = new Map<string, Recipient[]>();
  for (const r of d.recipients) byOrg.set(r.organizationId, [...(byOrg.get(r.organizationId) ?? []), r]);
  const results: DeliveryResult[] = [];
  for (const [orgId, recipients] of byOrg) results.push(await deliverTo(deps, d, parsed, orgId, recipients));
  for (const r of results) reportInbound(r.outcome === 'held' ? { kind: 'held', source: d.source } : { kind: 'accepted', source: d.source, outcome: r.outcome });
  return results;
}

const UNIQUE_KEY = 'inbound_messages_organization_id_message_key_key';

async function deliverTo(deps: InboundDeps, d: Delivery, parsed: ParsedInbound, orgId: string, recipients: Recipient[]): Promise<DeliveryResult> {
  const bounce = isBounce(parsed, d.envelopeFrom);
  // A bounce concerns the organization whose message it names, wherever it was addressed.
  const bounced = bounce ? await q.outgoingByMessageIds(deps.db, bounceCandidates(parsed)) : undefined;
  const target = bounced?.organization_id ?? orgId;
  const run = () =>
    deps.db.transaction().execute(async (tx) => {
      await q.lockSender(tx, target, parsed.from?.address ?? '');
      const dup = await q.findInbound(tx, target, parsed.key);
      if (dup) return { organizationId: target, outcome: 'duplicate' as const, inboundId: dup.id, caseNumber: dup.number };
      return store(tx, deps, { d, parsed, orgId: target, recipients, bounce, bounced });
    });
  try {
    return await run();
  } catch (err) {
    // The same mail committed by another connection meanwhile (two IMAP readers, a resend racing a slow commit).
    if ((err as { constraint?: string }).constraint === UNIQUE_KEY) return run();
    throw err;
  }
}

function bounceCandidates(p: ParsedInbound): string[] {
  return [...new Set([...p.reportParts.flatMap((r) => messageIdsIn(r)), ...(p.inReplyTo ? [p.inReplyTo] : []), ...p.references, ...messageIdsIn(p.text)])].slice(0, 100);
}

interface StoreInput {
  d: Delivery;
  parsed: ParsedInbound;
  orgId: string;
  recipients: Recipient[];
  bounce: boolean;
  bounced: Awaited<ReturnType<typeof q.outgoingByMessageIds>>;
}

async function store(tx: Tx, deps: InboundDeps, s: StoreInput): Promise<DeliveryResult> {
  const { parsed, orgId } = s;
  const now = deps.clock.now();
  const text = clean(parsed.text);
  const warnings = [...parsed.warnings];
  const row = {
    organization_id: orgId,
    message_key: parsed.key,
    header_message_id: parsed.messageId,
    in_reply_to: parsed.inReplyTo,
    references: parsed.references,
    source: s.d.source,
    envelope_from: s.d.envelopeFrom,
    envelope_to: s.recipients.map((r) => r.address),
    from_address: parsed.from?.address ?? null,
    from_name: parsed.from?.name ? clean(parsed.from.name).slice(0, 300) : null,
    to_text: parsed.toText ? clean(parsed.toText).slice(0, 2000) : null,
    subject: clean(parsed.subject).slice(0, 1000),
    body: text,
    body_stripped: strippedText(text),
    raw: s.d.raw,
    raw_size: s.d.raw.length,
    received_at: now,
  };
  const done = async (outcome: InboundOutcome, extra: { caseId?: string; caseNumber?: string; attention?: boolean; bouncedId?: string } = {}) => {
    const id = await q.insertInbound(tx, { ...row, warnings, outcome, case_id: extra.caseId ?? null, needs_attention: extra.attention ?? false, bounced_message_id: extra.bouncedId ?? null });
    return { id, result: { organizationId: orgId, outcome, inboundId: id, caseNumber: extra.caseNumber ?? null } satisfies DeliveryResult };
  };

  if (parsed.from && (await isOwnAddress(tx, parsed.from.address, deps.installation))) return (await done('loop')).result;

  if (s.bounce) {
    if (!s.bounced) return (await done('bounce_unmatched')).result;
    const report = readDeliveryReport(parsed);
    const caseId = s.bounced.case_id ?? undefined;
    if (!report.failed) return (await done('delivery_report', { caseId, bouncedId: s.bounced.id })).result;
    const reason = sv('mailin.bounce.reason', { reason: clean(report.reason) }).slice(0, 1000);
    await q.markUndelivered(tx, s.bounced.id, reason);
    if (caseId) await q.addCaseEvent(tx, caseId, 'message', now, { purpose: s.bounced.purpose, messageId: s.bounced.id, status: 'failed', error: reason }, 'Lyhörd');
    return (await done('bounce', { caseId, bouncedId: s.bounced.id })).result;
  }

  const { found: thread, untrustedTag } = await findThread(tx, orgId, parsed, s.recipients);
  const automatic = automaticVerdict(parsed, thread !== undefined);
  // Automatic replies never make or reopen a case; one about a case is kept with it, quietly.
  if (automatic === 'auto_reply') return (await done('auto_reply', { caseId: thread?.id, caseNumber: thread?.number })).result;
  if (automatic === 'auto_subject') warnings.push(sv('mailin.warning.autoSubject'));
  if (automatic === 'bulk') {
    warnings.push(sv('mailin.warning.bulk'));
    return (await done('held', { attention: true })).result;
  }

  const settings = await q.inboundSettings(tx, orgId);
  if (parsed.from) {
    const recent = await q.mailsFromSenderSince(tx, orgId, parsed.from.address, new Date(now.getTime() - 3600_000));
    if (s.d.source === 'smtp' && recent >= settings.senderHourlyLimit * REFUSE_FACTOR) throw new TemporaryRefusal('sender flood');
    if (recent >= settings.senderHourlyLimit) {
      warnings.push(sv('mailin.warning.senderFlood', { limit: String(settings.senderHourlyLimit) }));
      return (await done('held', { attention: true })).result;
    }
  }

  const { files, warnings: fileWarnings } = mailFiles(parsed);
  warnings.push(...fileWarnings);
  const attach = async (caseId: string, inboundId: string) => q.insertMailFiles(tx, caseId, inboundId, files);

  if (thread && !isFinal(thread.status)) {
    const { id, result } = await done('reply', { caseId: thread.id, caseNumber: thread.number });
    await attach(thread.id, id);
    await q.addCaseEvent(tx, thread.id, 'mail_in', now, { channel: 'email', inboundMessageId: id }, 'Synpunktslämnaren via e-post');
    await replyJoined(tx, deps, orgId, thread.number, now);
    return result;
  }
  if (thread) {
    const closedAt = thread.closed_at ?? now;
    if (now.getTime() - closedAt.getTime() <= settings.newCaseAfterDays * 86_400_000) {
      const { id, result } = await done('reply_after_close', { caseId: thread.id, caseNumber: thread.number, attention: true });
      await attach(thread.id, id);
      await q.addCaseEvent(tx, thread.id, 'mail_in', now, { channel: 'email', inboundMessageId: id, afterClose: true }, 'Synpunktslämnaren via e-post');
      return result;
    }
  }
  const { description, cut } = mailDescription({ subject: clean(parsed.subject), text });
  if (cut) warnings.push(sv('mailin.warning.descriptionCut'));
  if (untrustedTag) warnings.push(sv('mailin.warning.notFromContact', { number: untrustedTag }));
  const created = await insertMailCase(tx, deps, orgId, parsed, now, description);
  const { id, result } = await done(thread ? 'new_case_after_close' : 'new_case', { caseId: created.id, caseNumber: created.number });
  await attach(created.id, id);
  if (thread) {
    await q.linkBothWays(tx, created.id, thread.id);
    await q.addCaseEvent(tx, created.id, 'link', now, { linked: thread.number, reason: sv('mailin.link.afterClose', { days: String(settings.newCaseAfterDays) }) });
    await q.addCaseEvent(tx, thread.id, 'link', now, { linked: created.number });
  }
  return result;
}

/** A reply mail in an open case counts as the submitter's answer, as one on the status page does. */
export async function replyJoined(tx: Tx, deps: Pick<InboundDeps, 'publicUrl'>, orgId: string, number: string, now: Date) {
  const row = await lockCaseForChange(tx, orgId, number);
  const org = await tx.selectFrom('organizations').select(['id', 'slug', 'host_name', 'is_default']).where('id', '=', orgId).executeTakeFirstOrThrow();
  if (row) await submitterAnswered(tx, deps, org, row, now);
}

const isFinal = (status: string) => (FINAL_STATUSES as readonly string[]).includes(status as Status);

export interface Thread {
  /** The case the mail joins. */
  found?: q.ThreadCase;
  /** The case a plus-address named that the mail does not join, because it is not from that case's contact. */
  untrustedTag?: string;
}

/** The sender is the case's contact: the bare addresses compared without regard to case. */
const fromContact = (c: q.ThreadCase, from: ParsedInbound['from']) => !!from && !!c.contact_email && c.contact_email.trim().toLowerCase() === from.address.trim().toLowerCase();

/**
 * The case a mail answers: the case number in a plus-address, a Message-ID in In-Reply-To or
 * References of something we sent or received, or the case number in the subject. A merged case
 * leads to the one it was merged into.
 *
 * A case number counts only from the case's own contact. Numbers run in sequence, so anyone can
 * type one, in the subject or in a plus-address, and a mail that joins an open case is taken as
 * the submitter's answer: it resumes a waiting case and tells the handler. A mail from anyone else
 * goes on as if it named no case, as the subject-line number always has: it becomes a new case in
 * the registrar's inbox (or an automatic reply about nothing), with a warning naming the case the
 * plus-address gave (`untrustedTag`), so the registrar can link or merge it when it does belong
 * there (the submitter writing from another address, someone answering for them). Joining the
 * named case marked as "from someone else" would still let an outsider put text and files into any
 * case and on the handler's desk; the registrar, who sorts all new mail anyway, is the one to
 * judge it. Message-IDs need no such check: only someone who got the mail has them.
 * The From header itself is not authenticated here: this stops guessing a number, not forging the
 * contact's address, which is for the mail gateway's SPF/DKIM/DMARC checks.
 */
export async function findThread(db: Executor, orgId: string, parsed: ParsedInbound, recipients: Recipient[]): Promise<Thread> {
  let found: q.ThreadCase | undefined;
  let untrustedTag: string | undefined;
  const tagged = recipients.find((r) => r.caseNumber)?.caseNumber;
  if (tagged) {
    const c = await q.caseByNumber(db, orgId, tagged);
    if (c && fromContact(c, parsed.from)) found = c;
    else if (c) untrustedTag = c.number;
  }
  if (!found) found = await q.caseByMessageIds(db, orgId, [...(parsed.inReplyTo ? [parsed.inReplyTo] : []), ...parsed.references]);
  if (!found && parsed.from) {
    const number = caseNumberIn(parsed.subject);
    const c = number ? await q.caseByNumber(db, orgId, number) : undefined;
    if (c && fromContact(c, parsed.from)) found = c;
  }
  for (let hops = 0; found?.status === 'merged' && found.merged_into_id && hops < 10; hops++) found = await q.caseById(db, orgId, found.merged_into_id);
  return found ? { found } : { untrustedTag };
}
