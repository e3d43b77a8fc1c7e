import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import type { Actor } from '../cases/policy.ts';
import { computeStatistics } from './queries.ts';
import { actorByEmail, buildFixture, type Fixture } from './testFixture.ts';

/** The statistics tests' app, with the fixed data set of testFixture.ts and the people who look at it. */
export const TODAY = '2026-12-22';
export const YEAR = { from: '2026-01', to: '2026-12' };

export let t: TestContext;
export let fx: Fixture;
export const actors: Record<string, Actor> = {};

export function withStatisticsWorld() {
  beforeAll(async () => {
    t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
    fx = await buildFixture(t.db, t.orgId);
    for (const [k, email] of Object.entries({
      admin: 'admin@exempelkommun.se',
      reader: 'lasare@exempelkommun.se',
      bou: 'samordnare.bou@exempelkommun.se',
      sbf: 'samordnare.sbf@exempelkommun.se',
      forskola: 'handlaggare.forskola@exempelkommun.se',
    })) {
      actors[k] = await actorByEmail(t.db, t.orgId, email);
    }
  });
  afterAll(async () => t?.close());
}

export const stats = (actor: Actor, opts: { useRollup?: boolean; period?: typeof YEAR; groupBy?: 'forvaltning' | 'enhet' | 'kind' | 'channel' | 'namnd' } = {}) =>
  computeStatistics(t.db, { scope: { actor }, period: opts.period ?? YEAR, filter: {}, groupBy: opts.groupBy ?? 'forvaltning', today: TODAY, useRollup: opts.useRollup });
