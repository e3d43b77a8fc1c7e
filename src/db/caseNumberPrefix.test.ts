import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { emptyDatabase } from '../../test/migrationDb.ts';
import { migrateToLatest, migratorFor } from './database.ts';

// Migration 2026-12-02T1110: organizations that all numbered SYN-… get prefixes of their own,
// and the default organization's SYN series continues past every SYN number given out before.

it('gives existing organizations their own prefixes, and new SYN numbers never repeat old ones', async () => {
  const db = await emptyDatabase('prefix');
  const migrator = migratorFor(db);
  expect((await migrator.migrateTo('2026-12-01T1702_rate_limits')).error).toBeUndefined();

  const org = async (slug: string, isDefault: boolean) => (await sql<{ id: string }>`INSERT INTO organizations (slug, name, kind, is_default) VALUES (${slug}, ${slug}, 'company', ${isDefault}) RETURNING id`.execute(db)).rows[0]!.id;
  const company = await org('vattenbolaget', false);
  const municipality = await org('kommunen', true);
  const next = async (id: string, year: number) => (await sql<{ n: string }>`SELECT next_case_number(${id}::uuid, ${year}::integer) AS n`.execute(db)).rows[0]!.n;
  // Before: both count SYN-2026-… on their own; the company is ahead.
  expect([await next(company, 2026), await next(company, 2026), await next(company, 2026), await next(municipality, 2026)]).toEqual([
    'SYN-2026-00001',
    'SYN-2026-00002',
    'SYN-2026-00003',
    'SYN-2026-00001',
  ]);
  await next(company, 2025);

  await migrateToLatest(db);
  const prefixes = (await sql<{ slug: string; case_prefix: string }>`SELECT slug, case_prefix FROM organizations ORDER BY slug`.execute(db)).rows;
  expect(prefixes).toEqual([
    { slug: 'kommunen', case_prefix: 'SYN' },
    { slug: 'vattenbolaget', case_prefix: 'VAT' },
  ]);
  expect(await next(company, 2026)).toBe('VAT-2026-00004');
  // The default organization's 2026 series jumps past the company's SYN-2026-00003, and its 2025 series past 00001.
  expect(await next(municipality, 2026)).toBe('SYN-2026-00004');
  expect(await next(municipality, 2025)).toBe('SYN-2025-00002');
  expect(await next(municipality, 2027)).toBe('SYN-2027-00001');
  // A new organization whose slug starts like a taken prefix gets the nearest free one.
  const other = await org('vatten-och-avlopp', false);
  expect(await next(other, 2026)).toBe('VAA-2026-00001');
});
