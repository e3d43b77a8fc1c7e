import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { swedishDate, TIME_ZONE, type Clock } from '../../platform/clock.ts';
import { FILE_SUFFIX } from './format.ts';
import { recordedBackup } from './runs.ts';

export interface BackupSchedule {
  /** Where the daily backups go. */
  dir: string;
  /** How many daily backups to keep (the oldest beyond that are deleted). */
  keep: number;
  /** The hour of the day (Swedish time) from which the day's backup is made. */
  hour: number;
}

const SCHEDULED = /^lyhord-\d{4}-\d{2}-\d{2}-\d{4}\.lyhord-backup$/;
const hourFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The daily backup, run by an hourly job: from the set hour on, if today has no successful
 * scheduled backup yet, one is made and the oldest beyond `keep` are deleted. Asked every hour,
 * it also catches up after the machine was off at the set time.
 */
export async function scheduledBackup(db: Db, clock: Clock, schedule: BackupSchedule): Promise<'made' | 'not_yet' | 'done_today'> {
  const now = clock.now();
  const [hh, mm] = hourFormat.format(now).split(':');
  if (Number(hh) < schedule.hour) return 'not_yet';
  const today = swedishDate(now);
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM backup_runs
    WHERE kind = 'scheduled' AND status = 'ok' AND (started_at AT TIME ZONE ${TIME_ZONE})::date = ${today}::date`.execute(db);
  if (rows[0]!.n > 0) return 'done_today';
  await mkdir(schedule.dir, { recursive: true, mode: 0o700 });
  await recordedBackup(db, path.join(schedule.dir, `lyhord-${today}-${hh}${mm}${FILE_SUFFIX}`), 'scheduled', {}, now);
  await prune(schedule.dir, schedule.keep);
  return 'made';
}

/** Deletes scheduled backups beyond the newest `keep`, and temporary files a killed backup left. */
export async function prune(dir: string, keep: number): Promise<string[]> {
  const names = await readdir(dir);
  const removed: string[] = [];
  for (const name of names.filter((n) => SCHEDULED.test(n)).sort().reverse().slice(keep)) {
    await unlink(path.join(dir, name));
    removed.push(name);
  }
  for (const name of names.filter((n) => n.startsWith('.lyhord-') && n.endsWith('.partial'))) {
    const s = await stat(path.join(dir, name)).catch(() => undefined);
    if (s && Date.now() - s.mtimeMs > 24 * 3600_000) await unlink(path.join(dir, name)).catch(() => {});
  }
  return removed;
}
