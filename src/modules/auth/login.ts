import type { Db, Executor } from '../../db/database.ts';
import { sha256 } from '../../platform/secrets.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { findUserByEmail } from './queries.ts';
import { createSession } from './sessions.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type LoginResult =
  | { ok: true; userId: string; sessionId: string; secondFactor: false }
  /** Password right, and the account has TOTP: no session until the code is given. */
  | { ok: true; userId: string; secondFactor: true }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

/** A failure counter per organization and key (an e-mail address, or a user's second factor). */
export async function throttleState(db: Executor, organizationId: string, key: Buffer, now: Date) {
  const throttle = await db
    .selectFrom('login_throttle')
    .select(['failures', 'locked_until'])
    .where('organization_id', '=', organizationId)
    .where('email_hash', '=', key)
    .executeTakeFirst();
  return { locked: !!(throttle?.locked_until && throttle.locked_until > now), lockedUntil: throttle?.locked_until ?? null, throttle };
}

export async function recordFailure(db: Executor, organizationId: string, key: Buffer, now: Date, throttle: { failures: number; locked_until: Date | null } | undefined): Promise<Date | null> {
  const failures = (throttle?.locked_until && throttle.locked_until <= now ? 0 : (throttle?.failures ?? 0)) + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  await db
    .insertInto('login_throttle')
    .values({ organization_id: organizationId, email_hash: key, failures, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) => oc.columns(['organization_id', 'email_hash']).doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }))
    .execute();
  return lockedUntil;
}

export async function clearFailures(db: Executor, organizationId: string, key: Buffer): Promise<void> {
  await db.deleteFrom('login_throttle').where('organization_id', '=', organizationId).where('email_hash', '=', key).execute();
}

/**
 * Checks e-mail and password. Failures are counted per address whether or not an account exists,
 * and the answer is the same for a wrong password and an unknown address: no user enumeration.
 */
export async function login(db: Db, organizationId: string, email: string, password: string, now: Date): Promise<LoginResult> {
  const emailHash = sha256(`login:${email.trim().toLowerCase()}`);
  const { locked, lockedUntil, throttle } = await throttleState(db, organizationId, emailHash, now);
  if (locked) return { ok: false, reason: 'locked', lockedUntil: lockedUntil! };

  const user = await findUserByEmail(db, organizationId, email);
  const valid = user?.active && user.password_hash ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyHash(), password), false);

  if (!valid || !user) {
    const until = await recordFailure(db, organizationId, emailHash, now, throttle);
    return until ? { ok: false, reason: 'locked', lockedUntil: until } : { ok: false, reason: 'invalid' };
  }

  await clearFailures(db, organizationId, emailHash);
  if (user.totp_enabled_at) return { ok: true, userId: user.id, secondFactor: true };
  return { ok: true, userId: user.id, sessionId: await createSession(db, user.id, now), secondFactor: false };
}
