import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Several organizations in one installation. Local passwords can be switched off per
    -- organization once single sign-on works.
    ALTER TABLE organizations ADD COLUMN active boolean NOT NULL DEFAULT true;
    ALTER TABLE organizations ADD COLUMN password_login boolean NOT NULL DEFAULT true;
    ALTER TABLE organizations ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE organizations ADD CONSTRAINT organizations_host_name_format
      CHECK (host_name IS NULL OR host_name ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?$');

    -- Nothing of one organization may point into another: units, categories and templates
    -- reference units of their own organization only.
    ALTER TABLE org_units ADD CONSTRAINT org_units_parent_same_org
      FOREIGN KEY (organization_id, parent_id) REFERENCES org_units (organization_id, id);
    ALTER TABLE categories ADD CONSTRAINT categories_unit_same_org
      FOREIGN KEY (organization_id, org_unit_id) REFERENCES org_units (organization_id, id);
    ALTER TABLE response_templates ADD CONSTRAINT response_templates_unit_same_org
      FOREIGN KEY (organization_id, org_unit_id) REFERENCES org_units (organization_id, id);
    ALTER TABLE response_templates ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

    -- People: the installation admin flag (set by the CLI or the seed), deactivation that keeps
    -- history, TOTP two-factor for local accounts, and the identity a single sign-on gave.
    ALTER TABLE users ADD COLUMN is_installation_admin boolean NOT NULL DEFAULT false;
    ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
    ALTER TABLE users ADD COLUMN totp_secret_enc bytea;
    ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
    ALTER TABLE users ADD COLUMN totp_last_step bigint;
    ALTER TABLE users ADD COLUMN sso_subject text;
    ALTER TABLE users ADD COLUMN last_login_at timestamptz;
    CREATE UNIQUE INDEX users_sso_subject ON users (organization_id, sso_subject) WHERE sso_subject IS NOT NULL;

    -- Grants given by a group mapping at single sign-on are reconciled at every sign-on;
    -- grants given by hand are never touched by it.
    ALTER TABLE role_grants ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'sso'));
    ALTER TABLE role_grants ADD COLUMN created_by uuid REFERENCES users(id);

    -- How a session was made, and what single sign-on needs to sign out at the provider too.
    ALTER TABLE sessions ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'password_totp', 'oidc'));
    ALTER TABLE sessions ADD COLUMN id_token text;

    -- Invitations: a one-time link, stored only as a hash, valid for a limited time.
    CREATE TABLE user_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      user_id uuid NOT NULL REFERENCES users(id),
      token_hash bytea NOT NULL UNIQUE,
      email text NOT NULL,
      mail_subject text NOT NULL,
      mail_body text NOT NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      revoked_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX user_invitations_user ON user_invitations (user_id, created_at DESC);

    -- Single sign-on with OpenID Connect, per organization. The client secret is stored encrypted
    -- and never shown again.
    CREATE TABLE organization_sso (
      organization_id uuid PRIMARY KEY REFERENCES organizations(id),
      enabled boolean NOT NULL DEFAULT false,
      issuer_url text NOT NULL,
      client_id text NOT NULL,
      client_secret_enc bytea NOT NULL,
      email_claim text NOT NULL DEFAULT 'email',
      groups_claim text NOT NULL DEFAULT 'groups',
      scopes text NOT NULL DEFAULT 'openid email profile',
      -- [{ "group": "…", "role": "handler", "unitId": "…" | null }]
      group_roles jsonb NOT NULL DEFAULT '[]'::jsonb,
      button_label text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    );

    -- Every administrative change: who, when, what, before and after. Append-only.
    CREATE TABLE admin_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      organization_id uuid REFERENCES organizations(id),
      -- The förvaltning the change belongs to, so a unit admin sees the changes in their own.
      forvaltning_id uuid REFERENCES org_units(id),
      actor_user_id uuid REFERENCES users(id),
      actor_label text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      summary text NOT NULL,
      before jsonb,
      after jsonb,
      occurred_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX admin_log_org ON admin_log (organization_id, id DESC);
    CREATE INDEX admin_log_forvaltning ON admin_log (forvaltning_id, id DESC) WHERE forvaltning_id IS NOT NULL;
    CREATE FUNCTION admin_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'admin_log is append-only';
    END $$;
    CREATE TRIGGER admin_log_no_change BEFORE UPDATE OR DELETE ON admin_log
      FOR EACH ROW EXECUTE FUNCTION admin_log_append_only();

    -- Forwarding to another organization of the installation: linked both ways.
    ALTER TABLE cases ADD COLUMN forwarded_from_case_id uuid REFERENCES cases(id);
    CREATE INDEX cases_forwarded_from ON cases (forwarded_from_case_id) WHERE forwarded_from_case_id IS NOT NULL;
    CREATE INDEX cases_forwarded_to ON cases (forwarded_to_case_id) WHERE forwarded_to_case_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cases DROP COLUMN forwarded_from_case_id;
    DROP TABLE admin_log, organization_sso, user_invitations;
    DROP FUNCTION admin_log_append_only;
    ALTER TABLE sessions DROP COLUMN auth_method, DROP COLUMN id_token;
    ALTER TABLE role_grants DROP COLUMN source, DROP COLUMN created_by;
    ALTER TABLE users DROP COLUMN is_installation_admin, DROP COLUMN deactivated_at, DROP COLUMN totp_secret_enc,
      DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step, DROP COLUMN sso_subject, DROP COLUMN last_login_at;
    ALTER TABLE response_templates DROP CONSTRAINT response_templates_unit_same_org, DROP COLUMN updated_at;
    ALTER TABLE categories DROP CONSTRAINT categories_unit_same_org;
    ALTER TABLE org_units DROP CONSTRAINT org_units_parent_same_org;
    ALTER TABLE organizations DROP CONSTRAINT organizations_host_name_format,
      DROP COLUMN active, DROP COLUMN password_login, DROP COLUMN updated_at;
  `.execute(db);
}
