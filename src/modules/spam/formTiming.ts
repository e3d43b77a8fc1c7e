import { timingSafeEqual } from 'node:crypto';
import { hmac } from '../../platform/secrets.ts';

/**
 * When the form was shown, signed, so the server can tell a form sent seconds after it was
 * opened (a script) from one a person filled in. Without JavaScript this, the honeypot and the
 * rate limits are what stand between the form and a script.
 */
export function formStartedToken(secret: Buffer, organizationId: string, now: Date): string {
  const t = String(now.getTime());
  return `${t}.${hmac(secret, `form-started:${organizationId}:${t}`).toString('base64url').slice(0, 22)}`;
}

/** Milliseconds since the form was shown, or null when the token is missing, malformed or not ours. */
export function elapsedSinceFormStarted(secret: Buffer, organizationId: string, token: string, now: Date): number | null {
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const expected = formStartedToken(secret, organizationId, new Date(Number(m[1])));
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(token))) return null;
  const elapsed = now.getTime() - Number(m[1]);
  return elapsed < 0 ? null : elapsed;
}
