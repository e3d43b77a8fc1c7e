import pg from 'pg';
import { createDb, migrateToLatest } from '../src/db/database.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { load, type LoadResult } from './lib/load.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { startProductionServer, type ProductionServer } from './lib/productionServer.ts';
import { printStatements, resetStatements } from './lib/statements.ts';
import { BARE_SCHEMA, DESCRIPTION } from './lib/bareSubmission.ts';
import { clusterCpuMs, processCpuMs } from './lib/cpu.ts';
import { printTable, median, medianBy } from './lib/table.ts';

/**
 * Citizen submissions per second through the real POST /synpunkt (form parsing, validation,
 * case number, case + contact + event in one durable transaction), compared in the same run
 * with the floor: a bare Fastify route doing one INSERT on the same PostgreSQL and pool size.
 * A third server, bare too, runs the web form's own statement on the app's schema
 * (bareCaseServer.ts): what the schema allows with a server that costs no more than the floor's,
 * and so how much of the gap is the app's server and how much the rows a submission stores.
 * The app runs as `npm start` runs it (lib/productionServer.ts): compiled, JSON request log at
 * info, background jobs in the process. LOG_LEVEL, LOG_FORMAT and RUN_JOBS set for the
 * benchmark reach it, to see what each costs; the summary says which were in effect.
 * The ratio says how much of the floor the app keeps; it is steadier across machines than the
 * rates themselves.
 */

const CONNECTIONS = 32;
const POOL_SIZE = 20; // createDb's default, so the app runs as it does in production
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 0.5;

let sent = 0;

/** A citizen's form as a browser posts it. Each is a new form (its own formId), or the app would take it for a double-click. */
function submission() {
  sent++;
  const body = new URLSearchParams({
    formId: `bench-${String(sent).padStart(12, '0')}`,
    kind: 'klagomal',
    description: `${DESCRIPTION} (${sent})`,
    unit: 'vet-inte',
    anonymous: 'false',
    name: 'Åsa Öberg',
    email: 'asa@example.se',
    phone: '',
    address: '',
    replyChannel: 'email',
  });
  return { method: 'POST', path: '/synpunkt', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
}

interface Target {
  label: string;
  server: RunningServer;
  rounds: LoadResult[];
  /** CPU milliseconds per answered request in each round: the server process, and PostgreSQL. */
  cpu: { server: number; db: number }[];
  peakRss?: number;
}

export async function run(): Promise<void> {
  const started = Date.now();
  const postgres = await startBenchPostgres();
  const targets: Target[] = [];
  try {
    const appDb = await postgres.createDatabase('lyhord_bench');
    const bareDb = await postgres.createDatabase('bare_bench');
    const bareCaseDb = await postgres.createDatabase('bare_case_bench');
    for (const url of [appDb, bareCaseDb]) {
      const db = createDb(url, 2);
      await migrateToLatest(db);
      await seedDemoOrganization(db);
      await db.destroy();
    }
    await query(bareDb, BARE_SCHEMA);

    const env = (url: string) => ({ BENCH_DATABASE_URL: url, BENCH_POOL_SIZE: String(POOL_SIZE) });
    // The load comes from one address as fast as it can: the fill time check is off and the rate
    // limits are raised out of its way, but every post is still counted against them. The posts
    // carry no proof of work, as from a browser without JavaScript (the honeypot is checked).
    const unlimited = String(Number.MAX_SAFE_INTEGER);
    const appServer = await startProductionServer({
      databaseUrl: appDb,
      logFile: `${postgres.dataDir}/app.log`,
      env: { FORM_MIN_SECONDS: '0', FORM_LIMIT_PER_ADDRESS_MINUTE: unlimited, FORM_LIMIT_PER_ADDRESS_HOUR: unlimited, FORM_LIMIT_PER_ORGANIZATION_MINUTE: unlimited },
    });
    const idleRss = appServer.rss();
    targets.push(
      { label: 'Lyhörd POST /synpunkt', server: appServer, rounds: [], cpu: [] },
      { label: 'bare Fastify, one INSERT', server: await startServer(new URL('./bareServer.ts', import.meta.url), env(bareDb), { nodeFlags: [] }), rounds: [], cpu: [] },
      { label: "bare Fastify, the form's statement", server: await startServer(new URL('./bareCaseServer.ts', import.meta.url), env(bareCaseDb), { nodeFlags: [] }), rounds: [], cpu: [] },
    );
    const [app, bare, bareCase] = targets as [Target, Target, Target];
    const measure = (t: Target, seconds: number) =>
      load({ url: `${t.server.url}/synpunkt`, connections: CONNECTIONS, seconds, request: submission, expectStatus: 303 });

    console.log(`Warming up (${WARMUP_SECONDS} s each) …`);
    let completed = (await measure(app, WARMUP_SECONDS)).completed;
    await measure(bare, WARMUP_SECONDS);
    await measure(bareCase, WARMUP_SECONDS);
    await resetStatements(appDb);
    const casesBefore = await caseCount(appDb);

    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating the order spreads drift (caches, autovacuum, a busy neighbour) over all three.
      for (const t of round % 2 ? targets : [...targets].reverse()) {
        // Each run starts from a clean checkpoint, so neither pays for the other's dirty pages.
        await postgres.query('CHECKPOINT');
        const cpu0 = { server: processCpuMs(t.server.pid), db: clusterCpuMs(postgres.postmasterPid) };
        const result = await measure(t, ROUND_SECONDS);
        t.rounds.push(result);
        const n = result.completed || 1;
        t.cpu.push({ server: (processCpuMs(t.server.pid) - cpu0.server) / n, db: (clusterCpuMs(postgres.postmasterPid) - cpu0.db) / n });
        if (t === app) completed += result.completed;
        console.log(`  round ${round}: ${t.label.padEnd(36)} ${result.rate.toFixed(0).padStart(6)}/s`);
      }
    }
    const count = await caseCount(appDb);
    await printStatements(appDb, count - casesBefore, 'submission');
    for (const t of targets) t.peakRss = (await t.server.stop()).peakRss;

    // Every answered post must have made its own case; fewer cases would mean requests were deduplicated.
    if (count < completed) throw new Error(`${completed} submissions answered but only ${count} cases stored`);

    printSummary(app, bare, bareCase, appServer, idleRss, (Date.now() - started) / 1000);
  } finally {
    for (const t of targets) t.server.kill();
    await postgres.stop();
  }
}

