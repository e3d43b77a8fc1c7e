import type { Executor } from '../../db/database.ts';

export interface AdminChange {
  organizationId: string | null;
  /** The förvaltning the change belongs to, when it belongs to one: unit admins see these. */
  forvaltningId?: string | null;
  actor: { id: string | null; name: string };
  action: 'create' | 'update' | 'move' | 'deactivate' | 'activate' | 'delete' | 'invite' | 'accept' | 'grant' | 'revoke' | 'reorder' | 'reset' | 'execute' | 'extract' | 'confirm' | 'pseudonymise' | 'review' | 'download' | 'hand_out';
  entityType: 'organization' | 'unit' | 'user' | 'role_grant' | 'category' | 'template' | 'settings' | 'sso' | 'invitation' | 'case' | 'deadline_policy' | 'closure_day' | 'message_template' | 'api_key' | 'webhook' | 'inbound_mail' | 'retention_rule' | 'retention_settings' | 'disposal' | 'legal_hold' | 'data_subject' | 'archive_package';
  entityId?: string | null;
  /** One line in Swedish for the log page. */
  summary: string;
  before?: unknown;
  after?: unknown;
  now: Date;
}

/** Never store secrets in the log: a value under one of these keys is replaced. */
const SECRET_KEYS = new Set(['client_secret', 'client_secret_enc', 'clientSecret', 'password_hash', 'totp_secret_enc', 'token_hash']);

function scrub(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (k, v) => {
      if (SECRET_KEYS.has(k)) return v == null ? v : '[dold]';
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer') return '[binärt]';
      return v;
    }),
  );
}

/** Writes one admin log row, in the caller's transaction: the change and its record commit together. */
export async function logAdminChange(tx: Executor, c: AdminChange): Promise<void> {
  await tx
    .insertInto('admin_log')
    .values({
      organization_id: c.organizationId,
      forvaltning_id: c.forvaltningId ?? null,
      actor_user_id: c.actor.id,
      actor_label: c.actor.name,
      action: c.action,
      entity_type: c.entityType,
      entity_id: c.entityId ?? null,
      summary: c.summary,
      before: c.before === undefined ? null : JSON.stringify(scrub(c.before)),
      after: c.after === undefined ? null : JSON.stringify(scrub(c.after)),
      occurred_at: c.now,
    })
    .execute();
}
