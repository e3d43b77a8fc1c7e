import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, migrateToLatest, poolOf, type Db } from '../src/db/database.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { submitCase } from '../src/modules/intake/commands.ts';
import { systemClock } from '../src/platform/clock.ts';
import { BARE_SCHEMA, DESCRIPTION } from './lib/bareSubmission.ts';
import { clusterCpuMs, processCpuMs } from './lib/cpu.ts';
import { startBenchPostgres, type BenchPostgres } from './lib/postgres.ts';
import { printTable, median } from './lib/table.ts';

/**
 * What the database alone allows for citizen intake, without HTTP: the web form's command
 * (`submitCase`, the statement that stores case, contact and `received` event) run as fast as
 * PostgreSQL takes it, against the bare benchmark's one-row INSERT, in the same run. Then the same
 * command on databases stripped of one part of the schema after another, down to the three rows
 * with their keys, to show what each part costs.
 *
 * bench/submissions.ts measures the same statement through HTTP from a bare server
 * (bareCaseServer.ts); this benchmark takes HTTP away as well and says which part of the schema
 * costs what.
 */

const CONNECTIONS = 16;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

/** One database each, each stripping what the one before it kept. */
const VARIANTS: { label: string; strip: string[] }[] = [
  { label: 'as shipped', strip: [] },
  { label: '– statistics trigger', strip: ['ALTER TABLE cases DISABLE TRIGGER cases_stats_insert'] },
  { label: '– event triggers', strip: ['ALTER TABLE case_events DISABLE TRIGGER USER'] },
  {
    label: '– indexes, search column',
    strip: [
      // Every index that no constraint needs: the lists', the deadlines', the search's.
      `DO $$ DECLARE i record; BEGIN
         FOR i IN SELECT ix.indexrelid::regclass AS name FROM pg_index ix
           WHERE ix.indrelid IN ('cases'::regclass, 'case_events'::regclass, 'case_contacts'::regclass)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
         LOOP EXECUTE 'DROP INDEX ' || i.name; END LOOP; END $$`,
      'ALTER TABLE cases DROP COLUMN search CASCADE',
    ],
  },
  {
    label: '– foreign keys: three rows',
    strip: [
      `DO $$ DECLARE c record; BEGIN
         FOR c IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
           WHERE contype = 'f' AND conrelid IN ('cases'::regclass, 'case_events'::regclass, 'case_contacts'::regclass)
         LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.t, c.conname); END LOOP; END $$`,
    ],
  },
];

interface Target {
  label: string;
  /** Runs one submission; the loops keep CONNECTIONS of them in flight. */
  submit: () => Promise<unknown>;
  rates: number[];
  /** CPU milliseconds per submission in each round: PostgreSQL, and this process (the client). */
  cpu: { db: number; client: number }[];
}

export async function run(): Promise<void> {
  const started = Date.now();
  const postgres = await startBenchPostgres();
  const dbs: Db[] = [];
  const bare = new pg.Pool({ connectionString: await postgres.createDatabase('ceiling_bare'), max: CONNECTIONS });
  bare.on('error', () => {});
  try {
    await bare.query(BARE_SCHEMA);
    const targets: Target[] = [];
    let n = 0;
    targets.push({
      label: 'bare: one row',
      submit: () => {
        const i = ++n;
        return bare.query({ name: 'bare', text: 'INSERT INTO submissions (form_id, description) VALUES ($1, $2)', values: [`ceiling-${i}`, `${DESCRIPTION} (${i})`] });
      },
      rates: [],
      cpu: [],
    });
    const strip: string[] = [];
    for (const [i, v] of VARIANTS.entries()) {
      strip.push(...v.strip);
      const db = createDb(await postgres.createDatabase(`ceiling_${i}`), CONNECTIONS);
      dbs.push(db);
      await migrateToLatest(db);
      const orgId = await seedDemoOrganization(db);
      for (const sql of strip) await poolOf(db).query(sql);
      targets.push({ label: `submitCase ${v.label}`, submit: submitter(db, orgId), rates: [], cpu: [] });
    }

    console.log(`Warming up (${WARMUP_SECONDS} s each) …`);
    for (const t of targets) await drive(t.submit, WARMUP_SECONDS);
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating the order spreads drift over all of them.
      for (const t of round % 2 ? targets : [...targets].reverse()) await measure(postgres, t);
    }
    printSummary(targets, (Date.now() - started) / 1000);
  } finally {
    await bare.end();
    for (const db of dbs) await db.destroy();
    await postgres.stop();
  }
}

/** The web form's command with a valid citizen's submission, each its own form. */
function submitter(db: Db, orgId: string) {
  const deps = { db, clock: systemClock, tokenSecret: randomBytes(32) };
  const org = { id: orgId, config_version: 1 };
  let n = 0;
  return () => {
    const i = ++n;
    const submission = {
      kind: 'klagomal' as const,
      description: `${DESCRIPTION} (${i})`,
      suggestedUnitId: null,
      anonymous: false,
      contact: { name: 'Åsa Öberg', email: 'asa@example.se', phone: null, address: null, replyChannel: 'email' as const },
    };
    return submitCase(deps, org, submission, `ceiling-form-${String(i).padStart(12, '0')}`);
  };
}

async function measure(postgres: BenchPostgres, t: Target) {
  await postgres.query('CHECKPOINT');
  const cpu0 = { db: clusterCpuMs(postgres.postmasterPid), client: processCpuMs(process.pid) };
  const t0 = performance.now();
  const done = await drive(t.submit, ROUND_SECONDS);
  const seconds = (performance.now() - t0) / 1000;
  t.rates.push(done / seconds);
  t.cpu.push({ db: (clusterCpuMs(postgres.postmasterPid) - cpu0.db) / done, client: (processCpuMs(process.pid) - cpu0.client) / done });
  console.log(`  ${t.label.padEnd(44)} ${(done / seconds).toFixed(0).padStart(6)}/s`);
}

/** CONNECTIONS loops, each starting its next submission when the last is stored, for `seconds`. */
async function drive(submit: () => Promise<unknown>, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        await submit();
        done++;
      }
    }),
  );
  return done;
}

function printSummary(targets: Target[], seconds: number) {
  const [bare] = targets as [Target];
  const rows = [['', ...bare.rates.map((_, i) => `round ${i + 1}`), 'ratio to bare', 'CPU db', 'CPU client']];
  for (const t of targets) {
    const ratio = median(t.rates.map((r, i) => r / bare.rates[i]!));
    rows.push([
      t.label,
      ...t.rates.map((r) => `${r.toFixed(0)}/s`),
      ratio.toFixed(2),
      `${median(t.cpu.map((c) => c.db)).toFixed(2)} ms`,
      `${median(t.cpu.map((c) => c.client)).toFixed(2)} ms`,
    ]);
  }
  console.log(`\nIntake without HTTP: ${CONNECTIONS} connections, durable commits, ${ROUNDS} × ${ROUND_SECONDS} s; each row below also drops what the rows above it dropped`);
  console.log('CPU per submission: PostgreSQL (the whole cluster), and this process, which runs the command as the server would\n');
  printTable(rows);
  const dbBare = median(bare.cpu.map((c) => c.db));
  const dbShipped = median(targets[1]!.cpu.map((c) => c.db));
  console.log(`\n  PostgreSQL CPU of a submission as shipped: ${(dbShipped / dbBare).toFixed(1)} × the bare row's`);
  console.log(`  (${seconds.toFixed(0)} s in all)`);
}
