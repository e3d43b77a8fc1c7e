import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Case numbers from one sequence per organization and year instead of a counter row: nextval
    -- never waits for another transaction and can be called inside the INSERT of the case itself.
    -- Like the counter it replaces it is gap-tolerant: a rolled-back insert leaves a gap.
    CREATE FUNCTION next_case_number(org uuid, yr integer) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      seq text := 'case_number_' || replace(org::text, '-', '') || '_' || yr;
      n bigint;
    BEGIN
      IF to_regclass(seq) IS NULL THEN
        BEGIN
          EXECUTE format('CREATE SEQUENCE %I', seq);
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
          NULL; -- created by a concurrent first case of the year
        END;
      END IF;
      n := nextval(seq);
      RETURN 'SYN-' || yr || '-' || CASE WHEN n < 100000 THEN lpad(n::text, 5, '0') ELSE n::text END;
    END $$;

    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT organization_id, year, last_value FROM case_number_counters LOOP
        EXECUTE format('CREATE SEQUENCE %I', 'case_number_' || replace(r.organization_id::text, '-', '') || '_' || r.year);
        PERFORM setval('case_number_' || replace(r.organization_id::text, '-', '') || '_' || r.year, r.last_value);
      END LOOP;
    END $$;
    DROP TABLE case_number_counters;

    -- Bumped by every change to what intake and deadlines derive from an organization's set-up,
    -- so app instances can cache those derivations and still never serve a stale one: the
    -- organization row is read on every request anyway.
    ALTER TABLE organizations ADD COLUMN config_version bigint NOT NULL DEFAULT 0;
    CREATE FUNCTION bump_organization_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE organizations SET config_version = config_version + 1
        WHERE id IN (SELECT DISTINCT organization_id FROM changed_rows);
      RETURN NULL;
    END $$;
  `.execute(db);
  for (const table of ['deadline_policies', 'closure_days', 'org_units', 'categories']) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const transition = op === 'DELETE' ? 'OLD TABLE AS changed_rows' : 'NEW TABLE AS changed_rows';
      await sql
        .raw(`CREATE TRIGGER ${table}_config_${op.toLowerCase()} AFTER ${op} ON ${table} REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION bump_organization_config_version()`)
        .execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['deadline_policies', 'closure_days', 'org_units', 'categories']) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${table}_config_${op} ON ${table}`).execute(db);
  }
  await sql`
    DROP FUNCTION bump_organization_config_version;
    ALTER TABLE organizations DROP COLUMN config_version;
    CREATE TABLE case_number_counters (
      organization_id uuid NOT NULL REFERENCES organizations(id),
      year integer NOT NULL,
      last_value integer NOT NULL,
      PRIMARY KEY (organization_id, year)
    );
    DROP FUNCTION next_case_number;
  `.execute(db);
}
