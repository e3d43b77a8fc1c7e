import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.tsx';
import { systemClock } from './clock.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { seedDemoOrganization } from '../modules/organizations/demo.ts';

/** Two app instances on one database, as behind the proxy: a rate limit counts across both. */

let tdb: TestDatabase;
let apps: FastifyInstance[];
beforeAll(async () => {
  tdb = await createTestDatabase(4);
  await seedDemoOrganization(tdb.db);
  const config = { demo: true, secureCookies: false, logLevel: 'silent' } as const;
  apps = [await buildApp({ db: tdb.db, clock: systemClock, config }), await buildApp({ db: tdb.db, clock: systemClock, config })];
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await tdb.drop();
});

// Sign-in allows 30 attempts a minute per address (no CSRF token here: refused 403, but counted).
const attempt = (i: number, remoteAddress = '198.51.100.7') => apps[i % 2]!.inject({ method: 'POST', url: '/logga-in', remoteAddress, payload: {} });

it('refuses the 31st sign-in attempt in a minute even when they alternate between instances, and opens again after the window', async () => {
  const answers = [];
  for (let i = 0; i < 30; i++) answers.push((await attempt(i)).statusCode);
  expect(answers.every((s) => s === 403)).toBe(true);
  const refused = await attempt(30);
  expect(refused.statusCode).toBe(429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await attempt(31)).statusCode).toBe(429);
  // Another address has its own count; another route too.
  expect((await attempt(0, '198.51.100.8')).statusCode).toBe(403);
  expect((await apps[0]!.inject({ method: 'GET', url: '/statistik/publik', remoteAddress: '198.51.100.7' })).statusCode).not.toBe(429);
  // Nothing in the table names the address.
  const { rows } = await sql<{ key: Buffer; hits: number }>`SELECT key, hits FROM rate_limits ORDER BY hits DESC`.execute(tdb.db);
  expect(rows[0]!.hits).toBe(32);
  expect(rows.every((r) => !r.key.toString('latin1').includes('198.51'))).toBe(true);
  // The window ends: counting starts again.
  await sql`UPDATE rate_limits SET reset_at = now() - interval '1 second'`.execute(tdb.db);
  expect((await attempt(1)).statusCode).toBe(403);
  expect((await sql<{ hits: number }>`SELECT max(hits)::int AS hits FROM rate_limits`.execute(tdb.db)).rows[0]!.hits).toBe(1);
});
