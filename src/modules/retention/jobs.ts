import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { TaskHandler } from '../../platform/jobs.ts';
import { processRun, unfinishedRuns } from './disposal.ts';
import { retentionNoticePass } from './notice.ts';

/** Extra daily work of other records modules (pseudonymisation), run by the same tick. */
export type DailyStep = (deps: { db: Db; clock: Clock }, now: Date) => Promise<unknown>;

export function retentionTasks(deps: { db: Db; clock: Clock; publicUrl: string }, daily: readonly DailyStep[] = []): Record<'disposal_run' | 'retention_daily', TaskHandler> {
  return {
    disposal_run: async (payload) => {
      await processRun(deps.db, String(payload.runId), { now: () => deps.clock.now() });
    },
    // Hourly like the other passes, and idempotent: resumes interrupted runs, tells the records
    // officers once a day what has become due, and does the daily records chores.
    retention_daily: async () => {
      for (const runId of await unfinishedRuns(deps.db)) await processRun(deps.db, runId, { now: () => deps.clock.now() });
      const now = deps.clock.now();
      await retentionNoticePass(deps, now);
      for (const step of daily) await step(deps, now);
    },
  };
}
