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
