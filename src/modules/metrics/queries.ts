import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { OPEN_STATUSES, OVERDUE_STATUSES } from '../cases/lifecycle.ts';

export interface CaseGauges {
  organization: string;
  open: number;
  overdue: number;
}

/**
 * Open and overdue cases per organization. Reads only the partial index cases_open_deadlines
 * (open cases, not the history), index-only once vacuumed; every organization is listed, also
 * with none open.
 */
export async function caseGauges(db: Db, today: string): Promise<CaseGauges[]> {
  const { rows } = await sql<CaseGauges>`
    SELECT o.slug AS organization, coalesce(c.open, 0)::int AS open, coalesce(c.overdue, 0)::int AS overdue
    FROM organizations o
    LEFT JOIN (
      SELECT organization_id, count(*) AS open,
        count(*) FILTER (WHERE status IN (${sql.join(OVERDUE_STATUSES)}) AND answer_by < ${today}::date) AS overdue
      FROM cases WHERE status IN (${sql.join(OPEN_STATUSES)})
      GROUP BY organization_id
    ) c ON c.organization_id = o.id`.execute(db);
  return rows;
}

export interface JobGauges {
  task: string;
  queued: number;
  scheduled: number;
  running: number;
  failed: number;
  oldestSeconds: number;
}

/**
 * The job queue by task (every task ever known, 0 when none waits), from graphile-worker's
 * table (small: jobs are deleted when done).
 * queued: due and waiting for a runner; scheduled: to run later (retries after back-off
 * included); running: locked by a runner; failed: out of attempts, kept for a person to see.
 */
export async function jobGauges(db: Db): Promise<JobGauges[]> {
  const { rows } = await sql<JobGauges>`
    SELECT t.identifier AS task,
      count(*) FILTER (WHERE j.is_available AND j.run_at <= now())::int AS queued,
      count(*) FILTER (WHERE j.is_available AND j.run_at > now())::int AS scheduled,
      count(*) FILTER (WHERE j.locked_at IS NOT NULL)::int AS running,
      count(*) FILTER (WHERE j.attempts >= j.max_attempts)::int AS failed,
      coalesce(extract(epoch FROM now() - min(j.run_at) FILTER (WHERE j.is_available AND j.run_at <= now())), 0)::float8 AS "oldestSeconds"
    FROM graphile_worker._private_tasks t
    LEFT JOIN graphile_worker._private_jobs j ON j.task_id = t.id
    GROUP BY t.identifier`.execute(db);
  return rows;
}

/** Messages waiting to be sent (the partial index messages_queued). */
export async function mailQueued(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE status = 'queued'`.execute(db);
  return rows[0]?.n ?? 0;
}

/** When the last successful backup began (seconds since 1970), or null when there is none. */
export async function lastBackupAt(db: Db): Promise<number | null> {
  const { rows } = await sql<{ at: number | null }>`SELECT extract(epoch FROM max(started_at))::float8 AS at FROM backup_runs WHERE status = 'ok'`.execute(db);
  return rows[0]?.at ?? null;
}
