import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { TaskHandler } from '../../platform/jobs.ts';
import { forgetOldFailures } from './login.ts';

/** The sign-in module's housekeeping, run by the job runner (cron in notifications/jobs.ts). */
export function authTasks(deps: { db: Db; clock: Clock }): Record<'login_throttle_cleanup', TaskHandler> {
  return {
    login_throttle_cleanup: async () => {
      await forgetOldFailures(deps.db, deps.clock.now());
    },
  };
}
