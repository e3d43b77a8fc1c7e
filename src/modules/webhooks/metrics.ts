/**
 * The one place a delivery attempt is reported, for whoever counts them (Prometheus counters in
 * the ops module subscribe here). Listeners get no payload and no URL: only what a counter needs.
 */
export type AttemptOutcome = 'delivered' | 'retrying' | 'failed' | 'paused';

export interface AttemptObservation {
  organizationId: string;
  subscriptionId: string;
  eventType: string;
  outcome: AttemptOutcome;
  /** The receiver's HTTP status; null when there was no answer (timeout, refused connection). */
  statusCode: number | null;
  durationMs: number;
}

type Listener = (o: AttemptObservation) => void;
const listeners = new Set<Listener>();

/** Subscribes to every attempt; returns the unsubscribe function. */
export function onWebhookAttempt(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportAttempt(o: AttemptObservation): void {
  for (const l of listeners) {
    try {
      l(o);
    } catch {
      // A broken counter must not break delivery.
    }
  }
}
