import type { InboundOutcome } from '../../db/schema.ts';

/**
 * One call per mail that reached Lyhörd, whatever became of it: the place for counters
 * (Prometheus in modules/ops) to hook in. `refused` is said at the door (SMTP 4xx/5xx) with
 * the reply code; the others after the mail was stored.
 */
export type InboundEvent =
  | { kind: 'accepted'; source: 'smtp' | 'imap' | 'release'; outcome: InboundOutcome | 'duplicate' }
  | { kind: 'held'; source: 'smtp' | 'imap' }
  | { kind: 'refused'; source: 'smtp' | 'imap'; code: number; reason: 'unknown_recipient' | 'too_large' | 'too_many_recipients' | 'database' | 'sender_flood' | 'error' };

type Listener = (e: InboundEvent) => void;
const listeners = new Set<Listener>();

/** Subscribe to inbound mail events; returns the unsubscribe function. */
export function onInboundMail(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportInbound(e: InboundEvent): void {
  for (const l of listeners) {
    try {
      l(e);
    } catch {
      // A counter must never make a mail fail.
    }
  }
}
