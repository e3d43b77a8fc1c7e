import { expect, it } from 'vitest';
import { buildApp } from '../../app.tsx';
import { createDb } from '../../db/database.ts';
import { systemClock } from '../../platform/clock.ts';
import { createTestDatabase } from '../../../test/db.ts';

it('answers 503 when the database does not answer', async () => {
  const tdb = await createTestDatabase(2);
  const app = await buildApp({ db: tdb.db, clock: systemClock, config: { demo: true, secureCookies: false, logLevel: 'silent' } });
  // Point health at a database nobody listens on.
  const dead = createDb('postgres://nobody:x@127.0.0.1:1/none', 1);
  const deadApp = await buildApp({ db: tdb.db, clock: systemClock, config: { demo: true, secureCookies: false, logLevel: 'silent' } });
  await app.close();
  await deadApp.close();
  const { healthRoutes } = await import('./routes.ts');
  const Fastify = (await import('fastify')).default;
  const probe = Fastify();
  await probe.register(healthRoutes, { db: dead });
  const res = await probe.inject('/health');
  expect(res.statusCode).toBe(503);
  expect(res.json().status).toBe('unavailable');
  await probe.close();
  await dead.destroy();
  await tdb.drop();
});

it('is ready only with the database answering, every migration run and its job runner alive', async () => {
  const tdb = await createTestDatabase(2);
  const { healthRoutes } = await import('./routes.ts');
  const Fastify = (await import('fastify')).default;
  let runner: 'running' | 'stopped' | 'none' = 'running';
  const probe = Fastify();
  await probe.register(healthRoutes, { db: tdb.db, jobRunner: () => runner });
  const ready = async () => {
    const res = await probe.inject('/health/ready');
    return { status: res.statusCode, body: res.json() };
  };
  expect((await probe.inject('/health/live')).statusCode).toBe(200);
  // A migration this build knows has not run (a newer instance's, say): not ready.
  const last = await tdb.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').executeTakeFirstOrThrow();
  await tdb.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', (last as { name: string }).name as never).execute();
  expect(await ready()).toEqual({ status: 503, body: { status: 'not ready', checks: { database: 'ok', migrations: '1 pending', jobRunner: 'ok' } } });
  await tdb.db.insertInto('kysely_migration' as never).values({ ...(last as object), timestamp: new Date().toISOString() } as never).execute();
  expect(await ready()).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', migrations: 'ok', jobRunner: 'ok' } } });
  runner = 'stopped';
  expect((await ready()).body).toEqual({ status: 'not ready', checks: { database: 'ok', migrations: 'ok', jobRunner: 'stopped' } });
  runner = 'none';
  expect((await ready()).status).toBe(200);
  // The database goes away after it was ready: not ready, not an error.
  await tdb.drop();
  expect(await ready()).toEqual({ status: 503, body: { status: 'not ready', checks: { database: 'not answering', jobRunner: 'not in this process' } } });
  await probe.close();
});
