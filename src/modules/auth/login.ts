import type { Db } from '../../db/database.ts';
import { sha256 } from '../../platform/secrets.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { findUserByEmail } from './queries.ts';
import { createSession } from './sessions.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type LoginResult = { ok: true; sessionId: string; userId: string } | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

/**
 * Checks e-mail and password. Failures are counted per address whether or not an account exists,
 * and the answer is the same for a wrong password and an unknown address: no user enumeration.
 */
export async function login(db: Db, organizationId: string, email: string, password: string, now: Date): Promise<LoginResult> {
  const emailHash = sha256(`login:${email.trim().toLowerCase()}`);
  const throttle = await db
    .selectFrom('login_throttle')
    .select(['failures', 'locked_until'])
    .where('organization_id', '=', organizationId)
    .where('email_hash', '=', emailHash)
    .executeTakeFirst();
  if (throttle?.locked_until && throttle.locked_until > now) return { ok: false, reason: 'locked', lockedUntil: throttle.locked_until };

  const user = await findUserByEmail(db, organizationId, email);
  const valid = user?.active && user.password_hash ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyHash(), password), false);

  if (!valid || !user) {
    const failures = (throttle?.locked_until && throttle.locked_until <= now ? 0 : (throttle?.failures ?? 0)) + 1;
    const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await db
      .insertInto('login_throttle')
      .values({ organization_id: organizationId, email_hash: emailHash, failures, locked_until: lockedUntil, updated_at: now })
      .onConflict((oc) => oc.columns(['organization_id', 'email_hash']).doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }))
      .execute();
    return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'invalid' };
  }

  await db.deleteFrom('login_throttle').where('organization_id', '=', organizationId).where('email_hash', '=', emailHash).execute();
  return { ok: true, sessionId: await createSession(db, user.id, now), userId: user.id };
}
