import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import type { MailConfig } from '../src/config.ts';

export const TEST_MAIL: MailConfig = {
  smtpUrl: undefined,
  from: 'synpunkter@exempelkommun.se',
  replyTo: 'synpunkt@exempelkommun.se',
  publicUrl: 'https://synpunkter.exempelkommun.se',
};

/** Jobs that are running or could run now. */
export async function pendingJobs(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM graphile_worker.jobs
    WHERE locked_at IS NOT NULL OR (run_at <= now() AND attempts < max_attempts)`.execute(db);
  return rows[0]!.n;
}

/** Waits until the runners have nothing left to do now (retries scheduled later don't count). */
export async function waitIdle(db: Db, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3) {
    if (Date.now() > until) throw new Error('Jobs still pending');
    quiet = (await pendingJobs(db)) === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 60));
  }
}
