import type { Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

/** Backups made (migration 1701): see modules/backup. */
export interface BackupRunsTable {
  id: Generated<string>;
  kind: 'manual' | 'scheduled';
  status: 'running' | 'ok' | 'failed';
  /** The file's full path. */
  file: string;
  bytes: number | null;
  tables: number | null;
  rows: number | null;
  error: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}
