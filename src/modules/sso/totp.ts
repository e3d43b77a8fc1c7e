import { generate, generateSecret, generateURI, verify } from 'otplib';
import type { Db } from '../../db/database.ts';
import type { Sealer } from '../../platform/crypto.ts';
import { sha256 } from '../../platform/secrets.ts';
import { clearFailures, recordFailure, throttleState } from '../auth/login.ts';

/** TOTP (RFC 6238) as authenticator apps expect it: SHA-1, six digits, 30-second steps. */
const PERIOD = 30;
/** One step either side, for clocks that drift a little. */
const TOLERANCE = PERIOD;

const context = (userId: string) => `totp:${userId}`;

export const newTotpSecret = () => generateSecret();

export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

/** The QR code as an SVG drawn on the server: no script, no image request. */
export async function qrSvg(text: string): Promise<string> {
  // Loaded when a user sets up a second factor (with pngjs, some 1 MB of heap), not at start.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The secret grouped in fours, for typing it into an app by hand. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export async function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * Checks a code against a secret. A code's time step can be used once: `afterStep` is the last
 * step that signed in, so a code seen over someone's shoulder cannot be replayed.
 */
export async function checkTotp(secret: string, code: string, now: Date, afterStep: number | null): Promise<{ valid: true; step: number } | { valid: false }> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return { valid: false };
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  // The matched step: the current one shifted by the drift the check allowed.
  return result.valid ? { valid: true, step: Math.floor(now.getTime() / 1000 / PERIOD) + result.delta } : { valid: false };
}

export const sealTotp = (sealer: Sealer, userId: string, secret: string) => sealer.seal(secret, context(userId));
export const openTotp = (sealer: Sealer, userId: string, sealed: Buffer) => sealer.open(sealed, context(userId));

/** The failure counter of a person's codes (auth/login.ts throttle), shared by sign-in and turning the factor off. */
export const totpThrottleKey = (userId: string) => sha256(`totp:${userId}`);

/**
 * The second step of a sign-in: the user's current code. Wrong codes count toward the same
 * lock-out as passwords, per user.
 */

export async function verifySecondFactor(db: Db, sealer: Sealer, organizationId: string, userId: string, code: string, now: Date): Promise<{ ok: true } | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date }> {
  const key = totpThrottleKey(userId);
  const { locked, lockedUntil, throttle } = await throttleState(db, organizationId, key, now);
  if (locked) return { ok: false, reason: 'locked', lockedUntil: lockedUntil! };
  const user = await db
    .selectFrom('users')
    .select(['totp_secret_enc', 'totp_enabled_at', 'totp_last_step', 'active'])
    .where('id', '=', userId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!user?.active || !user.totp_enabled_at || !user.totp_secret_enc) return { ok: false, reason: 'invalid' };
  const result = await checkTotp(openTotp(sealer, userId, user.totp_secret_enc), code, now, user.totp_last_step === null ? null : Number(user.totp_last_step));
  if (!result.valid) {
    const until = await recordFailure(db, organizationId, key, now, throttle);
    return until ? { ok: false, reason: 'locked', lockedUntil: until } : { ok: false, reason: 'invalid' };
  }
  // Only one sign-in per step, even when two arrive at once.
  const claimed = await db
    .updateTable('users')
    .set({ totp_last_step: result.step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', result.step)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: 'invalid' };
  await clearFailures(db, organizationId, key);
  return { ok: true };
}
