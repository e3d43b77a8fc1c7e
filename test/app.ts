import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.tsx';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestContext extends TestDatabase {
  app: FastifyInstance;
  clock: ReturnType<typeof fixedClock>;
  orgId: string;
  close(): Promise<void>;
}

/** An app on its own database with the demo organization, and a clock the test controls. */
export async function startTestApp(opts: { now?: string; poolSize?: number } = {}): Promise<TestContext> {
  const tdb = await createTestDatabase(opts.poolSize);
  const orgId = await seedDemoOrganization(tdb.db);
  const clock = fixedClock(opts.now ?? '2026-12-22T09:00:00Z');
  const app = await buildApp({ db: tdb.db, clock, config: { demo: true, secureCookies: false, logLevel: 'silent' } });
  await app.ready();
  return {
    ...tdb,
    app,
    clock,
    orgId,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** Encodes a form body the way a browser does. */
export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
