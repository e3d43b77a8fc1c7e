import type { Executor } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { sv, type MessageKey } from '../../platform/i18n/catalogue.ts';
import { FINAL_STATUSES, type Status } from '../cases/lifecycle.ts';
import { CASE_NUMBER } from '../cases/numbering.ts';
import type { Actor } from '../cases/policy.ts';
import { splitAddress } from './addresses.ts';
import { findThread, replyJoined, type InboundDeps } from './ingest.ts';
import { insertMailCase, mailDescription, mailFiles } from './mailCase.ts';
import { reportInbound } from './metrics.ts';
import { parseInbound } from './parse.ts';
import { addCaseEvent, insertMailFiles } from './queries.ts';

/** The registrar's decisions on held mail (a flood from one sender, mass mail, a message too large to fetch) and on mail set aside. */

export async function listHeld(db: Executor, organizationId: string) {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'from_address', 'from_name', 'subject', 'received_at', 'warnings', 'raw_size', 'source'])
    .select((eb) => eb('raw', 'is not', null).as('has_raw'))
    .where('organization_id', '=', organizationId)
    .where('outcome', '=', 'held')
    .where('needs_attention', '=', true)
    .orderBy('received_at')
    .limit(500)
    .execute();
}

/** What the registrar may still make a case of, though it became none: see the page's second list. */
const IGNORED = ['auto_reply', 'bounce_unmatched', 'loop', 'discarded'] as const;

/** The latest mails that did not become cases or join one: automatic replies, bounces nobody sent, loops, discarded. */
export async function listIgnored(db: Executor, organizationId: string) {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'from_address', 'subject', 'received_at', 'outcome'])
    .select((eb) => eb('raw', 'is not', null).as('has_raw'))
    .where('organization_id', '=', organizationId)
    .where('case_id', 'is', null)
    .where('outcome', 'in', IGNORED)
    .orderBy('received_at', 'desc')
    .limit(50)
    .execute();
}

/** Why the mail had not become a case, for the case history: the registrar's decision overrode this. */
const SET_ASIDE_AS: Record<'held' | (typeof IGNORED)[number], MessageKey> = {
  held: 'mailin.released.held',
  auto_reply: 'mailin.released.autoReply',
  bounce_unmatched: 'mailin.released.bounceUnmatched',
  loop: 'mailin.released.loop',
  discarded: 'mailin.released.discarded',
};

/**
 * The registrar's "make a case of it", for held mail and for mail that was set aside (an automatic
 * reply may be a person's complaint after all): it becomes what it would have been, a reply in its
 * open case or a new case. The case history records who decided so, in the same transaction.
 */
export async function releaseHeld(deps: InboundDeps, actor: Actor, id: string): Promise<{ number: string }> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', id)
      .where('organization_id', '=', actor.organizationId)
      .where((eb) => eb.or([eb('outcome', '=', 'held'), eb.and([eb('outcome', 'in', IGNORED), eb('case_id', 'is', null)])]))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Meddelandet');
    if (!row.raw) throw new DomainError('conflict', 'Meddelandet hämtades aldrig från e-postlådan eftersom det är för stort. Läs det i e-postlådan och registrera det för hand.');
    const now = deps.clock.now();
    const parsed = await parseInbound(row.raw);
    const recipients = row.envelope_to.map((address) => {
      const tag = splitAddress(address).tag;
      return { address, organizationId: actor.organizationId, caseNumber: tag && CASE_NUMBER.test(tag.toUpperCase()) ? tag.toUpperCase() : null };
    });
    const { found: thread, untrustedTag } = await findThread(tx, actor.organizationId, parsed, recipients);
    const { files, warnings } = mailFiles(parsed);
    let target: { id: string; number: string };
    if (thread && !(FINAL_STATUSES as readonly string[]).includes(thread.status as Status)) {
      target = thread;
      await addCaseEvent(tx, thread.id, 'mail_in', now, { channel: 'email', inboundMessageId: row.id, releasedBy: actor.name }, 'Synpunktslämnaren via e-post');
      await replyJoined(tx, deps, actor.organizationId, thread.number, now);
    } else {
      target = await insertMailCase(tx, deps, actor.organizationId, parsed, row.received_at, mailDescription({ subject: row.subject ?? '', text: row.body }).description);
      if (untrustedTag) warnings.push(sv('mailin.warning.notFromContact', { number: untrustedTag }));
    }
    await insertMailFiles(tx, target.id, row.id, files);
    const why = SET_ASIDE_AS[row.outcome as keyof typeof SET_ASIDE_AS];
    await tx
      .insertInto('case_events')
      .values({ case_id: target.id, type: 'mail_released', actor_user_id: actor.kind === 'user' ? actor.id : null, actor_label: actor.name, occurred_at: now, data: JSON.stringify({ inboundMessageId: row.id, reason: sv(why) }) })
      .execute();
    await tx
      .updateTable('inbound_messages')
      .set({ outcome: 'released', case_id: target.id, needs_attention: false, handled_by: actor.kind === 'user' ? actor.id : null, handled_at: now, warnings: [...row.warnings, ...warnings] })
      .where('id', '=', row.id)
      .execute();
    return { number: target.number };
  });
  reportInbound({ kind: 'accepted', source: 'release', outcome: 'released' });
  return result;
}

/** Not a synpunkt (a mail bomb, spam): kept as received, off the list. */
export async function discardHeld(deps: InboundDeps, actor: Actor, id: string): Promise<void> {
  const row = await deps.db
    .updateTable('inbound_messages')
    .set({ outcome: 'discarded', needs_attention: false, handled_by: actor.kind === 'user' ? actor.id : null, handled_at: deps.clock.now() })
    .where('id', '=', id)
    .where('organization_id', '=', actor.organizationId)
    .where('outcome', '=', 'held')
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Meddelandet');
}
