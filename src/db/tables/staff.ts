import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

export interface UsersTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Generated<Date>;
  is_installation_admin: Generated<boolean>;
  deactivated_at: Timestamp | null;
  totp_secret_enc: Buffer | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  sso_subject: string | null;
  last_login_at: Timestamp | null;
  digest_opt_out: Generated<boolean>;
  /** Set on demo accounts seeded with --force into a real database: no staff page until a new password is chosen. */
  must_change_password: Generated<boolean>;
}

export type Role = 'registrar' | 'coordinator' | 'handler' | 'unit_admin' | 'reader' | 'admin' | 'archivist';

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  org_unit_id: string | null;
  created_at: Generated<Date>;
  source: Generated<'manual' | 'sso'>;
  created_by: string | null;
}

export interface SessionsTable {
  id_hash: Buffer;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  auth_method: Generated<'password' | 'password_totp' | 'oidc'>;
  id_token: string | null;
}

export interface LoginThrottleTable {
  organization_id: string;
  email_hash: Buffer;
  failures: Generated<number>;
  locked_until: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  role: Role;
  key_hash: Buffer;
  prefix: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface UserInvitationsTable {
  id: Generated<string>;
  organization_id: string;
  user_id: string;
  token_hash: Buffer;
  email: string;
  mail_subject: string;
  mail_body: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  /** The invitation mail in the outbox. */
  message_id: string | null;
}

export interface GroupRole {
  group: string;
  role: Role;
  /** null: the whole organization. */
  unitId: string | null;
}

export interface OrganizationSsoTable {
  organization_id: string;
  enabled: Generated<boolean>;
  issuer_url: string;
  client_id: string;
  client_secret_enc: Buffer;
  email_claim: Generated<string>;
  groups_claim: Generated<string>;
  scopes: Generated<string>;
  group_roles: ColumnType<GroupRole[], GroupRole[] | string | undefined, GroupRole[] | string>;
  button_label: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}
