import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Case numbers that identify a case in the whole installation (DOMAIN rules 11 and 21): each
// organization numbers with its own three-letter prefix, unique in the installation, instead of
// every organization counting SYN-2026-00001 on its own. The default organization keeps SYN, so
// numbers already given out there stay as they are; the others get a prefix from their slug
// (bostadsbolaget: BOS), which their admin may change until the first case is numbered.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE organizations ADD COLUMN case_prefix text CHECK (case_prefix ~ '^[A-Z]{3}$');

    -- A free prefix: SYN for the default organization, else the slug's first letters, else the
    -- nearest free combination starting with them. Only for organizations without one.
    CREATE FUNCTION free_case_prefix(p_slug text, p_default boolean) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      letters text := rpad(upper(regexp_replace(p_slug, '[^a-z]', '', 'g')), 3, 'X');
      candidate text;
      i integer;
    BEGIN
      IF p_default AND NOT EXISTS (SELECT 1 FROM organizations WHERE case_prefix = 'SYN') THEN RETURN 'SYN'; END IF;
      FOR i IN -1..(26 + 26 * 26 + 26 * 26 * 26 - 1) LOOP
        candidate := CASE
          WHEN i = -1 THEN left(letters, 3)
          WHEN i < 26 THEN left(letters, 2) || chr(65 + i)
          WHEN i < 26 + 676 THEN left(letters, 1) || chr(65 + (i - 26) / 26) || chr(65 + (i - 26) % 26)
          ELSE chr(65 + (i - 702) / 676) || chr(65 + (i - 702) / 26 % 26) || chr(65 + (i - 702) % 26)
        END;
        IF NOT EXISTS (SELECT 1 FROM organizations WHERE case_prefix = candidate) THEN RETURN candidate; END IF;
      END LOOP;
      RAISE EXCEPTION 'no free case number prefix';
    END $$;

    UPDATE organizations SET case_prefix = 'SYN' WHERE is_default;
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT id, slug FROM organizations WHERE case_prefix IS NULL ORDER BY created_at, id LOOP
        UPDATE organizations SET case_prefix = free_case_prefix(r.slug, false) WHERE id = r.id;
      END LOOP;
    END $$;
    ALTER TABLE organizations ALTER COLUMN case_prefix SET NOT NULL;
    ALTER TABLE organizations ADD CONSTRAINT organizations_case_prefix_key UNIQUE (case_prefix);

    -- Every way an organization is made (admin page, demo seed, CLI, tests) gets a free prefix.
    CREATE FUNCTION organizations_default_case_prefix() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.case_prefix IS NULL THEN NEW.case_prefix := free_case_prefix(NEW.slug, NEW.is_default); END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER organizations_case_prefix BEFORE INSERT ON organizations FOR EACH ROW EXECUTE FUNCTION organizations_default_case_prefix();

    CREATE OR REPLACE FUNCTION next_case_number(org uuid, yr integer) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      seq text := 'case_number_' || replace(org::text, '-', '') || '_' || yr;
      prefix text := (SELECT case_prefix FROM organizations WHERE id = org);
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
      RETURN prefix || '-' || yr || '-' || CASE WHEN n < 100000 THEN lpad(n::text, 5, '0') ELSE n::text END;
    END $$;

    -- Until now every organization numbered SYN-…: the default organization's series for a year
    -- continues past the highest number any other organization gave out that year, so no SYN
    -- number given from now on repeats one given before.
    DO $$
    DECLARE
      d uuid := (SELECT id FROM organizations WHERE is_default);
      own text;
      r record;
      seq text;
    BEGIN
      IF d IS NULL THEN RETURN; END IF;
      own := 'case_number_' || replace(d::text, '-', '') || '_';
      FOR r IN
        SELECT substring(sequencename FROM '_([0-9]+)$')::integer AS yr, max(last_value) AS top
        FROM pg_sequences
        WHERE sequencename ~ '^case_number_[0-9a-f]{32}_[0-9]+$' AND left(sequencename, length(own)) <> own AND last_value IS NOT NULL
        GROUP BY 1
      LOOP
        seq := own || r.yr;
        IF to_regclass(seq) IS NULL THEN EXECUTE format('CREATE SEQUENCE %I', seq); END IF;
        PERFORM setval(seq, greatest(r.top, coalesce((SELECT last_value FROM pg_sequences WHERE sequencename = seq), 0)));
      END LOOP;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION next_case_number(org uuid, yr integer) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      seq text := 'case_number_' || replace(org::text, '-', '') || '_' || yr;
      n bigint;
    BEGIN
      IF to_regclass(seq) IS NULL THEN
        BEGIN
          EXECUTE format('CREATE SEQUENCE %I', seq);
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
          NULL;
        END;
      END IF;
      n := nextval(seq);
      RETURN 'SYN-' || yr || '-' || CASE WHEN n < 100000 THEN lpad(n::text, 5, '0') ELSE n::text END;
    END $$;
    DROP TRIGGER organizations_case_prefix ON organizations;
    DROP FUNCTION organizations_default_case_prefix;
    ALTER TABLE organizations DROP COLUMN case_prefix;
    DROP FUNCTION free_case_prefix;
  `.execute(db);
}
