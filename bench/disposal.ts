import { fork } from 'node:child_process';
import os from 'node:os';
import { sql } from 'kysely';
import { createDb, migrateToLatest, type Db } from '../src/db/database.ts';
import { createSession, sessionCookieName } from '../src/modules/auth/sessions.ts';
import { FINAL_STATUSES } from '../src/modules/cases/lifecycle.ts';
import type { Actor } from '../src/modules/cases/policy.ts';
import { rulesWithText, startRun } from '../src/modules/retention/disposal.ts';
import { dueSummary } from '../src/modules/retention/due.ts';
import { insertHjoSchedule } from '../src/modules/retention/rules.ts';
import { swedishDate } from '../src/platform/clock.ts';
import { generate } from './generate.ts';
import { pickSubject } from './lib/caseHandlingSubject.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { printTable } from './lib/table.ts';

/**
 * Disposal (gallring) of 100 000 due cases among 1 000 000, and what it does to the handlers at
 * work meanwhile. The cases (contacts, events, answers) are generated inside PostgreSQL with
 * generate_series (bench/generate.ts) over 4 organizations and 5 years; in the default
 * organization exactly 100 000 closed cases older than two years are routine (Hjo's plan:
 * disposed of after 2 years), every other classified case is important (kept).
 *
 * The run is carried out in a process of its own, as the job runner does, in its batches of 500.
 * Meanwhile a handler of the same organization asks for their case list over HTTP, one request
 * at a time, rotating through the list filters; the same requests are timed at rest before and
 * after, and GET /health (the floor) interleaved with all of them, so the ratios come from one run.
 */

const CASES = Number(process.env.BENCH_DISPOSAL_CASES ?? 1_000_000);
const DUE = Number(process.env.BENCH_DISPOSAL_DUE ?? 100_000);
const AT_REST = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 30;
const POOL_SIZE = 10;
const TARGET_P95_MS = 50;
const DECISION = 'KS 2030/17';

export async function run(): Promise<void> {
  const started = performance.now();
  const postgres = await startBenchPostgres();
  let server: RunningServer | undefined;
  let db: Db | undefined;
  try {
    const url = await postgres.createDatabase('lyhord_disposal');
    db = createDb(url, POOL_SIZE);
    await migrateToLatest(db);

    console.log(`Generating ${CASES.toLocaleString('sv-SE')} cases …`);
    const gen = await generate(db, { cases: CASES, organizations: 4, days: 5 * 365 });
    const genSeconds = Object.values(gen.seconds).reduce((a, b) => a + b, 0);
    console.log(`  ${gen.cases} cases, ${gen.contacts} contacts, ${gen.events} events, ${gen.messages} messages in ${genSeconds.toFixed(1)} s`);

    const org = await db.selectFrom('organizations').selectAll().where('is_default', '=', true).executeTakeFirstOrThrow();
    const t0 = performance.now();
    await makeDue(db, org.id);
    const rules = await rulesWithText(db, org.id);
    const today = swedishDate(new Date());
    const before = await dueSummary(db, org.id, today, rules);
    if (before.total !== DUE) throw new Error(`Expected ${DUE} cases due, the dry run finds ${before.total}`);
    const orgCases = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE organization_id = ${org.id}`.execute(db)).rows[0]!.n);
    console.log(`  ${DUE.toLocaleString('sv-SE')} due in ${org.name} (of its ${orgCases.toLocaleString('sv-SE')} cases) after ${((performance.now() - t0) / 1000).toFixed(1)} s of classifying`);

    const subject = await pickSubject(db, 200);
    server = await startServer(new URL('./appServer.ts', import.meta.url), { BENCH_DATABASE_URL: url, BENCH_POOL_SIZE: String(POOL_SIZE) });
    const cookie = `${sessionCookieName(subject.org)}=${await createSession(db, subject.actor.id, new Date())}`;
    const listUrl = (i: number) => `${server!.url}/handlaggning/arenden?${subject.scenarios[i % subject.scenarios.length]!.query}`;
    const health = `${server.url}/health`;
    console.log(`\nThe handler: ${subject.actor.name} in ${subject.unitName}; list filters rotated: ${subject.scenarios.map((s) => s.label).join(', ')}`);

    let i = 0;
    const measure = async (list: number[], floor: number[]) => {
      list.push(await timed(listUrl(i++), cookie));
      floor.push(await timed(health, cookie));
    };
    for (let w = 0; w < WARMUP; w++) await measure([], []);
    const rest = { list: [] as number[], floor: [] as number[] };
    for (let n = 0; n < AT_REST; n++) await measure(rest.list, rest.floor);

    const archivist: Actor = { kind: 'api_key', id: '00000000-0000-0000-0000-000000000000', name: 'Benchmark', organizationId: org.id, grants: [{ role: 'archivist', unitId: null }] };
    const runStarted = await startRun(db, archivist, org.id, DECISION, new Date(), { enqueue: false });
    if (!runStarted) throw new Error('Nothing due: no run started');
    console.log(`\nDisposal run of ${runStarted.expected.toLocaleString('sv-SE')} cases started; measuring the list meanwhile …`);
    const worker = startWorker(url, runStarted.id);
    const during = { list: [] as number[], floor: [] as number[] };
    let finished: WorkerDone | undefined;
    void worker.then((d) => (finished = d));
    while (!finished) await measure(during.list, during.floor);
    const done = await worker;

    const after = { list: [] as number[], floor: [] as number[] };
    for (let n = 0; n < AT_REST; n++) await measure(after.list, after.floor);
    await server.stop();
    server = undefined;

    const check = await verify(db, org.id, runStarted.id, today);
    report({ done, rest, during, after, check, seconds: (performance.now() - started) / 1000 });
  } finally {
    server?.kill();
    await db?.destroy();
    for (let n = 0; n < 50; n++) {
      const [left] = await postgres.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lyhord'`);
      if (!left?.n) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await postgres.stop();
  }
}

