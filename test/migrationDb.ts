import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createDb, type Db } from '../src/db/database.ts';
import { urlFor } from './globalSetup.ts';

/**
 * An empty database of its own, for a test that runs the migrations up to a point, stores rows
 * the way they were then and checks what a later migration makes of them. Dropped after the file.
 */
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

export async function emptyDatabase(prefix: string): Promise<Db> {
  const adminUrl = inject('pgAdminUrl');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = createDb(urlFor(adminUrl, name), 3);
  cleanup.push(async () => {
    await db.destroy();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  });
  return db;
}
