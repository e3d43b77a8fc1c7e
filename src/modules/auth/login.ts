import type { Db, Executor } from '../../db/database.ts';
import { sha256 } from '../../platform/secrets.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { findUserByEmail } from './queries.ts';
import { createSession } from './sessions.ts';

/** Failures before the first wait; each further failure doubles it, from 1 minute up to an hour. */
export const MAX_FAILURES = 5;
export const FIRST_LOCK_MINUTES = 1;
export const MAX_LOCK_MINUTES = 60;
/** A counter left alone this long starts again from nothing. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

export type LoginResult =
  | { ok: true; userId: string; sessionId: string; secondFactor: false }
  /** Password right, and the account has TOTP: no session until the code is given. */
  | { ok: true; userId: string; secondFactor: true }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

/** A failure counter per organization and key (an e-mail address, or a user's second factor). */
export async function throttleState(db: Executor, organizationId: string, key: Buffer, now: Date) {
  const throttle = await db
    .selectFrom('login_throttle')
    .select(['failures', 'locked_until', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('email_hash', '=', key)
    .executeTakeFirst();
  return { locked: !!(throttle?.locked_until && throttle.locked_until > now), lockedUntil: throttle?.locked_until ?? null, throttle };
}

/**
 * Counts a failure and says until when the key must wait: nothing for the first few, then a wait
 * that doubles with every further failure (backoff), so guessing stays slow without one long lock.
 */
export async function recordFailure(db: Executor, organizationId: string, key: Buffer, now: Date, throttle: { failures: number; updated_at: Date } | undefined): Promise<Date | null> {
  const recent = throttle && now.getTime() - throttle.updated_at.getTime() < FORGET_AFTER_MS;
  const failures = (recent ? throttle.failures : 0) + 1;
  const minutes = Math.min(MAX_LOCK_MINUTES, FIRST_LOCK_MINUTES * 2 ** Math.min(failures - MAX_FAILURES, 16));
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + minutes * 60_000) : null;
  await db
    .insertInto('login_throttle')
    .values({ organization_id: organizationId, email_hash: key, failures, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) => oc.columns(['organization_id', 'email_hash']).doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }))
    .execute();
  return lockedUntil;
}

/**
 * Deletes counters nobody has failed on for a day: recordFailure already treats them as zero (and
 * every lock is shorter than that), so this changes no answer; it only keeps the table from
 * growing with every address that ever guessed wrong.
 */
export async function forgetOldFailures(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('login_throttle').where('updated_at', '<', new Date(now.getTime() - FORGET_AFTER_MS)).execute();
}

export async function clearFailures(db: Executor, organizationId: string, key: Buffer): Promise<void> {
  await db.deleteFrom('login_throttle').where('organization_id', '=', organizationId).where('email_hash', '=', key).execute();
}

/**
 * Checks e-mail and password. Failures are counted per e-mail address and client address
 * together, whether or not an account exists, and the answer is the same for a wrong password and
 * an unknown address: no user enumeration. Counting per account alone would let anyone lock
 * anyone out by guessing wrong on purpose; this way a guesser only slows themselves down, and the
 * per-client rate limit of the sign-in route bounds guesses across accounts.
 */
export async function login(db: Db, organizationId: string, email: string, password: string, now: Date, clientAddress: string): Promise<LoginResult> {
  const emailHash = sha256(`login:${email.trim().toLowerCase()}\n${clientAddress}`);
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
