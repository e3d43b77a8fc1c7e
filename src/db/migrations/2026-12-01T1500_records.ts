import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Records management (DOMAIN rules 21–23): the retention schedule, disposal (gallring) with its
// log, legal holds, the archivist role, GDPR requests and e-archive deliveries.
//
// A disposed case keeps its row: the classification, dates and statistics columns stay (so past
// statistics never change and case numbers never come back), while every text and every piece of
// personal data is removed everywhere it was copied. disposed_at marks the row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The records officer (arkivarie / registrator for records) beside the organization admin.
    ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
    ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
      CHECK (role IN ('registrar', 'coordinator', 'handler', 'unit_admin', 'reader', 'admin', 'archivist'));
    ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
      CHECK (role IN ('registrar', 'coordinator', 'handler', 'unit_admin', 'reader', 'admin', 'archivist'));

    -- The retention schedule (dokumenthanteringsplan): per significance, optionally narrowed by
    -- kind or area; the most specific rule that matches a case applies. 'dispose': gallras N years
    -- after closing. 'keep': bevaras, delivered to the e-archive N years after closing.
    CREATE TABLE retention_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      significance text NOT NULL CHECK (significance IN ('important', 'routine')),
      kind text CHECK (kind IN ('klagomal', 'fraga', 'berom', 'forslag')),
      area_id uuid REFERENCES categories(id),
      action text NOT NULL CHECK (action IN ('dispose', 'keep')),
      years integer NOT NULL CHECK (years BETWEEN 0 AND 100),
      decision_ref text NOT NULL CHECK (length(trim(decision_ref)) > 0),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX retention_rules_scope ON retention_rules
      (organization_id, significance, coalesce(kind, ''), coalesce(area_id, '00000000-0000-0000-0000-000000000000'));

    CREATE TABLE retention_settings (
      organization_id uuid PRIMARY KEY REFERENCES organizations(id),
      -- The reviewer of an erasure request may pseudonymise contact details of closed cases.
      pseudonymise_on_request boolean NOT NULL DEFAULT false,
      -- Contact details of closed routine cases pseudonymised automatically after this many months.
      pseudonymise_after_months integer CHECK (pseudonymise_after_months BETWEEN 1 AND 600),
      -- The archive that receives deliveries (kommunarkivet, centralarkivet).
      archive_name text,
      -- The daily notice has told the records officers about cases due up to this day.
      due_notified_through date,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE cases ADD COLUMN disposed_at timestamptz;
    ALTER TABLE cases ADD COLUMN contact_pseudonymised_at timestamptz;
    ALTER TABLE cases ADD COLUMN delivered_package_id uuid;
    ALTER TABLE cases ADD COLUMN delivered_at timestamptz;
    -- What the schedule reads: closed cases not yet disposed, by organization and closing time.
    CREATE INDEX cases_retention ON cases (organization_id, closed_at)
      WHERE disposed_at IS NULL AND closed_at IS NOT NULL;

    -- Legal hold: while one is active the case is neither disposed of nor delivered.
    CREATE TABLE legal_holds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      reason text NOT NULL,
      placed_by uuid REFERENCES users(id),
      placed_by_label text NOT NULL,
      placed_at timestamptz NOT NULL,
      lifted_by uuid REFERENCES users(id),
      lifted_by_label text,
      lifted_at timestamptz
    );
    CREATE UNIQUE INDEX legal_holds_active ON legal_holds (case_id) WHERE lifted_at IS NULL;

    -- One execution of disposal under a decision. due_on and the rules are fixed when it starts,
    -- so a run that resumes after an interruption disposes of exactly what was due then.
    CREATE TABLE disposal_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      decision_ref text NOT NULL CHECK (length(trim(decision_ref)) > 0),
      due_on date NOT NULL,
      rules jsonb NOT NULL,
      expected integer NOT NULL,
      disposed integer NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
      requested_by uuid REFERENCES users(id),
      requested_by_label text NOT NULL,
      requested_at timestamptz NOT NULL,
      finished_at timestamptz
    );
    CREATE UNIQUE INDEX disposal_runs_one_running ON disposal_runs (organization_id) WHERE status = 'running';
    CREATE INDEX disposal_runs_org ON disposal_runs (organization_id, requested_at DESC);

    -- What remains of a disposed case: the register entry and why it went. Append-only.
    CREATE TABLE disposal_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      run_id uuid NOT NULL REFERENCES disposal_runs(id),
      case_id uuid NOT NULL UNIQUE REFERENCES cases(id),
      case_number text NOT NULL,
      received_on date NOT NULL,
      kind text NOT NULL,
      area_name text,
      forvaltning_name text,
      closed_on date NOT NULL,
      rule_text text NOT NULL,
      rule_decision_ref text NOT NULL,
      decision_ref text NOT NULL,
      disposed_at timestamptz NOT NULL,
      disposed_by uuid REFERENCES users(id),
      disposed_by_label text NOT NULL
    );
    CREATE INDEX disposal_log_org ON disposal_log (organization_id, disposed_at DESC, id DESC);
    CREATE INDEX disposal_log_number ON disposal_log (organization_id, case_number);
    CREATE FUNCTION disposal_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'disposal_log is append-only';
    END $$;
    CREATE TRIGGER disposal_log_no_change BEFORE UPDATE OR DELETE ON disposal_log
      FOR EACH ROW EXECUTE FUNCTION disposal_log_append_only();

    -- The audit trail stays append-only, except for the one writer that must blank it: disposal
    -- and pseudonymisation, which say so for their own transaction only (SET LOCAL).
    CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('lyhord.purge', true) = 'on' AND NEW.case_id = OLD.case_id AND NEW.type = OLD.type
         AND NEW.occurred_at = OLD.occurred_at THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'case_events is append-only';
    END $$;

    -- GDPR requests about a person (articles 15 and 17). The identifier is kept masked only; the
    -- cases found are kept by id, so an erasure review works on exactly what was found.
    CREATE TABLE data_subject_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      type text NOT NULL CHECK (type IN ('extract', 'erasure')),
      identifier_kind text NOT NULL CHECK (identifier_kind IN ('email', 'phone', 'personnummer')),
      identifier_masked text NOT NULL,
      case_ids uuid[] NOT NULL,
      channel text NOT NULL CHECK (channel IN ('api', 'admin')),
      requested_by uuid REFERENCES users(id),
      requested_by_label text NOT NULL,
      requested_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('done', 'open', 'closed')),
      review_note text,
      reviewed_by uuid REFERENCES users(id),
      reviewed_by_label text,
      reviewed_at timestamptz
    );
    CREATE INDEX data_subject_requests_org ON data_subject_requests (organization_id, requested_at DESC);

    -- Deliveries to the e-archive (FGS 2.0 / E-ARK SIP). id is the package's OBJID.
    CREATE TABLE archive_packages (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      closed_year integer NOT NULL,
      case_count integer NOT NULL,
      mets_sha256 text NOT NULL,
      created_by uuid REFERENCES users(id),
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      confirmed_by uuid REFERENCES users(id),
      confirmed_by_label text,
      receipt_ref text
    );
    CREATE INDEX archive_packages_org ON archive_packages (organization_id, created_at DESC);
    CREATE TABLE archive_package_cases (
      package_id uuid NOT NULL REFERENCES archive_packages(id),
      case_id uuid NOT NULL REFERENCES cases(id),
      PRIMARY KEY (package_id, case_id)
    );
    CREATE INDEX archive_package_cases_case ON archive_package_cases (case_id);
    ALTER TABLE cases ADD CONSTRAINT cases_delivered_package FOREIGN KEY (delivered_package_id) REFERENCES archive_packages(id);
    CREATE INDEX cases_delivered ON cases (delivered_package_id) WHERE delivered_package_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cases DROP CONSTRAINT cases_delivered_package;
    DROP TABLE archive_package_cases, archive_packages, data_subject_requests, disposal_log, disposal_runs, legal_holds,
      retention_settings, retention_rules;
    DROP FUNCTION disposal_log_append_only;
    CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'case_events is append-only';
    END $$;
    ALTER TABLE cases DROP COLUMN disposed_at, DROP COLUMN contact_pseudonymised_at, DROP COLUMN delivered_package_id,
      DROP COLUMN delivered_at;
    DELETE FROM role_grants WHERE role = 'archivist';
    DELETE FROM api_keys WHERE role = 'archivist';
    ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
    ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
      CHECK (role IN ('registrar', 'coordinator', 'handler', 'unit_admin', 'reader', 'admin'));
    ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
      CHECK (role IN ('registrar', 'coordinator', 'handler', 'unit_admin', 'reader', 'admin'));
  `.execute(db);
}
