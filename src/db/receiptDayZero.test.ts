import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { emptyDatabase } from '../../test/migrationDb.ts';
import { ensureStatisticsCalendar } from '../modules/statistics/calendar.ts';
import { migrateToLatest, migratorFor } from './database.ts';

// Migration 2026-12-01T1000: counted working days of cases received on a day off follow DOMAIN
// rule 13 (the day of receipt is day 0), also for the cases stored before it, and the rollup of
// their months is redone.

it('recounts the working days of cases received on a day off, and only those', async () => {
  const db = await emptyDatabase('dayzero');
  const migrator = migratorFor(db);
  const before = await migrator.migrateTo('2026-11-22T1300_invitation_mail');
  expect(before.error).toBeUndefined();
  await ensureStatisticsCalendar(db);

  const org = (await sql<{ id: string }>`INSERT INTO organizations (slug, name, kind) VALUES ('dagnoll', 'Dag noll', 'municipality') RETURNING id`.execute(db)).rows[0]!.id;
  const insert = (number: string, received: string, answered: string, closed: string) => sql`
    INSERT INTO cases (organization_id, number, kind, channel, description, anonymous, received_at, status, first_answered_at, closed_at, outcome, status_token_hash)
    VALUES (${org}, ${number}, 'fraga', 'web', 'Fråga', false, ${received}::timestamptz, 'closed', ${answered}::timestamptz, ${closed}::timestamptz, 'answered', ${randomBytes(32)})`.execute(db);
  // Saturday 2026-11-28, answered Monday 11-30 and closed Tuesday 12-01; Wednesday 11-25, answered Friday 11-27.
  await insert('SYN-2026-00001', '2026-11-28T10:00:00+01:00', '2026-11-30T10:00:00+01:00', '2026-12-01T10:00:00+01:00');
  await insert('SYN-2026-00002', '2026-11-25T10:00:00+01:00', '2026-11-27T10:00:00+01:00', '2026-11-27T11:00:00+01:00');
  await sql`INSERT INTO statistics_months (organization_id, month, valid) VALUES (${org}, '2026-11-01', true), (${org}, '2026-10-01', true)`.execute(db);
  const counted = async () =>
    (await sql<{ number: string; response_wd: number; handling_wd: number }>`
      SELECT c.number, s.response_wd, s.handling_wd FROM case_stats s JOIN cases c ON c.id = s.case_id ORDER BY c.number`.execute(db)).rows;
  // The first rule: counting started on Monday.
  expect(await counted()).toEqual([
    { number: 'SYN-2026-00001', response_wd: 0, handling_wd: 1 },
    { number: 'SYN-2026-00002', response_wd: 2, handling_wd: 2 },
  ]);
  await sql`UPDATE statistics_months SET valid = true`.execute(db);

  await migrateToLatest(db);
  expect(await counted()).toEqual([
    { number: 'SYN-2026-00001', response_wd: 1, handling_wd: 2 },
    { number: 'SYN-2026-00002', response_wd: 2, handling_wd: 2 },
  ]);
  const months = (await sql<{ month: string; valid: boolean }>`SELECT to_char(month, 'YYYY-MM') AS month, valid FROM statistics_months ORDER BY month`.execute(db)).rows;
  expect(months).toEqual([
    { month: '2026-10', valid: true },
    { month: '2026-11', valid: false },
  ]);
});
