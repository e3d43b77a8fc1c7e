import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE installation_secrets (
      name text PRIMARY KEY,
      value bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('municipality', 'company', 'joint_body')),
      host_name text UNIQUE,
      is_default boolean NOT NULL DEFAULT false,
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX organizations_one_default ON organizations (is_default) WHERE is_default;

    -- förvaltning → avdelning → enhet. ancestor_ids holds the path from the root to the unit
    -- itself, so "this unit and its whole subtree" is one indexed array overlap.
    CREATE TABLE org_units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      parent_id uuid REFERENCES org_units(id),
      ancestor_ids uuid[] NOT NULL,
      kind text NOT NULL CHECK (kind IN ('forvaltning', 'avdelning', 'enhet')),
      name text NOT NULL,
      committee text,
      subcategory_required boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      sort_order integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id)
    );
    CREATE INDEX org_units_org ON org_units (organization_id, parent_id);
    CREATE INDEX org_units_ancestors ON org_units USING gin (ancestor_ids);

    -- Level 1 (kind) is fixed in code. Level 2 (area) per organization; level 3 (subcategory)
    -- per förvaltning.
    CREATE TABLE categories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      level text NOT NULL CHECK (level IN ('area', 'subcategory')),
      org_unit_id uuid REFERENCES org_units(id),
      parent_id uuid REFERENCES categories(id),
      name text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      sort_order integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((level = 'area') = (org_unit_id IS NULL))
    );
    CREATE INDEX categories_org ON categories (organization_id, level, sort_order);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text,
      active boolean NOT NULL DEFAULT true,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email ON users (organization_id, lower(email));

    -- A role reaches the unit it is granted on and its whole subtree; NULL unit = whole organization.
    CREATE TABLE role_grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('registrar', 'coordinator', 'handler', 'unit_admin', 'reader', 'admin')),
      org_unit_id uuid REFERENCES org_units(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, coalesce(org_unit_id, '00000000-0000-0000-0000-000000000000'));

    -- Gap-tolerant numbering: the counter is bumped outside the case's transaction, so a
    -- rolled-back submission leaves a gap instead of holding a lock across the commit.
    CREATE TABLE case_number_counters (
      organization_id uuid NOT NULL REFERENCES organizations(id),
      year integer NOT NULL,
      last_value integer NOT NULL,
      PRIMARY KEY (organization_id, year)
    );

    CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      number text NOT NULL,
      status text NOT NULL DEFAULT 'received',
      kind text NOT NULL CHECK (kind IN ('klagomal', 'fraga', 'berom', 'forslag')),
      channel text NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'letter', 'visit', 'social_media', 'sms', 'paper_form', 'internal', 'api')),
      description text NOT NULL,
      language text,
      location text,
      anonymous boolean NOT NULL,
      is_internal boolean NOT NULL DEFAULT false,
      is_quick boolean NOT NULL DEFAULT false,
      received_at timestamptz NOT NULL,
      -- What the submitter said it concerns; routing decides unit_id.
      suggested_unit_id uuid REFERENCES org_units(id),
      unit_id uuid REFERENCES org_units(id),
      handler_id uuid REFERENCES users(id),
      area_id uuid REFERENCES categories(id),
      subcategory_id uuid REFERENCES categories(id),
      significance text CHECK (significance IN ('important', 'routine')),
      confidential boolean NOT NULL DEFAULT false,
      confidentiality_ref text,
      outcome text,
      referral_type text,
      merged_into_id uuid REFERENCES cases(id),
      forwarded_to_case_id uuid REFERENCES cases(id),
      registered_at timestamptz,
      acknowledged_at timestamptz,
      first_answered_at timestamptz,
      closed_at timestamptz,
      acknowledge_by date,
      answer_by date,
      paused_since timestamptz,
      public_text text,
      published_at timestamptz,
      legal_hold boolean NOT NULL DEFAULT false,
      dispose_after date,
      status_token_hash bytea NOT NULL UNIQUE,
      submission_key bytea,
      content_hash bytea,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (to_tsvector('swedish', number || ' ' || description)) STORED,
      UNIQUE (organization_id, number)
    );
    CREATE UNIQUE INDEX cases_submission ON cases (organization_id, submission_key) WHERE submission_key IS NOT NULL;
    CREATE INDEX cases_inbox ON cases (organization_id, received_at) WHERE status = 'received';
    CREATE INDEX cases_unit ON cases (unit_id, status, received_at DESC);
    CREATE INDEX cases_handler ON cases (handler_id, status, received_at DESC);
    CREATE INDEX cases_org_received ON cases (organization_id, received_at DESC);
    CREATE INDEX cases_search ON cases USING gin (search);

    -- The arrival time is set once by the server and never changes (DOMAIN rule 5).
    CREATE FUNCTION cases_keep_received_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.received_at IS DISTINCT FROM OLD.received_at THEN
        RAISE EXCEPTION 'received_at is immutable';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER cases_received_at_immutable BEFORE UPDATE ON cases
      FOR EACH ROW EXECUTE FUNCTION cases_keep_received_at();

    -- Personal data lives apart from the record so it can be pseudonymised or disposed of alone.
    CREATE TABLE case_contacts (
      case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
      name text,
      email text,
      phone text,
      address text,
      reply_channel text NOT NULL CHECK (reply_channel IN ('email', 'phone', 'letter', 'none')),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE case_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      type text NOT NULL,
      from_status text,
      to_status text,
      actor_user_id uuid REFERENCES users(id),
      actor_label text,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      visible_to_submitter boolean NOT NULL DEFAULT false,
      data jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX case_events_case ON case_events (case_id, id);

    -- The audit trail is append-only. (Disposal removes whole cases, which cascades.)
    CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'case_events is append-only';
    END $$;
    CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

    CREATE TABLE case_links (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      linked_case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, linked_case_id),
      CHECK (case_id <> linked_case_id)
    );

    CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      filename text NOT NULL,
      content_type text NOT NULL,
      size_bytes integer NOT NULL,
      sha256 bytea NOT NULL,
      content bytea NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_case ON attachments (case_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE attachments, case_links, case_events, case_contacts, cases, case_number_counters,
      role_grants, users, categories, org_units, organizations, installation_secrets;
    DROP FUNCTION case_events_append_only, cases_keep_received_at;
  `.execute(db);
}
