import { sql } from 'kysely';
import { createDb, migrateToLatest, type Db } from '../src/db/database.ts';
import { createSession, sessionCookieName } from '../src/modules/auth/sessions.ts';
import { seedDemoStaff } from '../src/modules/organizations/demoStaff.ts';
import { swedishDate } from '../src/platform/clock.ts';
import { computeStatistics } from '../src/modules/statistics/queries.ts';
import type { StatRequest } from '../src/modules/statistics/result.ts';
import { resultCharts } from '../src/modules/statistics/resultCharts.ts';
import { refreshStatistics } from '../src/modules/statistics/rollup.ts';
import { allTables } from '../src/modules/statistics/tables.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { generateStatisticsData } from './statisticsData.ts';

/**
 * The statistics page over 1 000 000 cases in 10 organizations and 5 years (the default
 * organization is the large one, 30 % of the cases):
 *
 *  1. GET /statistik for one organization and one year (this year so far, compared with the
 *     year before), over real HTTP as the organization's reader: target p95 ≤ 150 ms;
 *  2. the same for that organization over all five years: target p95 ≤ 1 000 ms;
 *  3. all ten organizations over all five years. No person's session spans organizations (a
 *     session belongs to one), so this is measured one layer down, in process: the same
 *     computeStatistics() the page calls, plus the page's tables and SVG charts; target
 *     p95 ≤ 1 000 ms.
 *
 * 50 requests each, one at a time (a person waiting for a page), after 5 for warming up.
 * The rollup is refreshed once after the load, as the job does; the run also checks that the
 * rollup and a plain count from case_stats give the same numbers.
 */

const CASES = Number(process.env.BENCH_STAT_CASES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_STAT_REQUESTS ?? 50);
const WARMUP = 5;
const POOL_SIZE = 20;

interface Measured {
  label: string;
  target: number;
  median: number;
  p95: number;
}

const percentile = (xs: number[], f: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(f * s.length) - 1)]!;
};

async function measure(label: string, target: number, run: () => Promise<void>, requests = REQUESTS): Promise<Measured> {
  for (let i = 0; i < Math.min(WARMUP, requests); i++) await run();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const m = { label, target, median: percentile(times, 0.5), p95: percentile(times, 0.95) };
  const goal = Number.isFinite(target) ? `(target p95 ≤ ${target} ms)` : `(${requests} requests, no target)`;
  console.log(`  ${label.padEnd(60)} median ${m.median.toFixed(1).padStart(7)} ms   p95 ${m.p95.toFixed(1).padStart(7)} ms   ${goal}`);
  return m;
}

export async function run(): Promise<void> {
  const postgres = await startBenchPostgres();
  let server: RunningServer | undefined;
  let db: Db | undefined;
  try {
    const url = await postgres.createDatabase('lyhord_statistics');
    db = createDb(url, POOL_SIZE);
    await migrateToLatest(db);
    const now = new Date();
    const today = swedishDate(now);
    console.log(`Generating ${CASES.toLocaleString('sv-SE')} cases in 10 organizations over 5 years …`);
    const t0 = Date.now();
    const gen = await generateStatisticsData(db, { cases: CASES, organizations: 10, years: 5, now, largestShare: 0.3, log: console.log });
    console.log(`  generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const t1 = Date.now();
    const months = await refreshStatistics(db, today);
    console.log(`  rollup: ${months} organization-months summed in ${((Date.now() - t1) / 1000).toFixed(1)} s (the refresh job's first run)`);
    const size = await sql<{ t: string; n: number }>`
      SELECT 'case_stats' AS t, count(*)::int AS n FROM case_stats UNION ALL SELECT 'statistics_monthly', count(*)::int FROM statistics_monthly
      UNION ALL SELECT 'statistics_monthly_days', count(*)::int FROM statistics_monthly_days UNION ALL SELECT 'statistics_monthly_days_total', count(*)::int FROM statistics_monthly_days_total`.execute(db);
    console.log(`  rows: ${size.rows.map((r) => `${r.t} ${r.n}`).join(', ')}`);

    await seedDemoStaff(db, gen.largestId);
    const reader = await db.selectFrom('users').select('id').where('email', '=', 'lasare@exempelkommun.se').where('organization_id', '=', gen.largestId).executeTakeFirstOrThrow();
    const org = await db.selectFrom('organizations').selectAll().where('id', '=', gen.largestId).executeTakeFirstOrThrow();
    const cookie = `${sessionCookieName(org)}=${await createSession(db, reader.id, now)}`;

    server = await startServer(new URL('./appServer.ts', import.meta.url), { BENCH_DATABASE_URL: url, BENCH_POOL_SIZE: String(POOL_SIZE) });
    const thisYear = `fran=${today.slice(0, 4)}-01&till=${today.slice(0, 7)}`;
    const fiveYears = `fran=${Number(today.slice(0, 4)) - 5}-${today.slice(5, 7)}&till=${today.slice(0, 7)}`;
    const get = async (path: string) => {
      const res = await fetch(`${server!.url}${path}`, { headers: { cookie }, redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200 || !body.includes('<h1>Statistik</h1>')) throw new Error(`${path}: ${res.status}`);
    };

    const allOrgs = (useRollup = true): StatRequest => ({
      scope: { organizationIds: gen.organizationIds, includeConfidential: true },
      period: { from: `${Number(today.slice(0, 4)) - 5}-${today.slice(5, 7)}`, to: today.slice(0, 7) },
      filter: {},
      groupBy: 'forvaltning',
      today,
      useRollup,
    });
    // The rollup against a plain count, on the largest figure.
    const viaRollup = await computeStatistics(db, allOrgs());
    const plain = await computeStatistics(db, allOrgs(false));
    const same = JSON.stringify({ ...viaRollup, request: null, usedRollup: null }) === JSON.stringify({ ...plain, request: null, usedRollup: null });
    console.log(`\n  all organizations, all years: ${viaRollup.current.received.toLocaleString('sv-SE')} synpunkter; rollup and plain count agree: ${same ? 'yes' : 'NO'}`);

    console.log(`\n${REQUESTS} requests each, one at a time:`);
    const results = [
      await measure('GET /statistik, one organization, this year (HTTP)', 150, () => get(`/statistik?${thisYear}`)),
      await measure('GET /statistik, one organization, five years (HTTP)', 1000, () => get(`/statistik?${fiveYears}`)),
      await measure('all organizations, five years (query + tables + charts)', 1000, async () => {
        const r = await computeStatistics(db!, allOrgs());
        allTables(r);
        await resultCharts(r);
      }),
      await measure(
        '  the same query without the rollup (plain count, comparison)',
        Infinity,
        async () => {
          await computeStatistics(db!, allOrgs(false));
        },
        5,
      ),
    ];
    const failed = results.filter((r) => r.p95 > r.target);
    console.log(failed.length === 0 ? '\nAll targets met.' : `\nTargets missed: ${failed.map((f) => f.label.trim()).join('; ')}`);
    if (!same) throw new Error('The rollup and the plain count disagree');
  } finally {
    server?.kill();
    await db?.destroy();
    await postgres.stop();
  }
}
