import { countWebhookDelivery } from '../../platform/metrics.ts';
import { onWebhookAttempt } from '../webhooks/metrics.ts';

// Counted once per process (a module-level subscription), without organization or URL labels:
// their number is unbounded, and the delivery log in the admin pages has the detail.
onWebhookAttempt((o) => countWebhookDelivery({ eventType: o.eventType, outcome: o.outcome, durationMs: o.durationMs }));
