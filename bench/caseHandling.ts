import os from 'node:os';
import { sql } from 'kysely';
import { createDb, migrateToLatest, type Db } from '../src/db/database.ts';
import { createSession, sessionCookieName } from '../src/modules/auth/sessions.ts';
import { loadCaseDetail } from '../src/modules/cases/detailQueries.ts';
import { COUNT_CAP, countCases, listCases } from '../src/modules/cases/listQueries.ts';
import { swedishDate } from '../src/platform/clock.ts';
import { generate } from './generate.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { pickSubject, type Subject } from './lib/caseHandlingSubject.ts';
import { explainAll } from './lib/explain.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { printTable } from './lib/table.ts';

/**
 * The handler's day: the filtered case list and the case page, on 1 000 000 cases over 10
 * organizations and 200 units, over real HTTP with a signed-in handler's session cookie.
 * Requests go one at a time, so each time is the server's time for that request plus a loopback
 * round trip; GET /health, measured interleaved in the same run, is that floor, and the ratio to
 * it is steadier across machines than the milliseconds. The query functions the pages call
 * (listCases with its capped count, loadCaseDetail) are timed alone too, and their plans checked with
 * EXPLAIN ANALYZE: no sequential scan of cases, events, contacts or messages.
 *
 * If a page is not there yet (404 for a signed-in handler), its line says so and the query
 * functions stand in for it; the HTTP variant switches on by itself once the route exists.
 */

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 30;
const POOL_SIZE = 10;
const TARGET_P95_MS = 30;

export async function run(): Promise<void> {
  const started = performance.now();
  const postgres = await startBenchPostgres();
  let server: RunningServer | undefined;
  let db: Db | undefined;
  try {
    const url = await postgres.createDatabase('lyhord_cases');
    db = createDb(url, POOL_SIZE);
    await migrateToLatest(db);

    const gen = { cases: await reusableCases(postgres.kept, db) };
    if (gen.cases) {
      // BENCH_KEEP_PG: the cases of an earlier run, with any migrations added since applied.
      console.log(`Reusing the ${gen.cases.toLocaleString('sv-SE')} cases generated in ${postgres.dataDir} by an earlier run.`);
      await sql`ANALYZE`.execute(db);
    } else {
      console.log(`Generating ${CASES.toLocaleString('sv-SE')} cases …`);
      const made = await generate(db, { cases: CASES });
      gen.cases = made.cases;
      const total = Object.values(made.seconds).reduce((a, b) => a + b, 0);
      console.log(
        `  ${made.organizations} organizations, ${made.units} units, ${made.users} staff, ${made.cases} cases, ${made.contacts} contacts, ${made.events} events, ${made.messages} messages in ${total.toFixed(1)} s`,
      );
      console.log(`  (${Object.entries(made.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')})`);
    }

    const subject = await pickSubject(db, REQUESTS);
    const visible = await countCases(db, subject.actor, {}, swedishDate(new Date()));
    const open = await countCases(db, subject.actor, { open: true }, swedishDate(new Date()));
    console.log(`\nSigned in as ${subject.actor.name}, handler in ${subject.unitName}: sees ${visible} cases (${open} open) of ${gen.cases}.`);

    console.log('\nEXPLAIN ANALYZE (on the generated data, after a first run of each): execution + planning time');
    const seqScans = await explainAll(url, subject);

    server = await startServer(new URL('./appServer.ts', import.meta.url), { BENCH_DATABASE_URL: url, BENCH_POOL_SIZE: String(POOL_SIZE) });
    const cookie = `${sessionCookieName(subject.org)}=${await createSession(db, subject.actor.id, new Date())}`;
    const base = server.url;
    const listUrl = (i: number) => `${base}/handlaggning/arenden?${subject.scenarios[i % subject.scenarios.length]!.query}`;
    const caseUrl = (i: number) => `${base}/handlaggning/arenden/${subject.numbers[i % subject.numbers.length]}`;

    const listPage = await probe(listUrl(0), cookie, (body) => subject.numbers.some((n) => body.includes(n)) || body.includes('SYN-'));
    const casePage = await probe(caseUrl(0), cookie, (body) => body.includes(subject.numbers[0]!));
    if (!listPage.ok) console.log(`\nObs: GET /handlaggning/arenden answers ${listPage.why}; the query functions stand in for it below.`);
    if (!casePage.ok) console.log(`\nObs: GET /handlaggning/arenden/:number answers ${casePage.why}; the query functions stand in for it below.`);

    const today = () => swedishDate(new Date());
    const directList = (i: number) => {
      const s = subject.scenarios[i % subject.scenarios.length]!;
      // With its capped count, as the page asks for it.
      return listCases(db!, subject.actor, { filter: s.filter, sort: s.sort, page: s.page, pageSize: 50, today: today(), countUpTo: COUNT_CAP });
    };
    const directCase = async (i: number) => {
      const d = await loadCaseDetail(db!, subject.actor, subject.numbers[i % subject.numbers.length]!);
      if (!d) throw new Error(`loadCaseDetail found no ${subject.numbers[i % subject.numbers.length]}`);
    };

    const targets: Target[] = [
      { label: 'GET /health (floor)', run: (i: number) => get(`${base}/health`, cookie, i) },
      ...(listPage.ok ? [{ label: 'GET /handlaggning/arenden?…', run: (i: number) => get(listUrl(i), cookie, i), scenario: true, page: true }] : []),
      ...(casePage.ok ? [{ label: 'GET /handlaggning/arenden/:nr', run: (i: number) => get(caseUrl(i), cookie, i), page: true }] : []),
      { label: 'listCases with its count', run: directList, scenario: true, page: !listPage.ok },
      { label: 'loadCaseDetail', run: directCase, page: !casePage.ok },
    ].map((t) => ({ ...t, times: [] as number[] }));

    console.log(`\nMeasuring ${REQUESTS} requests each, one at a time, interleaved (after ${WARMUP} to warm up) …`);
    for (let i = 0; i < WARMUP; i++) for (const t of targets) await t.run(i);
    for (let i = 0; i < REQUESTS; i++) {
      for (const t of targets) {
        const t0 = performance.now();
        await t.run(i);
        t.times.push(performance.now() - t0);
      }
    }
    await server.stop();
    server = undefined;

    printResults(targets, subject, seqScans, (performance.now() - started) / 1000);
  } finally {
    server?.kill();
    await db?.destroy();
    // pg's pool.end() resolves before its connections have finished closing; stopping the server
    // under them would only print "connection terminated" noise.
    for (let i = 0; i < 50; i++) {
      const [left] = await postgres.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lyhord'`);
      if (!left?.n) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await postgres.stop();
  }
}

/** How many cases a kept cluster (BENCH_KEEP_PG) already holds, if it is as many as asked for; else 0. */
async function reusableCases(kept: boolean, db: Db): Promise<number> {
  if (!kept) return 0;
  const { n } = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) === CASES) return CASES;
  if (Number(n) > 0) throw new Error(`The kept cluster holds ${n} cases, not ${CASES}: remove BENCH_KEEP_PG's directory or ask for as many.`);
  return 0;
}

