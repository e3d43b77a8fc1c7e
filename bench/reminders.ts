import { sql } from 'kysely';
import { createDb, migrateToLatest } from '../src/db/database.ts';
import { reminderPass } from '../src/modules/notifications/reminders.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { startBenchPostgres } from './lib/postgres.ts';

/**
 * The daily reminder pass against 1 000 000 open cases: it must cost in proportion to the cases
 * due that day, not to all open cases. The cases are generated with INSERT … SELECT
 * generate_series; three days have 100, 1 000 and 10 000 cases due, every other case falls due
 * later. The pass reads due cases through the partial index cases_next_reminder, so the times
 * should grow with the due count (roughly 10× per step) while the total stays at 1 000 000.
 * For contrast: a query that finds the same cases by scanning (answer date passed, open,
 * unanswered) without that index.
 */

const TOTAL = Number(process.env.BENCH_REMINDER_CASES ?? 1_000_000);
const DAYS = [
  { day: '2027-03-01', due: 100 },
  { day: '2027-03-02', due: 1_000 },
  { day: '2027-03-03', due: 10_000 },
];

export async function run(): Promise<void> {
  const postgres = await startBenchPostgres();
  try {
    const url = await postgres.createDatabase('lyhord_reminders');
    const db = createDb(url, 4);
    await migrateToLatest(db);
    const orgId = await seedDemoOrganization(db);
    const unit = await db.selectFrom('org_units').select('id').where('organization_id', '=', orgId).where('name', '=', 'Gata och park').executeTakeFirstOrThrow();
    const handler = await db.insertInto('users').values({ organization_id: orgId, email: 'gustav@exempelkommun.se', name: 'Gustav Gatuchef' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('role_grants').values({ user_id: handler.id, role: 'handler', org_unit_id: unit.id }).execute();

    const b1 = DAYS[0]!.due;
    const b2 = b1 + DAYS[1]!.due;
    const b3 = b2 + DAYS[2]!.due;
    let t = Date.now();
    // answer_by is the day before next_reminder_on: the deadline passed at the end of it.
    await sql`
      INSERT INTO cases (organization_id, number, status, kind, channel, description, anonymous, received_at, registered_at,
                         unit_id, handler_id, acknowledge_by, answer_by, next_reminder_on, status_token_hash)
      SELECT ${orgId}::uuid, 'SYN-2027-' || lpad(g::text, 7, '0'), 'in_progress', 'klagomal', 'web', 'Belysningen är trasig', true,
             (x.d - 20)::timestamptz, (x.d - 19)::timestamptz, ${unit.id}::uuid, ${handler.id}::uuid, x.d - 15, x.d - 1, x.d,
             decode(md5('bench-' || g), 'hex')
      FROM generate_series(1, ${TOTAL}) AS g,
      LATERAL (SELECT CASE WHEN g <= ${b1} THEN ${DAYS[0]!.day}::date
                           WHEN g <= ${b2} THEN ${DAYS[1]!.day}::date
                           WHEN g <= ${b3} THEN ${DAYS[2]!.day}::date
                           ELSE date '2027-03-04' + (g % 300) END AS d) AS x
    `.execute(db);
    await sql`VACUUM ANALYZE cases`.execute(db);
    const open = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM cases WHERE status = 'in_progress'`.execute(db)).rows[0]!.n);
    console.log(`Generated ${open.toLocaleString('sv-SE')} open cases in ${((Date.now() - t) / 1000).toFixed(1)} s.\n`);

    const plan = await sql<{ 'QUERY PLAN': string }>`
      EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
      SELECT c.id FROM cases c WHERE c.next_reminder_on <= ${DAYS[2]!.day} ORDER BY c.next_reminder_on LIMIT 1000 FOR UPDATE OF c SKIP LOCKED`.execute(db);
    console.log('EXPLAIN of the pass\'s due-case query (one batch, before any pass ran):');
    for (const r of plan.rows) console.log(`  ${r['QUERY PLAN']}`);
    console.log('');

    const results: { day: string; due: number; cases: number; messages: number; ms: number }[] = [];
    for (const d of DAYS) {
      t = performance.now();
      const r = await reminderPass({ db, publicUrl: 'https://synpunkter.exempelkommun.se' }, new Date(`${d.day}T06:00:00Z`));
      const ms = performance.now() - t;
      results.push({ day: d.day, due: d.due, cases: r.cases, messages: r.messages, ms });
      if (r.cases !== d.due) throw new Error(`Expected ${d.due} due cases on ${d.day}, the pass found ${r.cases}`);
    }

    // For contrast: finding overdue cases by their answer date, which has no index for this.
    t = performance.now();
    const scanned = Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM cases WHERE status IN ('received', 'registered', 'assigned', 'in_progress')
        AND first_answered_at IS NULL AND answer_by < date '2027-03-01'`.execute(db)).rows[0]!.n,
    );
    const scanMs = performance.now() - t;

    console.log(`open cases: ${open.toLocaleString('sv-SE')}`);
    console.log('day          due cases   messages   time (ms)   ms per due case');
    for (const r of results) {
      console.log(`${r.day}   ${String(r.cases).padStart(9)}   ${String(r.messages).padStart(8)}   ${r.ms.toFixed(0).padStart(9)}   ${(r.ms / r.cases).toFixed(3).padStart(15)}`);
    }
    const [a, , c] = results as [(typeof results)[0], unknown, (typeof results)[0]];
    console.log(`\ntime ratio ${c.day} / ${a.day}: ${(c.ms / a.ms).toFixed(1)}× for ${(c.cases / a.cases).toFixed(0)}× the due cases (and 1× the open cases).`);
    console.log(`A scan for cases past their answer date (no index for it) took ${scanMs.toFixed(0)} ms to count ${scanned} cases among ${open.toLocaleString('sv-SE')}.`);
    const perCaseSmall = a.ms / a.cases;
    const perCaseLarge = c.ms / c.cases;
    console.log(
      perCaseLarge <= perCaseSmall * 1.5
        ? 'OK: cost per due case does not grow with the number due; the pass never reads the cases not due.'
        : 'WARNING: the cost per due case grew; look at the plan above.',
    );
    await db.destroy();
  } finally {
    await postgres.stop();
  }
}

