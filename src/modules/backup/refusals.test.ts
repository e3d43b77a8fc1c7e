import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { buildCase } from '../../../test/factories.ts';
import { startProcess } from '../../../test/processes.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';
import { createDb, poolOf, type Db } from '../../db/database.ts';
import { urlFor } from '../../../test/globalSetup.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { BackupError, backupToFile } from './file.ts';
import { restoreIntoDatabase } from './load.ts';
import { BackupFileError, readBackup } from './read.ts';

let dir: string;
let source: TestDatabase;
let good: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lyhord-refusals-'));
  await chmod(dir, 0o777);
  source = await createTestDatabase(3);
  const orgId = await seedDemoOrganization(source.db);
  for (let i = 0; i < 5; i++) await buildCase(source.db, { organizationId: orgId, description: `Ärende ${i} ${'text '.repeat(200)}` });
  good = path.join(dir, 'hel.lyhord-backup');
  await backupToFile(poolOf(source.db), good);
});
afterAll(async () => {
  await source.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI as a person would; the exit code and everything it wrote. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const p = startProcess('cli', 'src/cli.ts', env, args);
  const code = await p.exited;
  return { code, output: p.output() };
}

async function refusal(file: string): Promise<BackupFileError> {
  const err = await readBackup(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupFileError);
  return err as BackupFileError;
}

describe('restore refuses', () => {
  it('a damaged, truncated, foreign or empty file, saying which, before touching anything', async () => {
    const bytes = await readFile(good);
    expect((await readBackup(good)).rows['public.cases']).toBe(5);

    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(path.join(dir, 'skadad'), flipped);
    expect((await refusal(path.join(dir, 'skadad'))).sv).toMatch(/skadad|ingen hel säkerhetskopia/);

    await writeFile(path.join(dir, 'avklippt'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect((await refusal(path.join(dir, 'avklippt'))).sv).toMatch(/ofullständig/);

    await writeFile(path.join(dir, 'text.txt'), 'Det här är ingen säkerhetskopia.\n');
    expect((await refusal(path.join(dir, 'text.txt'))).sv).toMatch(/skadad eller ingen säkerhetskopia/);

    await writeFile(path.join(dir, 'tom'), '');
    expect((await refusal(path.join(dir, 'tom'))).sv).toMatch(/ofullständig|slutmarkeringen saknas/);

    expect((await refusal(path.join(dir, 'finns-inte'))).sv).toMatch(/finns inte/);
  });

  it('over a database that has data (DATABASE_URL), and restores into an empty one', async () => {
    const err = await restoreIntoDatabase(source.db, good).catch((e: unknown) => e);
    expect((err as BackupFileError).sv).toMatch(/Databasen är inte tom/);
    const empty = await createEmptyDatabase();
    try {
      const contents = await restoreIntoDatabase(empty.db, good);
      const cases = await empty.db.selectFrom('cases').select(['number', 'description']).orderBy('number').execute();
      expect(cases).toEqual(await source.db.selectFrom('cases').select(['number', 'description']).orderBy('number').execute());
      expect(contents.rows['public.cases']).toBe(5);
    } finally {
      await empty.drop();
    }
  });

  it('into a DATA_DIR that is not empty, or from a damaged file, and leaves the directory as it was (CLI)', async () => {
    const full = path.join(dir, 'data-med-innehall');
    await mkdir(full);
    await writeFile(path.join(full, 'viktig.txt'), 'finns kvar');
    const notEmpty = await cli(['restore', good], { DATA_DIR: full, DATABASE_URL: '' });
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.output).toContain('är inte tom');
    expect(await readdir(full)).toEqual(['viktig.txt']);

    const fresh = path.join(dir, 'ny-data');
    const damaged = await cli(['restore', path.join(dir, 'avklippt')], { DATA_DIR: fresh, DATABASE_URL: '' });
    expect(damaged.code).toBe(1);
    expect(damaged.output).toContain('ofullständig');
    expect(await stat(fresh).catch(() => 'saknas')).toBe('saknas');
  }, 60_000);
});

describe('backup refuses', () => {
  it('to overwrite a file, or to write into a directory that does not exist', async () => {
    expect(((await backupToFile(poolOf(source.db), good).catch((e: unknown) => e)) as BackupError).sv).toMatch(/finns redan/);
    expect(((await backupToFile(poolOf(source.db), path.join(dir, 'nej', 'x.lyhord-backup')).catch((e: unknown) => e)) as BackupError).sv).toMatch(/finns inte/);
  });

  it.runIf(process.getuid?.() === 0)('on a full disk, loudly, and leaves no file behind (CLI)', async () => {
    const small = path.join(dir, 'liten-disk');
    await mkdir(small);
    // A real file system too small for it: tmpfs of one 4 KiB page.
    expect((await stat(good)).size).toBeGreaterThan(8192);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', small]);
    expect(mount.status, String(mount.stderr)).toBe(0);
    try {
      const r = await cli(['backup', path.join(small, 'kopia.lyhord-backup')], { DATABASE_URL: source.url });
      expect(r.code).toBe(1);
      expect(r.output).toContain('Disken är full');
      expect(await readdir(small)).toEqual([]);
      const run = await source.db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'failed', kind: 'manual' });
      expect(run.error).toContain('Disken är full');
    } finally {
      spawnSync('umount', [small]);
    }
  }, 60_000);
});

async function createEmptyDatabase(): Promise<{ db: Db; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = createDb(urlFor(adminUrl, name), 3);
  return {
    db,
    async drop() {
      await db.destroy();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
