import type { CronItem, Runner } from 'graphile-worker';
import type { MailConfig } from '../../config.ts';
import { poolOf, type Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { runnerState, startWorker, type JobRunnerState, type TaskHandler, type TaskName } from '../../platform/jobs.ts';
import type { Logger } from '../../platform/logging.ts';
import { outboxTransport, smtpTransport, type MailTransport } from '../../platform/mail.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { DENY_PRIVATE, guardedFetch, type NetworkPolicy } from '../../platform/internalNetwork.ts';
import { installationSecret } from '../../platform/secrets.ts';
import { webhookTasks, type WebhookDeps } from '../webhooks/tasks.ts';
import { backupTasks, type BackupDeps } from '../backup/tasks.ts';
import { forgetOldSpamRecords } from '../spam/rateLimit.ts';
import { authTasks } from '../auth/jobs.ts';
import { acknowledgementPass, createAcknowledgement } from './acknowledgement.ts';
import { digestPass } from './digest.ts';
import type { NotifyDeps } from './outbox.ts';
import type { BackupSchedule } from '../backup/schedule.ts';
import { reminderPass } from './reminders.ts';
import { sendMessage, type SendDeps } from './send.ts';
import { retentionTasks } from '../retention/jobs.ts';
import { RECORDS_DAILY } from '../retention/daily.ts';

export type JobDeps = NotifyDeps & SendDeps & { webhooks: WebhookDeps; backup: BackupDeps };

/** The handler of every task. Typed against TaskName, so a task without a handler does not compile. */
export function notificationTasks(deps: JobDeps): Record<TaskName, TaskHandler> {
  return {
    ...webhookTasks(deps.webhooks),
    ...backupTasks(deps.backup),
    send_message: async (payload, helpers) => {
      const outcome = await sendMessage(deps, String(payload.messageId), { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
      // The reason (it may name the recipient) is on the message, for staff to read in the outbox.
      if (outcome === 'failed') helpers.logger.warn(`Message ${String(payload.messageId)} could not be sent and is marked failed`);
    },
    acknowledge_case: async (payload) => {
      await deps.db.transaction().execute((tx) => createAcknowledgement(tx, deps, String(payload.caseId), deps.clock.now()));
    },
    deadline_passes: async () => {
      const now = deps.clock.now();
      await acknowledgementPass(deps, now);
      await reminderPass(deps, now);
    },
    coordinator_digest: async () => {
      await digestPass(deps, deps.clock.now());
    },
    ...retentionTasks(deps, RECORDS_DAILY),
    ...authTasks(deps),
    spam_cleanup: async () => {
      await forgetOldSpamRecords(deps.db, deps.clock.now());
    },
  };
}

/**
 * The daily passes run every hour (graphile-worker's cron counts in UTC; the passes decide by the
 * Swedish date, and are idempotent, so running them often also catches up after downtime).
 * Cron ticks are scheduled once across all runners.
 */
export const CRON: CronItem[] = [
  { task: 'deadline_passes', match: '5 * * * *', identifier: 'deadline_passes', options: { backfillPeriod: 0, maxAttempts: 5, jobKey: 'deadline_passes' } },
  { task: 'coordinator_digest', match: '15 * * * *', identifier: 'coordinator_digest', options: { backfillPeriod: 0, maxAttempts: 5, jobKey: 'coordinator_digest' } },
  { task: 'webhook_maintenance', match: '35 * * * *', identifier: 'webhook_maintenance', options: { backfillPeriod: 0, maxAttempts: 3, jobKey: 'webhook_maintenance' } },
  { task: 'retention_daily', match: '25 * * * *', identifier: 'retention_daily', options: { backfillPeriod: 0, maxAttempts: 5, jobKey: 'retention_daily' } },
  // The daily backup, checked hourly (it runs from BACKUP_HOUR on, once a day): modules/backup.
  { task: 'scheduled_backup', match: '45 * * * *', identifier: 'scheduled_backup', options: { backfillPeriod: 0, maxAttempts: 2, jobKey: 'scheduled_backup' } },
  { task: 'spam_cleanup', match: '55 * * * *', identifier: 'spam_cleanup', options: { backfillPeriod: 0, maxAttempts: 3, jobKey: 'spam_cleanup' } },
  { task: 'login_throttle_cleanup', match: '50 * * * *', identifier: 'login_throttle_cleanup', options: { backfillPeriod: 0, maxAttempts: 3, jobKey: 'login_throttle_cleanup' } },
];

export function transportFor(mail: Pick<MailConfig, 'smtpUrl'>): MailTransport {
  return mail.smtpUrl ? smtpTransport(mail.smtpUrl) : outboxTransport();
}

export interface RunningJobs {
  runner: Runner;
  deps: JobDeps;
  /** 'running' until the runner stops or crashes (for /health/ready). */
  state(): JobRunnerState;
  stop(): Promise<void>;
}

/** Starts a job runner on the app's database: in the app process, or alone in `npm run worker`. */
export async function startJobs(opts: {
  db: Db;
  clock: Clock;
  mail: MailConfig;
  concurrency?: number;
  transport?: MailTransport;
  cron?: boolean;
  logLevel?: 'error' | 'warning' | 'info' | 'debug';
  logger?: Logger;
  /**
   * Webhook time limit and back-off (tests make them short), and the receivers that may be on an
   * internal network (config.webhookNetwork; none when absent).
   */
  webhooks?: Pick<WebhookDeps, 'timeoutMs' | 'retry'> & { network?: NetworkPolicy };
  /** The daily backup (config.backup); off when absent. */
  backup?: BackupSchedule;
}): Promise<RunningJobs> {
  const transport = opts.transport ?? transportFor(opts.mail);
  const deps: JobDeps = {
    db: opts.db,
    clock: opts.clock,
    tokenSecret: await installationSecret(opts.db, 'status-token'),
    publicUrl: opts.mail.publicUrl,
    transport,
    from: opts.mail.from,
    replyTo: opts.mail.replyTo,
    webhooks: {
      db: opts.db,
      clock: opts.clock,
      publicUrl: opts.mail.publicUrl,
      sealer: await installationSealer(opts.db),
      fetch: guardedFetch(opts.webhooks?.network ?? DENY_PRIVATE),
      timeoutMs: opts.webhooks?.timeoutMs,
      retry: opts.webhooks?.retry,
    },
    backup: { db: opts.db, clock: opts.clock, schedule: opts.backup },
  };
  const runner = await startWorker({
    pool: poolOf(opts.db),
    tasks: notificationTasks(deps),
    cron: opts.cron === false ? [] : CRON,
    concurrency: opts.concurrency,
    logLevel: opts.logLevel,
    logger: opts.logger,
  });
  return {
    runner,
    deps,
    state: runnerState(runner),
    async stop() {
      await runner.stop();
      transport.close();
    },
  };
}
