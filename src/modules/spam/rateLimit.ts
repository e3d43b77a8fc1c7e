import { poolOf, type Db } from '../../db/database.ts';
import { hmac } from '../../platform/secrets.ts';

/**
 * The citizen form's rate limits, counted in PostgreSQL so that every app process shares them:
 * per address per minute (a burst) and per hour (a day's feedback from a school or a library is
 * far below it), and per organization per minute (many addresses at once). One statement per
 * submission. Each window is counted whole, and the previous window's count weighs in for the part
 * of it that still lies within the last minute (or hour): with fixed windows alone, a burst that
 * straddles the turn of a minute got 10 through before it and 10 more after it. Addresses are kept only as keyed hashes, and only for two hours.
 */
export interface RateLimits {
  perAddressPerMinute: number;
  perAddressPerHour: number;
  perOrganizationPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perAddressPerMinute: 10, perAddressPerHour: 60, perOrganizationPerMinute: 120 };

export type RateVerdict = { ok: true } | { ok: false; scope: 'address' | 'organization'; retryAfterSeconds: number };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const floorTo = (t: number, size: number) => new Date(Math.floor(t / size) * size);

export class SubmissionRateLimiter {
  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
  ) {}

  /** Counts this submission and says whether it is within the limits. */
  async check(organizationId: string, address: string, now: Date): Promise<RateVerdict> {
    if (![this.limits.perAddressPerMinute, this.limits.perAddressPerHour, this.limits.perOrganizationPerMinute].some(Number.isFinite)) return { ok: true };
    const minute = floorTo(now.getTime(), MINUTE);
    const hour = floorTo(now.getTime(), HOUR);
    const keys = {
      addressMinute: hmac(this.secret, `address-minute:${organizationId}:${address}`),
      addressHour: hmac(this.secret, `address-hour:${organizationId}:${address}`),
      organization: hmac(this.secret, `organization:${organizationId}`),
    };
    // A counter needs no durable commit: waiting for the disk here would hold the organization's
    // row locked (every post counts on it) through each flush, one post after the other. So the
    // count commits asynchronously (a crash may forget the last moment's counts, nothing else):
    // set_config(…, true) is SET LOCAL, made inside the statement's own implicit transaction, so
    // the one statement is one round trip and a named prepared statement (parsed and planned once
    // per connection; the keys are parameters, not literals). The WHERE clause evaluates it
    // before any row is written.
    const { rows } = await poolOf(this.db).query<{ key: Buffer; count: number; previous: number }>({
      name: 'spam-count-submission',
      text: COUNT_SUBMISSION,
      values: [
        [keys.addressMinute, keys.addressHour, keys.organization],
        [minute, hour, minute],
        [new Date(minute.getTime() - MINUTE), new Date(hour.getTime() - HOUR), new Date(minute.getTime() - MINUTE)],
      ],
    });
    // The sliding estimate: this window's count plus the share of the previous one still inside the last window length.
    const stillInside = (start: Date, size: number) => 1 - (now.getTime() - start.getTime()) / size;
    const count = (key: Buffer, start: Date, size: number) => {
      const row = rows.find((r) => r.key.equals(key));
      return row ? row.count + row.previous * stillInside(start, size) : 0;
    };
    const secondsLeft = (start: Date, size: number) => Math.max(1, Math.ceil((start.getTime() + size - now.getTime()) / 1000));
    if (count(keys.addressMinute, minute, MINUTE) > this.limits.perAddressPerMinute) return { ok: false, scope: 'address', retryAfterSeconds: secondsLeft(minute, MINUTE) };
    if (count(keys.addressHour, hour, HOUR) > this.limits.perAddressPerHour) return { ok: false, scope: 'address', retryAfterSeconds: secondsLeft(hour, HOUR) };
    if (count(keys.organization, minute, MINUTE) > this.limits.perOrganizationPerMinute) return { ok: false, scope: 'organization', retryAfterSeconds: secondsLeft(minute, MINUTE) };
    return { ok: true };
  }
}

const COUNT_SUBMISSION = `
  WITH k AS (SELECT * FROM unnest($1::bytea[], $2::timestamptz[], $3::timestamptz[]) AS k(key, window_start, previous_start)),
  counted AS (
    INSERT INTO submission_rate AS r (key, window_start, count)
    SELECT k.key, k.window_start, 1 FROM k
    WHERE set_config('synchronous_commit', 'off', true) = 'off'
    ON CONFLICT (key, window_start) DO UPDATE SET count = r.count + 1
    RETURNING key, count)
  SELECT counted.key, counted.count, coalesce(p.count, 0) AS previous
  FROM counted JOIN k ON k.key = counted.key
  LEFT JOIN submission_rate p ON p.key = counted.key AND p.window_start = k.previous_start`;

/**
 * Counts older than the longest window, and spent challenges past their expiry, are of no more
 * use. Windows are on the app's clock; challenge expiry is on the system clock (as altcha-lib checks it).
 */
export async function forgetOldSpamRecords(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('submission_rate').where('window_start', '<', new Date(now.getTime() - 2 * HOUR)).execute();
  await db.deleteFrom('altcha_spent').where('expires_at', '<', new Date()).execute();
}
