import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import pg from 'pg';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './schema.ts';
import { migrateJobQueue } from '../platform/jobs.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the pool or an open transaction. */
export type Executor = Db | Tx;

// DATE columns stay 'YYYY-MM-DD' strings: a date without a time zone must not become a JS Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// COUNT(*) and other bigint results are small enough for a JS number here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createDb(connectionString: string, poolSize = 20): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'lyhord' });
  // An idle connection dropped by the server (restart, shutdown, Ctrl-C reaching the whole
  // process group) is replaced on next use; it must not crash the process.
  pool.on('error', (err) => console.warn(`PostgreSQL-anslutning stängdes: ${err.message}`));
  // A checked-out connection that errors must not crash the process either; the pool handler
  // above already reports idle ones, and a query in flight gets the error itself.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    runMarkedPrepared(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/**
 * Put at a query's front (`.modifyFront(PREPARED)`) to run it as a named prepared statement: PostgreSQL
 * parses it once per connection and, after five executions, keeps a generic plan when that costs no
 * more than planning each time (plan_cache_mode auto). For a complex query run on every page view whose
 * planning costs as much as its execution or more (the staff case list, the case page's case). Inside a
 * transaction, only with an explicit column list: when a migration changes what a statement returns
 * (a column added under `select *`), its next run fails once and is prepared anew, which a
 * transaction cannot survive.
 */
export const PREPARED = sql.raw('/* prepared */');
const PREPARED_FRONT = 'select /* prepared */ ';
// Every distinct text gets one name for the life of the process; past the cap, texts run unnamed,
// so a query whose text varies (IN lists of any length) cannot pile up statements in every session.
const MAX_PREPARED = 100;
const preparedNames = new Map<string, string>();
let preparedCount = 0;
const newName = (text: string) => {
  const name = `lyhord_${++preparedCount}`;
  preparedNames.set(text, name);
  return name;
};

function runMarkedPrepared(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !text.startsWith(PREPARED_FRONT) || typeof values === 'function' || rest.length) return query(text, values, ...rest);
    const name = preparedNames.get(text) ?? (preparedNames.size < MAX_PREPARED ? newName(text) : undefined);
    if (!name) return query(text, values);
    return query({ name, text, values }).catch((err: { code?: string }) => {
      // A migration changed the type of a column the statement returns (another instance migrated
      // under this one), so no session can run it under this name again: give the text a new one.
      if (err.code !== '0A000') throw err;
      return query({ name: newName(text), text, values });
    });
  };
}

const pools = new WeakMap<Kysely<any>, pg.Pool>();
/** The pg pool behind a Kysely instance made by createDb (the job queue shares it). */
export function poolOf(db: Kysely<any>): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: this Kysely instance was not made by createDb');
  return pool;
}

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** pg_advisory_lock key held while migrating ("Lyhörd migrations"). */
export const MIGRATION_LOCK_KEY = 4_011_170_001;

/**
 * Brings the schema (ours and the job queue's) to this build's version. Several instances that
 * start together take turns under a session advisory lock on a connection of its own: the first
 * migrates, the others wait and then find nothing left to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  await withMigrationLock(db, () => migrateUnlocked(db));
}

async function withMigrationLock(db: Kysely<any>, fn: () => Promise<void>): Promise<void> {
  const lock = new pg.Client(poolOf(db).options);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await fn();
  } finally {
    // Closing the session releases the lock, also when unlocking is not reached.
    await lock.end().catch(() => {});
  }
}

/** The migrator over src/db/migrations (exported for the tests that migrate a database step by step). */
export function migratorFor(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
    // Each engineer's migrations carry their own timestamp prefix, so one landed later may sort
    // before one a database has already run: run it then rather than refuse to start.
    allowUnorderedMigrations: true,
  });
}

async function migrateUnlocked(db: Kysely<any>, upTo?: string): Promise<void> {
  const m = migratorFor(db);
  const { error, results } = upTo === undefined ? await m.migrateToLatest() : await m.migrateTo(upTo);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration failed${failed ? ` in ${failed.migrationName}` : ''}`, { cause: error });
  }
  // The job queue's tables (schema graphile_worker) are part of the database's schema too.
  await migrateJobQueue(poolOf(db));
}

/**
 * Runs our migrations up to and including `name`, not beyond (a restore rebuilds the schema a
 * backup was made with before loading its rows, then migrates the rest of the way).
 */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<void> {
  await withMigrationLock(db, () => migrateUnlocked(db, name));
}

let knownMigrations: Promise<string[]> | undefined;

/** The migrations this build has, in the order they run (the folder is read once). */
export function migrationNames(): Promise<string[]> {
  knownMigrations ??= fs.readdir(migrationFolder).then((files) =>
    files
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => f.replace(/\.(ts|js)$/, ''))
      .sort(),
  );
  return knownMigrations;
}

/** Migrations this build has that the database has not run. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const known = await migrationNames();
  // A database that has never been migrated has no kysely_migration table: everything is pending.
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`
    .execute(db)
    .catch((err: { code?: string }) => {
      if (err.code === '42P01') return { rows: [] };
      throw err;
    });
  const done = new Set(rows.map((r) => r.name));
  return known.filter((name) => !done.has(name));
}

export async function isHealthy(db: Db): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
