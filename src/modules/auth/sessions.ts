import type { Executor } from '../../db/database.ts';
import type { Organization } from '../../db/schema.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';

export const SESSION_COOKIE = 'lyhord_session';
/** A working day plus margin; sign in again the next morning. */
export const SESSION_HOURS = 10;

/**
 * Each organization has its own session cookie, so being signed in to one never shadows or
 * replaces a sign-in to another in the same browser. (The session row is tied to a user of one
 * organization, and the auth plugin checks that too.)
 */
export function sessionCookieName(org: Pick<Organization, 'is_default' | 'slug'>): string {
  return org.is_default ? SESSION_COOKIE : `${SESSION_COOKIE}_${org.slug.replace(/-/g, '_')}`;
}

export const hashSessionId = (id: string) => sha256(`session:${id}`);

export type AuthMethod = 'password' | 'password_totp' | 'oidc';

export async function createSession(db: Executor, userId: string, now: Date, opts: { authMethod?: AuthMethod; idToken?: string } = {}): Promise<string> {
  const id = randomToken(32);
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSessionId(id),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      auth_method: opts.authMethod ?? 'password',
      id_token: opts.idToken ?? null,
    })
    .execute();
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
  return id;
}

export async function destroySession(db: Executor, id: string): Promise<{ authMethod: AuthMethod; idToken: string | null } | undefined> {
  const row = await db.deleteFrom('sessions').where('id_hash', '=', hashSessionId(id)).returning(['auth_method', 'id_token']).executeTakeFirst();
  return row ? { authMethod: row.auth_method, idToken: row.id_token } : undefined;
}

/** Deactivating a person or changing their access ends every session they have. */
export async function destroySessionsOf(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
