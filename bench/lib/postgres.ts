import { chmod, mkdir, mkdtemp, readFile, rm, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../../src/db/embedded.ts';

export interface BenchPostgres {
  /** Creates an empty database and returns its connection string (with BENCH_KEEP_PG, reuses one kept from an earlier run). */
  createDatabase(name: string): Promise<string>;
  /** The cluster was kept from an earlier run (BENCH_KEEP_PG): its databases may hold generated data already. */
  kept: boolean;
  /** Runs SQL as the cluster's superuser (CHECKPOINT, settings). */
  query<T extends pg.QueryResultRow>(sql: string): Promise<T[]>;
  dataDir: string;
  /** The cluster's postmaster (for its CPU time, lib/cpu.ts). */
  postmasterPid: number;
  stop(): Promise<void>;
}

const TMPFS_MAGIC = 0x01021994;

/**
 * One throw-away embedded PostgreSQL for a benchmark run, with the settings it ships with:
 * fsync and synchronous_commit stay on, so every commit measured is a durable one.
 * BENCH_DATA_DIR puts it on another disk. BENCH_KEEP_PG=dir keeps the cluster in that directory
 * after the run and starts on it again next time, so a benchmark whose data takes long to
 * generate (see `reused`) can be run again on the same data while its queries are changed.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const keep = process.env.BENCH_KEEP_PG ? path.resolve(process.env.BENCH_KEEP_PG) : undefined;
  const base = process.env.BENCH_DATA_DIR ?? os.tmpdir();
  const dir = keep ?? (await mkdtemp(path.join(base, 'lyhord-bench-pg-')));
  if (keep) await mkdir(keep, { recursive: true });
  // Started by root, PostgreSQL runs as the "postgres" user, which must be able to enter the directory.
  await chmod(dir, 0o777);
  // BENCH_PG_STATS=1: pg_stat_statements records every statement, for statementReport().
  const extra = process.env.BENCH_PG_STATS ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } : undefined;
  const embedded = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort(), persistent: Boolean(keep), settings: extra });
  const adminUrl = embedded.url('postgres');

  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };

  const settings = await query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')`,
  );
  const off = settings.filter((s) => s.setting !== 'on');
  if (off.length > 0) throw new Error(`Commits would not be durable: ${off.map((s) => `${s.name}=${s.setting}`).join(', ')}`);
  if ((await statfs(dir)).type === TMPFS_MAGIC) {
    console.warn(`Obs: ${dir} is on tmpfs, so fsync costs nothing and the rates are too high. Set BENCH_DATA_DIR to a directory on disk.`);
  }

  return {
    dataDir: dir,
    postmasterPid: Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]),
    query,
    kept: Boolean(keep),
    async createDatabase(name) {
      const exists = keep ? (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_database WHERE datname = '${name}'`))[0]!.n > 0 : false;
      if (!exists) await query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await embedded.stop();
      if (!keep) await rm(dir, { recursive: true, force: true });
    },
  };
}
