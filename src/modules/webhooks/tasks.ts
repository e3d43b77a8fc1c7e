import { makeWorkerUtils } from 'graphile-worker';
import { poolOf } from '../../db/database.ts';
import type { TaskHandler } from '../../platform/jobs.ts';
import { deliverChain, type WebhookDeps } from './deliver.ts';

export type { WebhookDeps };

/** Delivered and given-up deliveries are kept this long in the delivery log. */
const LOG_DAYS = 30;

export function webhookTasks(deps: WebhookDeps): Record<'webhook_deliver' | 'webhook_maintenance', TaskHandler> {
  return {
    webhook_deliver: async (payload) => {
      await deliverChain(deps, String(payload.subscriptionId), String(payload.chain));
    },
    webhook_maintenance: async () => {
      const cutoff = new Date(deps.clock.now().getTime() - LOG_DAYS * 24 * 60 * 60 * 1000);
      await deps.db.deleteFrom('webhook_deliveries').where('status', '<>', 'pending').where('created_at', '<', cutoff).execute();
      await deps.db
        .deleteFrom('webhook_events')
        .where('occurred_at', '<', cutoff)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('webhook_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'webhook_events.id'))))
        .execute();
      // One named queue per case and subscription keeps chains in order; the empty ones go.
      const utils = await makeWorkerUtils({ pgPool: poolOf(deps.db) });
      try {
        await utils.cleanup({ tasks: ['GC_JOB_QUEUES'] });
      } finally {
        await utils.release();
      }
    },
  };
}