interface Target {
  label: string;
  run: (i: number) => Promise<unknown>;
  times: number[];
  /** Rotates through the list scenarios: report per scenario too. */
  scenario?: boolean;
  /** Stands for one of the two pages the target is about. */
  page?: boolean;
}

async function get(url: string, cookie: string, _i: number): Promise<void> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
}

async function probe(url: string, cookie: string, looksRight: (body: string) => boolean): Promise<{ ok: boolean; why?: string }> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status === 404) return { ok: false, why: '404 (no such page yet?)' };
  if (res.status !== 200) throw new Error(`${url}: expected 200 for a signed-in handler, got ${res.status}: ${body.slice(0, 300)}`);
  if (!looksRight(body)) throw new Error(`${url}: 200, but the page shows none of the handler's cases`);
  return { ok: true };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

function printResults(targets: Target[], subject: Subject, seqScans: string[], seconds: number) {
  const floor = quantile(targets[0]!.times, 0.5);
  const rows = [['', 'median', 'p95', 'max', 'median / floor']];
  for (const t of targets) {
    rows.push([t.label, `${quantile(t.times, 0.5).toFixed(1)} ms`, `${quantile(t.times, 0.95).toFixed(1)} ms`, `${Math.max(...t.times).toFixed(1)} ms`, (quantile(t.times, 0.5) / floor).toFixed(1)]);
  }
  console.log(`\nCase handling: ${REQUESTS} requests each, one at a time, ${CASES.toLocaleString('sv-SE')} cases\n`);
  printTable(rows);

  const byScenario = targets.find((t) => t.scenario && t.label.startsWith('GET')) ?? targets.find((t) => t.scenario)!;
  console.log(`\n  ${byScenario.label} by filter (median / max):`);
  const n = subject.scenarios.length;
  const groups = new Map<string, number[]>();
  byScenario.times.forEach((ms, i) => {
    const label = subject.scenarios[i % n]!.label;
    groups.set(label, [...(groups.get(label) ?? []), ms]);
  });
  for (const [label, ms] of groups) console.log(`    ${label.padEnd(28)} ${quantile(ms, 0.5).toFixed(1).padStart(6)} ms  ${Math.max(...ms).toFixed(1).padStart(6)} ms`);

  console.log('');
  for (const t of targets.filter((x) => x.page)) {
    const p95 = quantile(t.times, 0.95);
    console.log(`  ${t.label}: p95 ${p95.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms) ${p95 <= TARGET_P95_MS ? 'ok' : 'ABOVE TARGET'}`);
  }
  console.log(`  plans: ${seqScans.length ? `${seqScans.length} sequential scan(s) of big tables, see above` : 'indexes only on the big tables'}`);
  // Requests go one at a time, so a busy neighbour on the machine shows directly in the times;
  // the floor shows it too (GET /health answers in about a millisecond on an idle machine).
  const [load1] = os.loadavg();
  const busy = quantile(targets[0]!.times, 0.95) > 5;
  console.log(`  load average ${load1!.toFixed(1)} on ${os.availableParallelism()} cores${busy ? '; the floor was slow too, so the machine was busy: times are inflated, the ratios hold better' : ''}`);
  console.log(`  (${seconds.toFixed(0)} s in all)`);
}
