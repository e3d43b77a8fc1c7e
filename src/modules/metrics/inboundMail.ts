import { countInboundMail } from '../../platform/metrics.ts';
import { onInboundMail } from '../mailin/metrics.ts';

// Counted once per process, however many apps it builds (tests build many): a module-level subscription.
onInboundMail((e) => {
  if (e.kind === 'accepted') countInboundMail({ source: e.source, result: 'accepted', outcome: e.outcome });
  else if (e.kind === 'held') countInboundMail({ source: e.source, result: 'held', outcome: 'held' });
  else countInboundMail({ source: e.source, result: 'refused', outcome: e.reason });
});
