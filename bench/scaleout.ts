import os from 'node:os';
import pg from 'pg';
import { createDb, migrateToLatest } from '../src/db/database.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { load, type LoadResult } from './lib/load.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { startTopology, type Topology } from './lib/topology.ts';
import { printTable, median, medianBy } from './lib/table.ts';

/**
 * Citizen submissions per second through the reverse proxy (Debian's Caddy, deploy/Caddyfile)
 * with one app instance and with two on the same PostgreSQL, a separate job runner beside them,
 * all compiled as in production; measured in the same run, rounds alternating between the two
 * set-ups. Prints the rates, their ratio, latencies, and the peak RSS of every instance.
 * On a machine with few cores the instances, PostgreSQL and the load generator share them, so
 * the ratio says how much a second instance helps *here*; with cores to spare it is the ceiling
 * of the database that remains.
 */

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const DESCRIPTION = 'Gatlyktan vid skolan har varit släckt i två veckor och barnen går hem i mörker. Kan ni laga den?';
let sent = 0;
function submission() {
  sent++;
  const body = new URLSearchParams({
    formId: `scaleout-${String(sent).padStart(12, '0')}`,
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

interface SetUp {
  label: string;
  instances: number;
  topology?: Topology;
  rounds: LoadResult[];
  peakRss: number[];
  /** Peak RSS once started and ready, before any load. */
  startRss: number[];
}

export async function run(): Promise<void> {
  const started = Date.now();
  const postgres = await startBenchPostgres();
  const setups: SetUp[] = [
    { label: 'one instance', instances: 1, rounds: [], peakRss: [], startRss: [] },
    { label: 'two instances', instances: 2, rounds: [], peakRss: [], startRss: [] },
  ];
  try {
    const url = await postgres.createDatabase('lyhord_scaleout');
    const db = createDb(url, 2);
    await migrateToLatest(db);
    await seedDemoOrganization(db);
    await db.destroy();
    // The load comes from one address as fast as it can: the fill time and the limits are set out
    // of its way (the limiter still counts every submission, so its cost is in the measurement).
    const env = { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', FORM_MIN_SECONDS: '0', FORM_LIMIT_PER_ADDRESS_MINUTE: '0', FORM_LIMIT_PER_ADDRESS_HOUR: '0', FORM_LIMIT_PER_ORGANIZATION_MINUTE: '1000000000' };
    // Both set-ups run side by side on the same database; only the one being measured gets load.
    for (const s of setups) {
      s.topology = await startTopology({ databaseUrl: url, apps: s.instances, env });
      s.startRss = s.topology.apps.map((a) => a.peakRss());
    }
    const measure = (s: SetUp, seconds: number) =>
      load({ url: `${s.topology!.proxyUrl}/synpunkt`, connections: CONNECTIONS, seconds, request: submission, expectStatus: 303 }).catch((err: Error) => {
        // Say why: the proxy's and instances' complaints (CADDY_LOG_LEVEL=INFO shows health checks).
        const said = s.topology!.output().split('\n').filter((l) => /error|unhealthy|health|"level":[45]0/i.test(l));
        throw new Error(`${s.label}: ${err.message}\n${said.slice(-30).join('\n')}`);
      });

    console.log(`Warming up (${WARMUP_SECONDS} s each) …`);
    for (const s of setups) await measure(s, WARMUP_SECONDS);
    let completed = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const s of round % 2 ? setups : [...setups].reverse()) {
        await postgres.query('CHECKPOINT');
        const r = await measure(s, ROUND_SECONDS);
        s.rounds.push(r);
        completed += r.completed;
        console.log(`  round ${round}: ${s.label.padEnd(14)} ${r.rate.toFixed(0).padStart(6)}/s`);
      }
    }
    for (const s of setups) {
      s.peakRss = s.topology!.apps.map((a) => a.peakRss());
      await s.topology!.stop();
      s.topology = undefined;
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    await client.end();
    if (rows[0]!.n < completed) throw new Error(`${completed} submissions answered but only ${rows[0]!.n} cases stored`);
    summary(setups, (Date.now() - started) / 1000);
  } finally {
    for (const s of setups) await s.topology?.stop();
    await postgres.stop();
  }
}

function summary(setups: SetUp[], seconds: number) {
  const [one, two] = setups as [SetUp, SetUp];
  const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
  const ratios = two.rounds.map((r, i) => r.rate / one.rounds[i]!.rate);
  const rows = [
    ['', ...one.rounds.map((_, i) => `round ${i + 1}`), 'median', 'p50', 'p99', 'peak RSS per instance (ready, before load)'],
    ...setups.map((s) => {
      const m = medianBy(s.rounds, (r) => r.rate);
      return [s.label, ...s.rounds.map((r) => `${r.rate.toFixed(0)}/s`), `${m.rate.toFixed(0)}/s`, `${m.p50Ms} ms`, `${m.p99Ms} ms`, s.peakRss.map((p, i) => `${mib(p)} (${mib(s.startRss[i]!)})`).join(', ')];
    }),
    ['ratio two / one', ...ratios.map(() => ''), median(ratios).toFixed(2), '', '', ''],
  ];
  console.log(`\nSubmissions through Caddy: ${CONNECTIONS} connections, ${ROUNDS} × ${ROUND_SECONDS} s, median round`);
  console.log(`(Machine: ${os.cpus().length} CPU cores shared by PostgreSQL, the instances, Caddy and the load generator.)\n`);
  printTable(rows);
  console.log(`\n  (${seconds.toFixed(0)} s in all)`);
}
