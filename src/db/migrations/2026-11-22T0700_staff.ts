import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sessions (
      id_hash bytea PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);

    -- Failed sign-ins counted per e-mail address whether or not an account exists, so the
    -- lock-out message reveals nothing about which addresses have accounts.
    CREATE TABLE login_throttle (
      organization_id uuid NOT NULL REFERENCES organizations(id),
      email_hash bytea NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, email_hash)
    );

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('registrar', 'coordinator', 'handler', 'unit_admin', 'reader', 'admin')),
      key_hash bytea NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    -- Everything said to the submitter: e-mail (queued until the mail transport sends it),
    -- letters (rendered to PDF on demand) and phone calls (recorded as notes).
    CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('acknowledgement', 'answer', 'delay_notice', 'referral', 'not_handled', 'reminder', 'digest', 'other')),
      channel text NOT NULL CHECK (channel IN ('email', 'letter', 'phone')),
      recipient text,
      subject text,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'recorded')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      occurred_on date,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX messages_case ON messages (case_id, created_at);
    CREATE INDEX messages_queued ON messages (created_at) WHERE status = 'queued';

    CREATE TABLE response_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      org_unit_id uuid REFERENCES org_units(id),
      kind text CHECK (kind IN ('klagomal', 'fraga', 'berom', 'forslag')),
      purpose text NOT NULL DEFAULT 'answer' CHECK (purpose IN ('answer', 'referral', 'not_handled', 'acknowledgement', 'delay_notice')),
      referral_type text,
      title text NOT NULL,
      body text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      sort_order integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX response_templates_org ON response_templates (organization_id, purpose);

    ALTER TABLE cases ADD COLUMN registered_by uuid REFERENCES users(id);
    ALTER TABLE cases ADD COLUMN channel_confirmed boolean NOT NULL DEFAULT false;
    CREATE INDEX cases_open_unit ON cases (organization_id, unit_id) WHERE status IN ('registered', 'assigned', 'in_progress', 'waiting', 'answered');
    CREATE INDEX cases_merged_into ON cases (merged_into_id) WHERE merged_into_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cases DROP COLUMN registered_by, DROP COLUMN channel_confirmed;
    DROP TABLE response_templates, messages, api_keys, login_throttle, sessions;
  `.execute(db);
}
