import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Trigram similarity for search that forgives typos (a trusted extension: a database owner may create it).
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    -- The submitter's "Publicera inte min synpunkt" from the citizen form.
    ALTER TABLE cases ADD COLUMN publication_opt_out boolean NOT NULL DEFAULT false;
    -- From an earlier design, never used: the public text now lives in publications and its versions.
    ALTER TABLE cases DROP COLUMN public_text, DROP COLUMN published_at;

    -- Every saved text of a case's public version. A row is never edited: a change is a new row.
    CREATE TABLE publication_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number > 0),
      title text NOT NULL,
      question text NOT NULL,
      answer text NOT NULL,
      -- The person's choices on the proposed redactions: findings kept, redactions added.
      redactions jsonb NOT NULL DEFAULT '{}',
      author_kind text NOT NULL CHECK (author_kind IN ('user', 'api_key')),
      author_id uuid NOT NULL,
      author_label text NOT NULL,
      created_at timestamptz NOT NULL,
      approver_kind text CHECK (approver_kind IN ('user', 'api_key')),
      approver_id uuid,
      approver_label text,
      approved_at timestamptz,
      UNIQUE (case_id, number)
    );

    CREATE FUNCTION publication_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.title IS DISTINCT FROM OLD.title OR NEW.question IS DISTINCT FROM OLD.question OR NEW.answer IS DISTINCT FROM OLD.answer
         OR NEW.number IS DISTINCT FROM OLD.number OR NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.author_id IS DISTINCT FROM OLD.author_id THEN
        RAISE EXCEPTION 'a publication version is never changed; save a new one';
      END IF;
      IF OLD.approved_at IS NOT NULL AND NEW.approved_at IS DISTINCT FROM OLD.approved_at THEN
        RAISE EXCEPTION 'a publication version is approved once';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER publication_versions_immutable BEFORE UPDATE ON publication_versions
      FOR EACH ROW EXECUTE FUNCTION publication_versions_immutable();

    -- One row per case that has ever had a public version or a draft of one. The public columns
    -- hold a copy of the approved version while it is published, and nothing otherwise, so the
    -- archive and its search read one table and a withdrawn text is gone from both at once.
    CREATE TABLE publications (
      case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      case_number text NOT NULL,
      -- Bumped by every change: the optimistic check of the draft form.
      revision integer NOT NULL DEFAULT 1,
      draft_version_id uuid REFERENCES publication_versions(id),
      public_version_id uuid REFERENCES publication_versions(id),
      title text,
      question text,
      answer text,
      kind text,
      area_id uuid REFERENCES categories(id),
      forvaltning_id uuid REFERENCES org_units(id),
      asked_on date,
      answered_on date,
      first_published_at timestamptz,
      published_at timestamptz,
      withdrawn_at timestamptz,
      withdrawn_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('swedish', coalesce(question, '')), 'B') ||
        setweight(to_tsvector('swedish', coalesce(answer, '')), 'C')
      ) STORED,
      UNIQUE (organization_id, case_number),
      CONSTRAINT publications_public_copy CHECK ((public_version_id IS NULL) = (title IS NULL) AND (title IS NULL) = (question IS NULL) AND (question IS NULL) = (answer IS NULL))
    );
    -- The archive: newest first, alone or with one filter; search through the GIN index.
    CREATE INDEX publications_archive ON publications (organization_id, first_published_at DESC, case_id DESC) WHERE public_version_id IS NOT NULL;
    CREATE INDEX publications_archive_area ON publications (organization_id, area_id, first_published_at DESC) WHERE public_version_id IS NOT NULL;
    CREATE INDEX publications_archive_forvaltning ON publications (organization_id, forvaltning_id, first_published_at DESC) WHERE public_version_id IS NOT NULL;
    CREATE INDEX publications_archive_kind ON publications (organization_id, kind, first_published_at DESC) WHERE public_version_id IS NOT NULL;
    CREATE INDEX publications_search ON publications USING gin (search) WHERE public_version_id IS NOT NULL;
    -- Statistics: answers published per period.
    CREATE INDEX publications_first_published ON publications (organization_id, first_published_at) WHERE first_published_at IS NOT NULL;

    -- The words of the published texts, with how many published answers use each: typo
    -- correction by trigram similarity, and how specific a word is for "asked before?".
    CREATE TABLE publication_words (
      organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      word text NOT NULL,
      documents integer NOT NULL CHECK (documents > 0),
      PRIMARY KEY (organization_id, word)
    );
    CREATE INDEX publication_words_trgm ON publication_words USING gin (word gin_trgm_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE publication_words;
    DROP TABLE publications;
    DROP TABLE publication_versions;
    DROP FUNCTION publication_versions_immutable();
    ALTER TABLE cases DROP COLUMN publication_opt_out;
    ALTER TABLE cases ADD COLUMN public_text text, ADD COLUMN published_at timestamptz;
  `.execute(db);
}