/** Hjo's plan, and exactly DUE of the old closed cases routine; every other classified case important. */
async function makeDue(db: Db, organizationId: string): Promise<void> {
  await insertHjoSchedule(db, organizationId);
  const final = sql.join(FINAL_STATUSES.map((s) => sql.lit(s)));
  await sql`
    WITH pick AS (
      SELECT id FROM cases
      WHERE organization_id = ${organizationId} AND status IN (${final}) AND closed_at < now() - interval '2 years 1 month'
      ORDER BY md5(id::text) LIMIT ${DUE})
    UPDATE cases c SET significance = CASE WHEN c.id IN (SELECT id FROM pick) THEN 'routine' ELSE 'important' END
    WHERE c.organization_id = ${organizationId} AND (c.significance IS NOT NULL OR c.id IN (SELECT id FROM pick))`.execute(db);
  await sql`VACUUM (ANALYZE) cases`.execute(db);
}

interface WorkerDone {
  disposed: number;
  batches: number;
  ms: number;
}

function startWorker(url: string, runId: string): Promise<WorkerDone> {
  const compiled = import.meta.url.endsWith('.js');
  const entry = new URL(compiled ? './disposalWorker.js' : './disposalWorker.ts', import.meta.url);
  const child = fork(entry, [], { execArgv: compiled ? [] : ['--import', 'tsx'], env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_RUN_ID: runId }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: WorkerDone) => resolve(m));
    child.once('exit', (code) => reject(new Error(`the disposal worker exited with code ${code} before it was done`)));
  });
}

async function timed(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
  return performance.now() - t0;
}

/** What the run left: the log, the disposed cases, nothing due, nothing else touched. */
async function verify(db: Db, organizationId: string, runId: string, today: string) {
  const n = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]!.n);
  const logged = await n(sql`SELECT count(*)::int AS n FROM disposal_log WHERE run_id = ${runId}`);
  const disposed = await n(sql`SELECT count(*)::int AS n FROM cases WHERE disposed_at IS NOT NULL`);
  const disposedElsewhere = await n(sql`SELECT count(*)::int AS n FROM cases WHERE disposed_at IS NOT NULL AND (organization_id <> ${organizationId} OR significance <> 'routine')`);
  const leftContent = await n(sql`
    SELECT (SELECT count(*) FROM case_contacts k JOIN cases c ON c.id = k.case_id WHERE c.disposed_at IS NOT NULL)
         + (SELECT count(*) FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.disposed_at IS NOT NULL) AS n`);
  const stillDue = (await dueSummary(db, organizationId, today, await rulesWithText(db, organizationId))).total;
  const run = await db.selectFrom('disposal_runs').select(['status', 'disposed']).where('id', '=', runId).executeTakeFirstOrThrow();
  return { logged, disposed, disposedElsewhere, leftContent, stillDue, status: run.status };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

type Series = { list: number[]; floor: number[] };

function report(r: { done: WorkerDone; rest: Series; during: Series; after: Series; check: Awaited<ReturnType<typeof verify>>; seconds: number }) {
  const { done, check } = r;
  console.log(`\nDisposal: ${done.disposed.toLocaleString('sv-SE')} cases in ${(done.ms / 1000).toFixed(1)} s (${Math.round(done.disposed / (done.ms / 1000))} cases/s, ${done.batches} batches)`);
  console.log(`  check: run ${check.status}, ${check.logged} in the log, ${check.disposed} cases disposed, ${check.disposedElsewhere} outside the due set, ${check.leftContent} contacts/messages left on them, ${check.stillDue} still due`);
  const ok = check.status === 'done' && check.logged === DUE && check.disposed === DUE && check.disposedElsewhere === 0 && check.leftContent === 0 && check.stillDue === 0;
  if (!ok) console.log('  CHECK FAILED: the run did not dispose of exactly the due cases');

  const rows = [['handler list GET /handlaggning/arenden', 'requests', 'median', 'p95', 'max', 'floor p95', 'p95 / at rest']];
  const restP95 = quantile(r.rest.list, 0.95);
  for (const [label, s] of [['at rest, before', r.rest], ['during disposal', r.during], ['at rest, after', r.after]] as const) {
    rows.push([label, String(s.list.length), ms(quantile(s.list, 0.5)), ms(quantile(s.list, 0.95)), ms(Math.max(...s.list)), ms(quantile(s.floor, 0.95)), (quantile(s.list, 0.95) / restP95).toFixed(2)]);
  }
  console.log('');
  printTable(rows);
  const p95 = quantile(r.during.list, 0.95);
  console.log(`\n  list p95 during disposal: ${ms(p95)} (target < ${TARGET_P95_MS} ms) ${p95 < TARGET_P95_MS ? 'ok' : 'ABOVE TARGET'}`);
  const [load1] = os.loadavg();
  console.log(`  load average ${load1!.toFixed(1)} on ${os.availableParallelism()} cores${quantile(r.rest.floor, 0.95) > 5 ? '; the floor was slow too, so the machine was busy: times are inflated, the ratios hold better' : ''}`);
  console.log(`  (${r.seconds.toFixed(0)} s in all)`);
  if (!ok) process.exitCode = 1;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
