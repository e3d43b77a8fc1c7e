import type { MessageEnvelopeObject } from 'imapflow';
import { resolveRecipient } from './addresses.ts';
import type { InboundDeps } from './ingest.ts';
import { reportInbound } from './metrics.ts';

/**
 * A message in the mailbox over 25 MB is not fetched: the registrar is told, with its sender,
 * subject and size, and it stays in the mailbox (flagged, so it is not read again).
 */
export async function recordOversize(deps: InboundDeps, m: { uid: number; size: number; envelope?: MessageEnvelopeObject; source: 'imap' }) {
  const org = await resolveRecipient(deps.db, deps.installation.replyTo, deps.installation);
  if (!org) return;
  const from = m.envelope?.from?.[0];
  const mb = (m.size / 1024 / 1024).toFixed(1).replace('.', ',');
  await deps.db
    .insertInto('inbound_messages')
    .values({
      organization_id: org.organizationId,
      message_key: m.envelope?.messageId ?? `imap-oversize:${m.uid}:${m.size}`,
      header_message_id: m.envelope?.messageId ?? null,
      source: m.source,
      from_address: from?.address?.toLowerCase() ?? null,
      from_name: from?.name || null,
      subject: m.envelope?.subject ?? null,
      body: '',
      body_stripped: '',
      outcome: 'held',
      warnings: [`Meddelandet är ${mb} MB, större än 25 MB, och hämtades inte. Det finns kvar i e-postlådan.`],
      needs_attention: true,
      raw: null,
      raw_size: m.size,
      received_at: deps.clock.now(),
    })
    .onConflict((oc) => oc.columns(['organization_id', 'message_key']).doNothing())
    .execute();
  reportInbound({ kind: 'held', source: 'imap' });
}
