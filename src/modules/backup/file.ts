import { createWriteStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { dumpDatabase, type DumpOptions, type DumpSummary } from './dump.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/** A backup that could not be made, said so a person knows what to do (Swedish, then English). */
export class BackupError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface BackupResult extends DumpSummary {
  file: string;
  bytes: number;
}

/**
 * Writes a backup to `file`. It is written under a temporary name beside it, flushed to disk and
 * only then renamed: a file with the name asked for is always a whole backup. When anything fails
 * (a full disk, the database going away) the temporary file is removed and the error says why.
 * The file holds personal data, so only its owner may read it.
 */
export async function backupToFile(pool: pg.Pool, file: string, opts: DumpOptions = {}): Promise<BackupResult> {
  const target = path.resolve(file);
  if (await exists(target)) throw new BackupError(sv('backup.error.exists', { file: target }), `${target} already exists.`);
  const dir = path.dirname(target);
  if (!(await exists(dir))) throw new BackupError(sv('backup.error.noDirectory', { dir }), `Directory ${dir} does not exist.`);
  const temporary = path.join(dir, `.${path.basename(target)}.${process.pid}.partial`);
  try {
    const gzip = createGzip({ level: 6 });
    // flush: the data reaches the disk (fsync) before the stream closes, and so before the rename.
    const written = pipeline(gzip, createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true }));
    let summary: DumpSummary;
    try {
      summary = await dumpDatabase(pool, gzip, opts);
      gzip.end();
    } catch (err) {
      gzip.destroy(err as Error);
      await written.catch(() => {});
      throw err;
    }
    await written;
    await rename(temporary, target);
    await syncDirectory(dir);
    return { ...summary, file: target, bytes: (await stat(target)).size };
  } catch (err) {
    await unlink(temporary).catch(() => {});
    throw explain(err as NodeJS.ErrnoException, dir);
  }
}

function explain(err: NodeJS.ErrnoException, dir: string): Error {
  if (err instanceof BackupError) return err;
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') {
    return new BackupError(sv('backup.error.diskFull', { dir }), `No space left in ${dir}; no backup was written.`);
  }
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') {
    return new BackupError(sv('backup.error.notWritable', { dir, code: err.code }), `Cannot write in ${dir} (${err.code}).`);
  }
  return err;
}

/** The rename itself is made durable, so a power cut cannot leave the directory without the file. */
async function syncDirectory(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
