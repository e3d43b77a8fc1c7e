import { poolOf, type Db } from '../../db/database.ts';
import type { DumpOptions } from './dump.ts';
import { BackupError, backupToFile, type BackupResult } from './file.ts';

/** Makes a backup and records it in backup_runs (the admin page shows the last ones). */
export async function recordedBackup(db: Db, file: string, kind: 'manual' | 'scheduled', opts: DumpOptions = {}, now = new Date()): Promise<BackupResult> {
  const started = Date.now();
  const finishedAt = () => new Date(now.getTime() + Date.now() - started);
  const run = await db.insertInto('backup_runs').values({ kind, status: 'running', file, started_at: now }).returning('id').executeTakeFirstOrThrow();
  try {
    const result = await backupToFile(poolOf(db), file, opts);
    await db
      .updateTable('backup_runs')
      .set({ status: 'ok', file: result.file, bytes: result.bytes, tables: result.header.tables.length, rows: Object.values(result.rows).reduce((a, b) => a + b, 0), finished_at: finishedAt() })
      .where('id', '=', run.id)
      .execute();
    return result;
  } catch (err) {
    const message = err instanceof BackupError ? err.sv : err instanceof Error ? err.message : String(err);
    await db.updateTable('backup_runs').set({ status: 'failed', error: message.slice(0, 1000), finished_at: finishedAt() }).where('id', '=', run.id).execute();
    throw err;
  }
}

export async function recentBackups(db: Db, limit = 20) {
  return db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}
