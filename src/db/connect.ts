import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { createDb, type Db } from './database.ts';
import { embeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.ts';

export const EMBEDDED_DATABASE = 'lyhord';

export interface Connection {
  db: Db;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
  /** How it connected, for a start-up line. */
  description: string;
}

/**
 * Connects the way the server and the CLI both do: DATABASE_URL when set; otherwise the embedded
 * PostgreSQL in DATA_DIR/pg. When that cluster is already running (the server has it, and the
 * CLI is run beside it), this process connects to it and leaves it running; otherwise it starts
 * the cluster and stops it again on close().
 */
export async function connectDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>, opts: { poolSize?: number } = {}): Promise<Connection> {
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl, opts.poolSize);
    return { db, close: () => db.destroy(), description: 'PostgreSQL från DATABASE_URL' };
  }
  const dir = path.join(config.dataDir, 'pg');
  const runningPort = await runningClusterPort(dir);
  if (runningPort !== undefined && (await answers(embeddedUrl(runningPort, 'postgres')))) {
    await ensureDatabase(embeddedUrl(runningPort, 'postgres'), EMBEDDED_DATABASE);
    const db = createDb(embeddedUrl(runningPort, EMBEDDED_DATABASE), opts.poolSize);
    return { db, close: () => db.destroy(), description: `den inbäddade PostgreSQL som redan körs i ${dir} (port ${runningPort})` };
  }

  let embedded: EmbeddedDatabase | undefined;
  try {
    embedded = await startEmbeddedPostgres({ dir, port: config.embeddedPgPort });
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
  } catch (err) {
    await embedded?.stop().catch(() => {});
    throw err;
  }
  const db = createDb(embedded.url(EMBEDDED_DATABASE), opts.poolSize);
  const started = embedded;
  return {
    db,
    async close() {
      try {
        await db.destroy();
      } finally {
        await started.stop();
      }
    },
    description: `inbäddad PostgreSQL i ${dir} (port ${config.embeddedPgPort})`,
  };
}

/**
 * The port of a cluster whose postmaster is alive, from its postmaster.pid (line 1 the pid,
 * line 4 the port). A file left by a cluster that was killed names a dead process: undefined.
 */
export async function runningClusterPort(dataDir: string): Promise<number | undefined> {
  let content: string;
  try {
    content = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = content.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, but owned by another user (the cluster runs as "postgres" when we are root).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return port;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (err) {
    // Two processes starting at once: the other one created it first.
    if ((err as { code?: string }).code !== '42P04') throw err;
  } finally {
    await client.end();
  }
}