async function caseCount(url: string): Promise<number> {
  const [{ count }] = (await query(url, 'SELECT count(*)::int AS count FROM cases')) as [{ count: number }];
  return count;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function printSummary(app: Target, bare: Target, bareCase: Target, server: ProductionServer, idleRss: number, seconds: number) {
  const mib = (bytes = 0) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  // The runs of a round are back to back, so their ratio cancels most of the machine's drift;
  // each ratio printed is the median of the per-round ones.
  const ratiosOf = (a: Target, b: Target) => a.rounds.map((r, i) => r.rate / b.rounds[i]!.rate);
  const ratios = ratiosOf(app, bare);
  const ratio = median(ratios);
  const cells = (t: Target) => {
    // The round with the median rate: its latencies and CPU are reported with it.
    const m = medianBy(t.rounds, (r) => r.rate);
    const cpu = t.cpu[t.rounds.indexOf(m)]!;
    return [t.label, ...t.rounds.map((r) => `${r.rate.toFixed(0)}/s`), `${m.rate.toFixed(0)}/s`, `${m.p50Ms} ms`, `${m.p99Ms} ms`, `${cpu.server.toFixed(2)} ms`, `${cpu.db.toFixed(2)} ms`, mib(t.peakRss)];
  };
  const ratioRow = (label: string, xs: number[]) => [label, ...xs.map((r) => r.toFixed(2)), median(xs).toFixed(2), '', '', '', '', ''];
  const rows = [
    ['', ...app.rounds.map((_, i) => `round ${i + 1}`), 'median', 'p50', 'p99', 'CPU server', 'CPU db', 'peak RSS'],
    cells(app),
    cells(bare),
    cells(bareCase),
    ratioRow('ratio app / bare', ratios),
    // What the schema allows: the form's statement from a server as cheap as the floor's.
    ratioRow("ratio form's statement / bare", ratiosOf(bareCase, bare)),
    // What the app's server keeps of that: validation, rate limit, spam checks, logging, jobs.
    ratioRow("ratio app / form's statement", ratiosOf(app, bareCase)),
  ];

  const log = server.logged();
  console.log(`\nSubmissions: ${CONNECTIONS} connections, pool ${POOL_SIZE}, durable commits, ${ROUNDS} × ${ROUND_SECONDS} s, median round`);
  console.log(
    `The app as npm start runs it: LOG_LEVEL=${process.env.LOG_LEVEL || 'info'}, LOG_FORMAT=${process.env.LOG_FORMAT || 'json'}, RUN_JOBS=${process.env.RUN_JOBS || 'true'}; it logged ${log.lines} lines (${(log.bytes / 1024 / 1024).toFixed(1)} MiB)`,
  );
  console.log(
    'Spam checks: honeypot checked, FORM_MIN_SECONDS=0, rate limits raised but every post counted, no ALTCHA proof sent (a browser without JavaScript)\n',
  );
  printTable(rows);
  // CPU per request (server process, and the whole PostgreSQL cluster while the round ran) varies
  // far less with a busy machine than the rates: what the app costs beside the floor, per request.
  const cpuRatio = (t: Target) => t.cpu.map((c) => c.server + c.db);
  const cpuRatios = cpuRatio(app).map((c, i) => c / cpuRatio(bare)[i]!);
  console.log(`\n  CPU per request, app / bare (server + PostgreSQL), per round: ${cpuRatios.map((r) => r.toFixed(1)).join(', ')}`);
  console.log(`  ratio app / bare: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}) ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW TARGET'}`);
  console.log(`  RSS of the app server: ${mib(idleRss)} idle after start, ${mib(app.peakRss)} at its peak under load (target ≤ 200 MiB) ${(app.peakRss ?? 0) <= 200 * 1024 * 1024 ? 'ok' : 'ABOVE TARGET'}`);
  console.log(`  (${seconds.toFixed(0)} s in all)`);
}
