import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { emptyDatabase } from '../../test/migrationDb.ts';
import { migrateToLatest, migratorFor } from './database.ts';

// Migration 2026-12-03T1500: e-mails to the submitter sent before it get their footer recorded,
// so the status page shows them without it; a text after a "-- " the handler wrote is not a footer.

const TOKEN = randomBytes(32).toString('base64url');

it('records the footer of mails sent before, and only the footer the system wrote', async () => {
  const db = await emptyDatabase('msgfooter');
  const before = await migratorFor(db).migrateTo('2026-12-03T0900_withdraw_private_links');
  expect(before.error).toBeUndefined();

  const org = (await sql<{ id: string }>`INSERT INTO organizations (slug, name, kind) VALUES ('fot', 'Fot', 'municipality') RETURNING id`.execute(db)).rows[0]!.id;
  const caseId = (
    await sql<{ id: string }>`
      INSERT INTO cases (organization_id, number, kind, channel, description, anonymous, received_at, status, status_token_hash)
      VALUES (${org}, 'SYN-2026-00001', 'fraga', 'web', 'Fråga', false, now(), 'in_progress', ${randomBytes(32)}) RETURNING id`.execute(db)
  ).rows[0]!.id;
  const footer = `\n\n-- \nÄrende SYN-2026-00001 hos Fot\nFölj ditt ärende: https://synpunkter.example.se/arende/${TOKEN}\nVill du lägga till något? Svara på det här meddelandet.`;
  const message = async (purpose: string, channel: string, body: string) =>
    (await sql<{ id: string }>`INSERT INTO messages (case_id, purpose, channel, recipient, body, status) VALUES (${caseId}, ${purpose}, ${channel}, 'x', ${body}, 'sent') RETURNING id`.execute(db)).rows[0]!.id;
  const framed = await message('answer', 'email', `Hej!\n\n-- \nHanna, gatuenheten${footer}`);
  const question = await message('question', 'email', `Vilken lykta?${footer}`);
  const signed = await message('answer', 'email', 'Hej!\n\n-- \nHanna, gatuenheten');
  const letter = await message('answer', 'letter', `Hej!\n\n-- \nhttps://synpunkter.example.se/arende/${TOKEN}`);
  const notice = await message('delay_notice', 'email', `Det dröjer.${footer}`);

  await migrateToLatest(db);

  const rows = (await sql<{ id: string; footer: string | null }>`SELECT id, footer FROM messages`.execute(db)).rows;
  const footerOf = (id: string) => rows.find((r) => r.id === id)!.footer;
  expect(footerOf(framed)).toBe(footer);
  expect(footerOf(question)).toBe(footer);
  expect(footerOf(signed)).toBeNull();
  expect(footerOf(letter)).toBeNull();
  // Not shown on the status page, so left as it was.
  expect(footerOf(notice)).toBeNull();
  // The footer is the end of the body, or none.
  await expect(sql`UPDATE messages SET footer = 'något annat' WHERE id = ${signed}`.execute(db)).rejects.toThrow(/messages_footer_ends_body/);
});
