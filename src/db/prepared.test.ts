import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildOrg, buildStaff, type OrgFixture } from '../../test/factories.ts';
import { listCases } from '../modules/cases/listQueries.ts';
import { PREPARED } from './database.ts';

/** Queries marked PREPARED run as named prepared statements; every other query as before. */

let t: TestDatabase;
let org: OrgFixture;
const UNITS = ['Gata och park', 'Barn och utbildning', 'Solrosens förskola'];
// One connection, so the session that prepared a statement is the one asked about it.
beforeAll(async () => {
  t = await createTestDatabase(1);
  org = await buildOrg(t.db);
});
afterAll(() => t.drop());

const prepared = async () =>
  (await sql<{ name: string; statement: string; custom_plans: number; generic_plans: number }>`SELECT name, statement, custom_plans, generic_plans FROM pg_prepared_statements ORDER BY name`.execute(t.db)).rows;
const byName = (name: string) => t.db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', org.id).where('name', '=', name).modifyFront(PREPARED);

describe('a query marked PREPARED', () => {
  it('is parsed once per connection and then planned generically, with the right rows each time', async () => {
    for (let i = 0; i < 8; i++) {
      const name = UNITS[i % 3]!;
      expect(await byName(name).execute()).toEqual([{ id: org.unit(name), name }]);
    }
    const [statement, ...others] = await prepared();
    expect(others).toEqual([]);
    expect(statement!.name).toMatch(/^lyhord_\d+$/);
    expect(statement!.statement).toMatch(/^select \/\* prepared \*\/ "id", "name" from "org_units" where "organization_id" = \$1 and "name" = \$2$/);
    // plan_cache_mode auto: five custom plans, then the generic one when it costs no more.
    expect(statement!.custom_plans + statement!.generic_plans).toBe(8);
  });

  it('leaves unmarked queries unnamed', async () => {
    const before = await prepared();
    await t.db.selectFrom('org_units').select('id').where('name', '=', 'Enhet 1').execute();
    expect(await prepared()).toEqual(before);
  });

  it('serves the staff case list', async () => {
    const before = (await prepared()).length;
    const registrar = await buildStaff(t.db, org.id, { grants: [{ role: 'registrar', unitId: null }] });
    for (const sort of ['received_desc', 'received_desc', 'number_desc'] as const) {
      expect((await listCases(t.db, registrar, { filter: { open: true }, sort, today: '2026-12-02' })).rows).toEqual([]);
    }
    // One statement per shape of the list: the same filter and order again use the first.
    expect((await prepared()).length).toBe(before + 2);
  });

  it('is prepared anew when a migration changes the type of a column it returns', async () => {
    await sql`CREATE TABLE prepared_probe (v int)`.execute(t.db);
    await sql`INSERT INTO prepared_probe VALUES (1)`.execute(t.db);
    const read = () => sql<{ v: unknown }>`select /* prepared */ v from prepared_probe`.execute(t.db);
    expect((await read()).rows).toEqual([{ v: 1 }]);
    await sql`ALTER TABLE prepared_probe ALTER COLUMN v TYPE text`.execute(t.db);
    expect((await read()).rows).toEqual([{ v: '1' }]);
    expect((await read()).rows).toEqual([{ v: '1' }]);
    // Under a new name: the old one's result type is fixed for the life of the session.
    expect((await prepared()).filter((p) => p.statement.includes('prepared_probe'))).toHaveLength(2);
  });
});
