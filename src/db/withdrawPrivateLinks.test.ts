import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { emptyDatabase } from '../../test/migrationDb.ts';
import { migrateToLatest, migratorFor } from './database.ts';

// Migration 2026-12-03T0900: a published answer that holds the submitter's private status link
// (the e-mail footer the publish page used to offer) is withdrawn; other publications stay.

const TOKEN = randomBytes(32).toString('base64url');

it('withdraws publications whose public text holds a status link, uncounts their words and says why in the history', async () => {
  const db = await emptyDatabase('privlink');
  const before = await migratorFor(db).migrateTo('2026-12-02T1400_scoped_case_search');
  expect(before.error).toBeUndefined();

  const org = (await sql<{ id: string }>`INSERT INTO organizations (slug, name, kind) VALUES ('lank', 'Länk', 'municipality') RETURNING id`.execute(db)).rows[0]!.id;
  const publishCase = async (number: string, answer: string) => {
    const caseId = (
      await sql<{ id: string }>`
        INSERT INTO cases (organization_id, number, kind, channel, description, anonymous, received_at, status, closed_at, outcome, status_token_hash)
        VALUES (${org}, ${number}, 'fraga', 'web', 'Fråga', false, now(), 'closed', now(), 'answered', ${randomBytes(32)}) RETURNING id`.execute(db)
    ).rows[0]!.id;
    const version = (
      await sql<{ id: string }>`
        INSERT INTO publication_versions (case_id, number, title, question, answer, author_kind, author_id, author_label, created_at, approver_kind, approver_id, approver_label, approved_at)
        VALUES (${caseId}, 1, 'Snöröjning', 'När plogas gatan?', ${answer}, 'user', gen_random_uuid(), 'Handläggare', now(), 'user', gen_random_uuid(), 'Handläggare', now()) RETURNING id`.execute(db)
    ).rows[0]!.id;
    await sql`
      INSERT INTO publications (case_id, organization_id, case_number, public_version_id, title, question, answer, first_published_at, published_at, created_at, updated_at)
      VALUES (${caseId}, ${org}, ${number}, ${version}, 'Snöröjning', 'När plogas gatan?', ${answer}, now(), now(), now(), now())`.execute(db);
    return caseId;
  };
  const leaked = await publishCase('SYN-2026-00001', `Gatan plogas i dag.\n\n-- \nÄrende SYN-2026-00001. Följ ärendet: https://synpunkter.example.se/arende/${TOKEN}`);
  const clean = await publishCase('SYN-2026-00002', 'Gatan plogas i morgon. Läs mer på https://example.se/arende/om-plogning');
  // Both texts counted: "gatan", "plogas" twice; "dag" and "följ" only in the leaked one.
  await sql`
    INSERT INTO publication_words (organization_id, word, documents)
    VALUES (${org}, 'gatan', 2), (${org}, 'plogas', 2), (${org}, 'dag', 1), (${org}, 'följ', 1), (${org}, 'morgon', 1)`.execute(db);

  await migrateToLatest(db);

  const pubs = (await sql<{ case_id: string; public: boolean; answer: string | null; withdrawn_reason: string | null; revision: number }>`
    SELECT case_id, public_version_id IS NOT NULL AS public, answer, withdrawn_reason, revision FROM publications ORDER BY case_number`.execute(db)).rows;
  expect(pubs[0]).toMatchObject({ case_id: leaked, public: false, answer: null, revision: 2 });
  expect(pubs[0]!.withdrawn_reason).toMatch(/länk till synpunktslämnarens egen ärendesida/);
  expect(pubs[1]).toMatchObject({ case_id: clean, public: true, withdrawn_reason: null, revision: 1 });

  const words = (await sql<{ word: string; documents: number }>`SELECT word, documents FROM publication_words ORDER BY word`.execute(db)).rows;
  expect(words).toEqual([
    { word: 'gatan', documents: 1 },
    { word: 'morgon', documents: 1 },
    { word: 'plogas', documents: 1 },
  ]);

  const events = (await sql<{ case_id: string; type: string; data: { reason: string } }>`SELECT case_id, type, data FROM case_events`.execute(db)).rows;
  expect(events).toEqual([{ case_id: leaked, type: 'publication_withdrawn', data: { reason: pubs[0]!.withdrawn_reason } }]);
  // The version itself is kept, as every version is.
  expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM publication_versions`.execute(db)).rows[0]!.n).toBe(2);
});
