import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { emptyDatabase } from '../../test/migrationDb.ts';
import { migrateToLatest, migratorFor } from './database.ts';

// Migration 2026-12-04T0910: spam is announced as case.marked_spam, and a subscription to
// case.closed made before (which asked for spam closings too) is given it, in its place.

it('gives case.marked_spam to the subscriptions to case.closed, and the trigger announces spam by it', async () => {
  const db = await emptyDatabase('markedspam');
  const before = await migratorFor(db).migrateTo('2026-12-04T0900_sent_mail_headers');
  expect(before.error).toBeUndefined();

  const org = (await sql<{ id: string }>`INSERT INTO organizations (slug, name, kind) VALUES ('skrap', 'Skräp', 'municipality') RETURNING id`.execute(db)).rows[0]!.id;
  const subscribe = async (types: string[]) =>
    (await sql<{ id: string }>`INSERT INTO webhook_subscriptions (organization_id, url, event_types, secret_sealed) VALUES (${org}, 'https://example.se/h', ${types}, ${randomBytes(8)}) RETURNING id`.execute(db)).rows[0]!.id;
  const several = await subscribe(['case.created', 'case.closed', 'case.reopened', 'case.exported']);
  const closedOnly = await subscribe(['case.closed']);
  const notClosed = await subscribe(['case.created']);

  await migrateToLatest(db);

  const types = async (id: string) => (await sql<{ event_types: string[] }>`SELECT event_types FROM webhook_subscriptions WHERE id = ${id}`.execute(db)).rows[0]!.event_types;
  expect(await types(several)).toEqual(['case.created', 'case.closed', 'case.marked_spam', 'case.reopened', 'case.exported']);
  expect(await types(closedOnly)).toEqual(['case.closed', 'case.marked_spam']);
  expect(await types(notClosed)).toEqual(['case.created']);

  const caseId = (
    await sql<{ id: string }>`
      INSERT INTO cases (organization_id, number, kind, channel, description, anonymous, received_at, status, status_token_hash)
      VALUES (${org}, 'SYN-2026-00001', 'klagomal', 'web', 'Köp klockor', true, now(), 'received', ${randomBytes(32)}) RETURNING id`.execute(db)
  ).rows[0]!.id;
  await sql`INSERT INTO case_events (case_id, type, to_status, occurred_at, data) VALUES (${caseId}, 'spam', 'not_handled', now(), '{}')`.execute(db);
  const events = (await sql<{ type: string; status: string }>`SELECT type, status FROM webhook_events WHERE case_id = ${caseId} ORDER BY occurred_at`.execute(db)).rows;
  expect(events.map((e) => e.type)).toEqual(['case.marked_spam']);
  expect(events[0]!.status).toBe('not_handled');
});
