import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, runningClusterPort } from './connect.ts';

const dirs: string[] = [];
async function dataDirWithPid(pid: number, port: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lyhord-connect-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'pg'));
  // The first lines of a real postmaster.pid: pid, data directory, start time, port.
  await writeFile(path.join(dir, 'pg', 'postmaster.pid'), `${pid}\n${dir}/pg\n1766390400\n${port}\n\n127.0.0.1\n`);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('runningClusterPort', () => {
  it('reads the port of a live postmaster, and ignores a stale or missing pid file', async () => {
    expect(await runningClusterPort(path.join(await dataDirWithPid(process.pid, 54329), 'pg'))).toBe(54329);
    expect(await runningClusterPort(path.join(await dataDirWithPid(2 ** 22 + 12345, 54329), 'pg'))).toBeUndefined();
    expect(await runningClusterPort(path.join(os.tmpdir(), 'lyhord-finns-inte'))).toBeUndefined();
  });
});

describe('connectDatabase', () => {
  it('connects to an embedded cluster that is already running in the data directory, and leaves it running', async () => {
    const adminUrl = inject('pgAdminUrl');
    const port = Number(new URL(adminUrl).port);
    const dataDir = await dataDirWithPid(process.pid, port);
    const conn = await connectDatabase({ databaseUrl: undefined, dataDir, embeddedPgPort: 1 });
    try {
      expect(conn.description).toContain('redan körs');
      const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(conn.db);
      expect(rows[0]!.db).toBe('lyhord');
    } finally {
      await conn.close();
    }
    // Still running: the test cluster answers.
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query('DROP DATABASE IF EXISTS lyhord WITH (FORCE)');
    await client.end();
  });
});
