// The real app, as src/server.ts builds it, in a process of its own for bench/submissions.ts.
import { buildApp } from '../src/app.tsx';
import { createDb } from '../src/db/database.ts';
import { systemClock } from '../src/platform/clock.ts';
import { serveForBench } from './lib/server.ts';

const db = createDb(process.env.BENCH_DATABASE_URL!, Number(process.env.BENCH_POOL_SIZE));
// Request logging is off, as it is for the bare server: both are measured without log output.
// The load comes from one address as fast as it can, so the fill time and the limits are set out
// of its way; the rate limiter still counts every submission, so its cost is in the measurement.
const unlimited = 1e12;
const app = await buildApp({
  db,
  clock: systemClock,
  config: { demo: false, secureCookies: false, logLevel: 'silent' },
  spam: { minFillSeconds: 0, rate: { perAddressPerMinute: unlimited, perAddressPerHour: unlimited, perOrganizationPerMinute: unlimited } },
  // The archive bench asks "asked before?" hundreds of times a minute from one address.
  routeRateLimits: process.env.BENCH_ROUTE_RATE_LIMITS !== 'off',
});
await serveForBench(app, () => db.destroy());
