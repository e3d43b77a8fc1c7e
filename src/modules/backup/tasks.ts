import type { JobHelpers } from 'graphile-worker';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { TaskHandler } from '../../platform/jobs.ts';
import { scheduledBackup, type BackupSchedule } from './schedule.ts';

export interface BackupDeps {
  db: Db;
  clock: Clock;
  /** Absent: scheduled backups are off (BACKUP_KEEP=0, or DATABASE_URL without BACKUP_KEEP). */
  schedule?: BackupSchedule;
}

/** The hourly check for the daily backup (modules/notifications/jobs.ts lists it in CRON). */
export function backupTasks(deps: BackupDeps): { scheduled_backup: TaskHandler } {
  return {
    scheduled_backup: async (_payload, helpers: JobHelpers) => {
      if (!deps.schedule) return;
      const outcome = await scheduledBackup(deps.db, deps.clock, deps.schedule);
      if (outcome === 'made') helpers.logger.info('Scheduled backup made');
    },
  };
}
