import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { ensureDatabase, EMBEDDED_DATABASE } from '../db/connect.ts';
import { createDb, type Db } from '../db/database.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { BackupError } from '../modules/backup/file.ts';
import { restoreIntoDatabase } from '../modules/backup/load.ts';
import { BackupFileError, readBackup } from '../modules/backup/read.ts';
import { recordedBackup } from '../modules/backup/runs.ts';
import { CliError, type Output } from './common.ts';

export const BACKUP_USAGE = `backup <fil>
    Gör en säkerhetskopia av hela databasen (även bifogade filer) till <fil>, medan Lyhörd kör.
    Filen skrivs under ett tillfälligt namn och får sitt namn först när den är hel.`;

export const RESTORE_USAGE = `restore <fil>
    Återställer en säkerhetskopia till en tom DATA_DIR (eller en tom databas i DATABASE_URL).
    Lyhörd ska vara stoppat. Hela filen kontrolleras innan något skrivs.`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function fileArgument(positionals: string[], usage: string): string {
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new CliError(`Ange en fil: npm run cli -- ${usage.split('\n')[0]}`, 'Give one file name.', 2);
  return path.resolve(positionals[0]!);
}

export async function backupCommand(db: Db, file: string, out: Output): Promise<void> {
  try {
    const started = Date.now();
    const r = await recordedBackup(db, file, 'manual', { appVersion: process.env.npm_package_version });
    const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
    out.info(`Säkerhetskopian är klar: ${r.header.tables.length} tabeller, ${rows} rader, ${mb(r.bytes)} på ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    out.result(r.file);
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.sv, err.en);
    throw err;
  }
}

/**
 * Restores into an empty DATA_DIR (starting a new embedded PostgreSQL there) or, with
 * DATABASE_URL, into an empty database. The file is checked in full first; if the restore
 * fails after all, the data directory is emptied again so the next try starts clean.
 */
export async function restoreCommand(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>, file: string, out: Output): Promise<void> {
  try {
    if (config.databaseUrl) {
      const db = createDb(config.databaseUrl, 4);
      try {
        await restoreIntoDatabase(db, file, out.info);
      } finally {
        await db.destroy();
      }
      out.info('Återställningen är klar.');
      return;
    }
    const existing = await readdir(config.dataDir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (existing && existing.length > 0) {
      throw new CliError(
        `DATA_DIR ${config.dataDir} är inte tom. Återställning görs bara till en tom katalog, så att inga data skrivs över: ange en ny DATA_DIR, eller flytta undan den gamla.`,
        `DATA_DIR ${config.dataDir} is not empty.`,
      );
    }
    const checked = await readBackup(file);
    out.info(`Säkerhetskopian är hel (gjord ${checked.header.createdAt}, PostgreSQL ${checked.header.postgres}). Startar en ny inbäddad PostgreSQL i ${config.dataDir} …`);
    await mkdir(config.dataDir, { recursive: true });
    let db: Db | undefined;
    let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
    try {
      embedded = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort });
      await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
      db = createDb(embedded.url(EMBEDDED_DATABASE), 4);
      await restoreIntoDatabase(db, file, out.info);
    } catch (err) {
      await db?.destroy().catch(() => {});
      await embedded?.stop().catch(() => {});
      await rm(config.dataDir, { recursive: true, force: true });
      out.info(`Återställningen avbröts; ${config.dataDir} har tömts igen.`);
      throw err;
    }
    await db.destroy();
    await embedded.stop();
    out.info(`Återställningen är klar. Starta Lyhörd med DATA_DIR=${config.dataDir}.`);
  } catch (err) {
    if (err instanceof BackupFileError || err instanceof BackupError) throw new CliError(err.sv, err.en);
    throw err;
  }
}
