import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { urlFor } from '../../test/globalSetup.ts';
import { createDb, MIGRATION_LOCK_KEY, migrateToLatest, pendingMigrations, type Db } from './database.ts';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A new, empty database and `n` instances (pools) on it, dropped after the file. */
async function emptyDatabase(n: number): Promise<{ url: string; instances: Db[] }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `migrate_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = urlFor(adminUrl, name);
  const instances = Array.from({ length: n }, () => createDb(url, 3));
  cleanup.push(async () => {
    await Promise.all(instances.map((db) => db.destroy()));
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  });
  return { url, instances };
}

it('waits for the migration lock: while one instance migrates, another does not start', async () => {
  const { url, instances } = await emptyDatabase(1);
  const db = instances[0]!;
  const all = await pendingMigrations(db);
  expect(all.length).toBeGreaterThan(5);
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  const waiting = migrateToLatest(db);
  await new Promise((r) => setTimeout(r, 700));
  const { rows } = await holder.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
  expect(rows[0]!.n).toBe(1);
  expect(await pendingMigrations(db)).toEqual(all);
  await holder.end(); // the lock goes with the session
  await waiting;
  expect(await pendingMigrations(db)).toEqual([]);
});

it('migrates once when several instances start together on an empty database', async () => {
  const { instances } = await emptyDatabase(4);
  const results = await Promise.allSettled(instances.map((db) => migrateToLatest(db)));
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(await pendingMigrations(instances[0]!)).toEqual([]);
  const { rows } = await sql<{ n: number; distinct: number }>`SELECT count(*)::int AS n, count(DISTINCT name)::int AS distinct FROM kysely_migration`.execute(instances[0]!);
  expect(rows[0]!.n).toBe(rows[0]!.distinct);
  // A later start finds nothing to do, and no lock is left behind.
  await migrateToLatest(instances[1]!);
  const { rows: locks } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`.execute(instances[0]!);
  expect(locks[0]!.n).toBe(0);
});
