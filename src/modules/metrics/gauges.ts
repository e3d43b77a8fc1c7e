import { sql } from 'kysely';
import { poolOf, type Db } from '../../db/database.ts';
import { swedishDate, type Clock } from '../../platform/clock.ts';
import { promClient } from '../../platform/metrics.ts';
import { caseGauges, jobGauges, lastBackupAt, mailQueued, type CaseGauges, type JobGauges } from './queries.ts';

/** Database-wide gauges are read at most this often per process, however often it is scraped. */
export const REFRESH_MS = 15_000;

interface Snapshot {
  cases: CaseGauges[];
  jobs: JobGauges[];
  mailQueued: number;
  lastBackupAt: number | null;
}

/**
 * The gauges that describe the shared database (cases, job queue, mail queue) and this app's
 * connection pool. The database is read lazily on a scrape, then cached for REFRESH_MS, so two
 * scrapers, or ten instances, cost a few small index reads a quarter-minute each.
 */
export function databaseRegistry(db: Db, clock: Clock, refreshMs = REFRESH_MS): promClient.Registry {
  const registry = new promClient.Registry();
  const errors = new promClient.Counter({ name: 'lyhord_metrics_refresh_errors_total', help: 'Failed reads of the database gauges (the last values stay).', registers: [registry] });
  const snapshot = cached(refreshMs, async (): Promise<Snapshot> => {
    // A scrape must never hold up the database: give up rather than queue behind a lock.
    return db.transaction().execute(async (tx) => {
      await sql`SET LOCAL statement_timeout = '2s'`.execute(tx);
      const txDb = tx as unknown as Db;
      return { cases: await caseGauges(txDb, swedishDate(clock.now())), jobs: await jobGauges(txDb), mailQueued: await mailQueued(txDb), lastBackupAt: await lastBackupAt(txDb) };
    });
  }, () => errors.inc());

  const pool = poolOf(db);
  gauge(registry, 'lyhord_db_pool_connections', 'Connections of this process\'s pool, by state.', ['state'], async (g) => {
    g.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    g.set({ state: 'idle' }, pool.idleCount);
  });
  gauge(registry, 'lyhord_db_pool_waiting', 'Queries waiting for a free connection in this process.', [], async (g) => g.set(pool.waitingCount));

  const fromSnapshot = <L extends string>(name: string, help: string, labels: readonly L[], fill: (g: promClient.Gauge<L>, s: Snapshot) => void) =>
    gauge(registry, name, help, labels, async (g) => {
      const s = await snapshot();
      g.reset();
      if (s) fill(g, s);
    });
  fromSnapshot('lyhord_cases_open', 'Open cases (received, not closed) per organization.', ['organization'], (g, s) => s.cases.forEach((c) => g.set({ organization: c.organization }, c.open)));
  fromSnapshot('lyhord_cases_overdue', 'Open cases past their answer date and not yet answered, per organization.', ['organization'], (g, s) =>
    s.cases.forEach((c) => g.set({ organization: c.organization }, c.overdue)),
  );
  for (const [key, help] of [
    ['queued', 'Jobs due and waiting for a runner.'],
    ['scheduled', 'Jobs to run later (including retries waiting out their back-off).'],
    ['running', 'Jobs a runner is working on.'],
    ['failed', 'Jobs out of attempts (kept for inspection).'],
  ] as const) {
    fromSnapshot(`lyhord_jobs_${key}`, help, ['task'], (g, s) => s.jobs.forEach((j) => g.set({ task: j.task }, j[key])));
  }
  fromSnapshot('lyhord_jobs_oldest_age_seconds', 'How long the oldest due job has waited.', [], (g, s) => g.set(Math.max(0, ...s.jobs.map((j) => j.oldestSeconds))));
  fromSnapshot('lyhord_mail_queued', 'Messages waiting to be sent.', [], (g, s) => g.set(s.mailQueued));
  fromSnapshot('lyhord_backup_last_success_timestamp_seconds', 'When the last successful backup began (absent: none yet).', [], (g, s) => {
    if (s.lastBackupAt !== null) g.set(s.lastBackupAt);
  });
  return registry;
}

function gauge<L extends string>(registry: promClient.Registry, name: string, help: string, labelNames: readonly L[], collect: (g: promClient.Gauge<L>) => Promise<void>) {
  return new promClient.Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      await collect(this);
    },
  });
}

/** One load at a time; the last good value is served until the next one succeeds. */
function cached<T>(ttlMs: number, load: () => Promise<T>, onError: (err: unknown) => void): () => Promise<T | undefined> {
  let value: T | undefined;
  let at = -Infinity;
  let pending: Promise<T | undefined> | undefined;
  return () => {
    if (performance.now() - at < ttlMs) return Promise.resolve(value);
    pending ??= load()
      .then((v) => {
        value = v;
        at = performance.now();
        return v;
      })
      .catch((err) => {
        onError(err);
        return value;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
