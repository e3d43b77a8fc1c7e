import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { emptyDatabase } from '../../test/migrationDb.ts';
import { migrateToLatest, migratorFor } from './database.ts';

// Migration 2026-12-05T0900: a case that a second package of its year took over (the old build
// overwrote cases.delivered_package_id) is tied back to the first package that holds it: the first
// confirmed one, else the first one made.

it('ties each case back to its first confirmed package, else its first package', async () => {
  const db = await emptyDatabase('recordsend');
  expect((await migratorFor(db).migrateTo('2026-12-04T0910_webhooks_marked_spam')).error).toBeUndefined();
  const org = (await sql<{ id: string }>`INSERT INTO organizations (slug, name, kind) VALUES ('arkiv', 'Arkiv', 'municipality') RETURNING id`.execute(db)).rows[0]!.id;
  const newCase = async (n: number) =>
    (
      await sql<{ id: string }>`
        INSERT INTO cases (organization_id, number, kind, channel, description, anonymous, received_at, status, status_token_hash)
        VALUES (${org}, ${`SYN-2025-0000${n}`}, 'klagomal', 'web', 'Text', true, now(), 'closed', ${randomBytes(32)}) RETURNING id`.execute(db)
    ).rows[0]!.id;
  const pkg = async (createdAt: string, confirmedAt: string | null, caseIds: string[]) => {
    const id = randomUUID();
    await sql`INSERT INTO archive_packages (id, organization_id, closed_year, case_count, mets_sha256, created_by_label, created_at, confirmed_at, confirmed_by_label, receipt_ref)
      VALUES (${id}, ${org}, 2025, ${caseIds.length}, ${'0'.repeat(64)}, 'Test', ${createdAt}, ${confirmedAt}, ${confirmedAt ? 'Test' : null}, ${confirmedAt ? 'KA 1' : null})`.execute(db);
    for (const c of caseIds) await sql`INSERT INTO archive_package_cases (package_id, case_id) VALUES (${id}, ${c})`.execute(db);
    for (const c of caseIds) await sql`UPDATE cases SET delivered_package_id = ${id}, delivered_at = ${createdAt} WHERE id = ${c}`.execute(db);
    return id;
  };
  const [a, b, c] = [await newCase(1), await newCase(2), await newCase(3)];
  // a: made twice, neither confirmed. b: made twice, the second confirmed. c: in one package only.
  const a1 = await pkg('2030-01-01T10:00:00Z', null, [a]);
  await pkg('2030-01-02T10:00:00Z', null, [a]);
  await pkg('2030-02-01T10:00:00Z', null, [b]);
  const b2 = await pkg('2030-02-02T10:00:00Z', '2030-03-01T10:00:00Z', [b]);
  const c1 = await pkg('2030-04-01T10:00:00Z', null, [c]);

  await migrateToLatest(db);

  const rows = (await sql<{ id: string; delivered_package_id: string; delivered_at: Date }>`SELECT id, delivered_package_id, delivered_at FROM cases`.execute(db)).rows;
  const of = (id: string) => rows.find((r) => r.id === id)!;
  expect(of(a)).toMatchObject({ delivered_package_id: a1, delivered_at: new Date('2030-01-01T10:00:00Z') });
  expect(of(b).delivered_package_id).toBe(b2);
  expect(of(c).delivered_package_id).toBe(c1);
});
