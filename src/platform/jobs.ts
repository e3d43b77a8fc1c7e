import { sql, type Kysely } from 'kysely';
import { Logger, parseCronItems, run, runMigrations, type CronItem, type JobHelpers, type Runner, type Task } from 'graphile-worker';
import type pg from 'pg';
import type { Logger as ProcessLogger } from './logging.ts';
import { countJob } from './metrics.ts';

/**
 * Background jobs on PostgreSQL with graphile-worker. Jobs are added with the SQL function
 * graphile_worker.add_job inside the caller's transaction, so a job exists exactly when the change
 * that caused it committed. Any number of runners (in app processes or `npm run worker`) share
 * the queue; graphile-worker hands each job to one runner at a time, and cron ticks are
 * scheduled once across all of them.
 */

/** Every task there is. The worker's task list is typed against this, so none lacks a handler. */
export type TaskName = 'send_message' | 'acknowledge_case' | 'deadline_passes' | 'coordinator_digest' | 'webhook_deliver' | 'webhook_maintenance' | 'disposal_run' | 'retention_daily' | 'scheduled_backup' | 'spam_cleanup' | 'login_throttle_cleanup';

export interface EnqueueOptions {
  /** At most one pending job per key (graphile-worker replaces a pending job with the same key). */
  jobKey?: string;
  maxAttempts?: number;
  runAt?: Date;
}

/** Anything with Kysely's query interface: the pool or (usually) an open transaction. */
type Executor = Kysely<any>;

export async function enqueue(tx: Executor, task: TaskName, payload: Record<string, unknown>, opts: EnqueueOptions = {}): Promise<void> {
  await sql`SELECT graphile_worker.add_job(
      ${task}::text,
      ${JSON.stringify(payload)}::json,
      job_key => ${opts.jobKey ?? null}::text,
      max_attempts => ${opts.maxAttempts ?? null}::integer,
      run_at => ${opts.runAt ?? null}::timestamptz
    )`.execute(tx);
}

/** One send job per message id, in one statement. */
export async function enqueueSends(tx: Executor, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  // graphile_worker.add_jobs takes the whole batch in one call (one NOTIFY, one pass over the tasks table).
  await sql`SELECT graphile_worker.add_jobs(
      ARRAY(SELECT ROW('send_message', json_build_object('messageId', id), NULL, NULL, ${SEND_MAX_ATTEMPTS}::integer, 'send_message:' || id, NULL, NULL)::graphile_worker.job_spec
            FROM unnest(${messageIds}::uuid[]) AS id)
    )`.execute(tx);
}

/**
 * With graphile-worker's back-off (exp(attempt) seconds), 12 attempts span about 3 days, enough to
 * ride out an SMTP server that is down for a weekend.
 */
export const SEND_MAX_ATTEMPTS = 12;

const quietLogger = (minLevel: 'error' | 'warning' | 'info' | 'debug') => {
  const order = ['debug', 'info', 'warning', 'error'];
  return new Logger(() => (level, message) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    (level === 'error' ? console.error : level === 'warning' ? console.warn : console.log)(`[jobb] ${message}`);
  });
};

/** Installs or upgrades the graphile_worker schema. Idempotent; safe from several processes. */
export async function migrateJobQueue(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool, logger: quietLogger('error') });
}

/** A process's own job runner, for /health/ready: 'none' when this process runs no jobs. */
export type JobRunnerState = 'running' | 'stopped' | 'none';

/** graphile-worker's log lines as JSON lines of the process logger, with the job they concern. */
function processLogger(log: ProcessLogger, minLevel: 'error' | 'warning' | 'info' | 'debug') {
  const order = ['debug', 'info', 'warning', 'error'];
  return new Logger((scope) => (level, message) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    const fields = { component: 'jobs', task: scope.taskIdentifier, jobId: scope.jobId };
    (level === 'error' ? log.error : level === 'warning' ? log.warn : level === 'info' ? log.info : log.debug).call(log, fields, message);
  });
}

export type TaskHandler = (payload: Record<string, unknown>, helpers: JobHelpers) => Promise<void>;

export interface WorkerOptions {
  pool: pg.Pool;
  tasks: Record<TaskName, TaskHandler>;
  cron?: CronItem[];
  concurrency?: number;
  pollInterval?: number;
  logLevel?: 'error' | 'warning' | 'info' | 'debug';
  /** The process logger; without it, lines go to the console. */
  logger?: ProcessLogger;
}

/** Starts a runner: picks up jobs (LISTEN/NOTIFY, plus polling for retries) and schedules cron. */
export async function startWorker(opts: WorkerOptions): Promise<Runner> {
  const taskList: Record<string, Task> = {};
  for (const [name, handler] of Object.entries(opts.tasks)) {
    taskList[name] = (payload, helpers) => handler((payload ?? {}) as Record<string, unknown>, helpers);
  }
  for (const item of opts.cron ?? []) {
    if (!(item.task in taskList)) throw new Error(`Cron item ${item.identifier ?? item.task} names a task without a handler`);
  }
  const runner = await run({
    pgPool: opts.pool,
    concurrency: opts.concurrency ?? 5,
    pollInterval: opts.pollInterval ?? 2000,
    noHandleSignals: true,
    taskList,
    parsedCronItems: parseCronItems(opts.cron ?? []),
    logger: opts.logger ? processLogger(opts.logger, opts.logLevel ?? 'warning') : quietLogger(opts.logLevel ?? 'warning'),
  });
  runner.events.on('job:success', ({ job }) => countJob('completed', job.task_identifier));
  runner.events.on('job:error', ({ job }) => countJob('errors', job.task_identifier));
  return runner;
}

/** Follows a runner's life: 'running' until its promise settles (stopped, or crashed). */
export function runnerState(runner: Runner): () => JobRunnerState {
  let state: JobRunnerState = 'running';
  const stopped = () => {
    state = 'stopped';
  };
  runner.promise.then(stopped, stopped);
  return () => state;
}
