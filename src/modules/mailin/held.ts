import type { Executor } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { FINAL_STATUSES, type Status } from '../cases/lifecycle.ts';
import { CASE_NUMBER } from '../cases/numbering.ts';
import type { Actor } from '../cases/policy.ts';
import { splitAddress } from './addresses.ts';
import { findThread, replyJoined, type InboundDeps } from './ingest.ts';
import { insertMailCase, mailDescription, mailFiles } from './mailCase.ts';
import { reportInbound } from './metrics.ts';
import { parseInbound } from './parse.ts';
import { addCaseEvent, insertMailFiles } from './queries.ts';

/** The registrar's decisions on held mail (a flood from one sender, a message too large to fetch). */

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

/** The latest mails that did not become cases or join one: automatic replies, bounces nobody sent, loops, discarded. */
export async function listIgnored(db: Executor, organizationId: string) {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'from_address', 'subject', 'received_at', 'outcome'])
    .where('organization_id', '=', organizationId)
    .where('case_id', 'is', null)
    .where('outcome', 'in', ['auto_reply', 'bounce_unmatched', 'loop', 'discarded'])
    .orderBy('received_at', 'desc')
    .limit(50)
    .execute();
}

/** A held mail becomes what it would have been: a reply in its open case, or a new case. */
export async function releaseHeld(deps: InboundDeps, actor: Actor, id: string): Promise<{ number: string }> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('inbound_messages').selectAll().where('id', '=', id).where('organization_id', '=', actor.organizationId).where('outcome', '=', 'held').forUpdate().executeTakeFirst();
    if (!row) throw notFound('Meddelandet');
    if (!row.raw) throw new DomainError('conflict', 'Meddelandet hämtades aldrig från e-postlådan eftersom det är för stort. Läs det i e-postlådan och registrera det för hand.');
    const now = deps.clock.now();
    const parsed = await parseInbound(row.raw);
    const recipients = row.envelope_to.map((address) => {
      const tag = splitAddress(address).tag;
      return { address, organizationId: actor.organizationId, caseNumber: tag && CASE_NUMBER.test(tag.toUpperCase()) ? tag.toUpperCase() : null };
    });
    const thread = await findThread(tx, actor.organizationId, parsed, recipients);
    const { files, warnings } = mailFiles(parsed);
    let target: { id: string; number: string };
    if (thread && !(FINAL_STATUSES as readonly string[]).includes(thread.status as Status)) {
      target = thread;
      await addCaseEvent(tx, thread.id, 'mail_in', now, { channel: 'email', inboundMessageId: row.id, releasedBy: actor.name }, 'Synpunktslämnaren via e-post');
      await replyJoined(tx, deps, actor.organizationId, thread.number, now);
    } else {
      target = await insertMailCase(tx, deps, actor.organizationId, parsed, row.received_at, mailDescription({ subject: row.subject ?? '', text: row.body }).description);
    }
    await insertMailFiles(tx, target.id, row.id, files);
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
