import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { sha256 } from '../../platform/secrets.ts';
import type { Actor } from '../cases/policy.ts';
import { ROLE_LABEL } from '../organizations/demoStaff.ts';

/**
 * API keys: 256 random bits behind a recognisable prefix, so a key that leaks into a log, a
 * repository or a chat can be spotted by secret scanners and by people. Only the SHA-256 of the
 * whole key is stored; a plain hash is enough because the key itself has full entropy.
 */
export const KEY_PREFIX = 'lyh_';
/** lyh_ + 43 base64url characters (32 bytes). */
export const KEY_PATTERN = /^lyh_[A-Za-z0-9_-]{43}$/;
/** How much of the key is kept in clear, so people can tell their keys apart in the list. */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;

export const ROLES = Object.keys(ROLE_LABEL) as Role[];
export const MAX_KEY_NAME = 100;

export const hashApiKey = (key: string) => sha256(key);

export function generateApiKey(): { key: string; prefix: string; hash: Buffer } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/** Creates a key; the key itself is returned once and never stored. */
export async function createApiKey(db: Executor, k: { organizationId: string; name: string; role: Role; createdBy: string | null; now: Date }) {
  const { key, prefix, hash } = generateApiKey();
  const row = await db
    .insertInto('api_keys')
    .values({ organization_id: k.organizationId, name: k.name, role: k.role, key_hash: hash, prefix, created_by: k.createdBy, created_at: k.now })
    .returning(['id', 'prefix'])
    .executeTakeFirstOrThrow();
  return { id: row.id, prefix: row.prefix, key };
}

/**
 * The actor behind a key: the key's role on the whole organization. Undefined for an unknown or
 * revoked key (or an inactive organization); the caller does not learn which.
 */
export async function actorForApiKey(db: Executor, key: string): Promise<Actor | undefined> {
  if (!KEY_PATTERN.test(key)) return undefined;
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('organizations as o', 'o.id', 'k.organization_id')
    .select(['k.id', 'k.name', 'k.role', 'k.organization_id'])
    .where('k.key_hash', '=', hashApiKey(key))
    .where('k.revoked_at', 'is', null)
    // A deactivated organization's keys stop working with it.
    .where('o.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return { kind: 'api_key', id: row.id, name: row.name, organizationId: row.organization_id, grants: [{ role: row.role, unitId: null }] };
}

export async function listApiKeys(db: Executor, organizationId: string) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select(['k.id', 'k.name', 'k.role', 'k.prefix', 'k.created_at', 'k.revoked_at', 'u.name as created_by_name'])
    .where('k.organization_id', '=', organizationId)
    // Active keys first.
    .orderBy(sql`k.revoked_at IS NOT NULL`)
    .orderBy('k.created_at', 'desc')
    .execute();
}
export type ApiKeyListItem = Awaited<ReturnType<typeof listApiKeys>>[number];

/** Revokes an active key of this organization. False when there is no such active key. */
export async function revokeApiKey(db: Executor, organizationId: string, id: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
