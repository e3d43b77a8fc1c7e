import { poolOf, type Db } from '../../db/database.ts';
import { hmac } from '../../platform/secrets.ts';

/**
 * The citizen form's rate limits, counted in PostgreSQL so that every app process shares them:
 * per address per minute (a burst) and per hour (a day's feedback from a school or a library is
 * far below it), and per organization per minute (many addresses at once). Each window is counted
 * whole, and the previous window's count weighs in for the part of it that still lies within the
 * last minute (or hour): with fixed windows alone, a burst that straddles the turn of a minute got
 * 10 through before it and 10 more after it. Addresses are kept only as keyed hashes, and only for
 * two hours.
 *
 * Every post is counted, but not every post needs its own statement: while one count is on its
 * way to the database, the posts that arrive in this process wait and are then counted together in
 * one statement, each getting the count it would have got alone, in arrival order. Under load this
 * takes most of the form's round trips and row locks on the organization's counter away; a lone
 * post waits for nothing.
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
/** Posts counted in one statement at most; more wait for the next. */
const MAX_BATCH = 256;

const floorTo = (t: number, size: number) => Math.floor(t / size) * size;

/** One counter a post adds to: its key, the window it falls in and that window's length. */
interface Counter {
  key: Buffer;
  start: number;
  size: number;
}

interface Waiting {
  now: number;
  counters: [addressMinute: Counter, addressHour: Counter, organization: Counter];
  done: (counts: number[]) => void;
  failed: (error: unknown) => void;
}

export class SubmissionRateLimiter {
  private readonly waiting: Waiting[] = [];
  private counting = false;

  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
  ) {}

  /** Counts this submission and says whether it is within the limits. */
  async check(organizationId: string, address: string, now: Date): Promise<RateVerdict> {
    const { perAddressPerMinute, perAddressPerHour, perOrganizationPerMinute } = this.limits;
    if (![perAddressPerMinute, perAddressPerHour, perOrganizationPerMinute].some(Number.isFinite)) return { ok: true };
    const t = now.getTime();
    const counter = (name: string, size: number): Counter => ({ key: hmac(this.secret, name), start: floorTo(t, size), size });
    const counters: Waiting['counters'] = [
      counter(`address-minute:${organizationId}:${address}`, MINUTE),
      counter(`address-hour:${organizationId}:${address}`, HOUR),
      counter(`organization:${organizationId}`, MINUTE),
    ];
    const [addressMinute, addressHour, organization] = await new Promise<number[]>((done, failed) => {
      this.waiting.push({ now: t, counters, done, failed });
      this.countWaiting();
    });
    const secondsLeft = (c: Counter) => Math.max(1, Math.ceil((c.start + c.size - t) / 1000));
    if (addressMinute! > perAddressPerMinute) return { ok: false, scope: 'address', retryAfterSeconds: secondsLeft(counters[0]) };
    if (addressHour! > perAddressPerHour) return { ok: false, scope: 'address', retryAfterSeconds: secondsLeft(counters[1]) };
    if (organization! > perOrganizationPerMinute) return { ok: false, scope: 'organization', retryAfterSeconds: secondsLeft(counters[2]) };
    return { ok: true };
  }

  /** One statement at a time per process: what arrives meanwhile goes with the next one. */
  private countWaiting(): void {
    if (this.counting || this.waiting.length === 0) return;
    this.counting = true;
    const batch = this.waiting.splice(0, MAX_BATCH);
    countTogether(this.db, batch)
      .then(
        (counts) => batch.forEach((w, i) => w.done(counts[i]!)),
        (error: unknown) => batch.forEach((w) => w.failed(error)),
      )
      .finally(() => {
        this.counting = false;
        this.countWaiting();
      });
  }
}

const counterId = (c: Counter) => `${c.key.toString('hex')}@${c.start}`;

/**
 * Adds a batch of posts to their counters in one statement and gives each post its sliding counts
 * as if the posts had been counted one after the other in batch order: the n-th post of the batch
 * on a counter sees the count before the batch plus n, and the previous window as it was before
 * the batch plus the posts ahead of it that fell in that window.
 */
async function countTogether(db: Db, batch: readonly Waiting[]): Promise<number[][]> {
  // ON CONFLICT DO UPDATE may touch a row only once per statement, so each counter goes once, with how many posts it gets.
  const counters = new Map<string, Counter & { adds: number }>();
  for (const w of batch) {
    for (const c of w.counters) {
      const id = counterId(c);
      const known = counters.get(id);
      if (known) known.adds++;
      else counters.set(id, { ...c, adds: 1 });
    }
  }
  // Rows are locked in key order, so two processes counting overlapping batches cannot deadlock.
  const rows = [...counters.values()].sort((a, b) => Buffer.compare(a.key, b.key) || a.start - b.start);
  // A counter needs no durable commit: waiting for the disk here would hold the organization's
  // row locked (every post counts on it) through each flush. So the count commits asynchronously
  // (a crash may forget the last moment's counts, nothing else): set_config(…, true) is SET LOCAL,
  // made inside the statement's own implicit transaction, so the one statement is one round trip
  // and a named prepared statement. The WHERE clause evaluates it before any row is written.
  const { rows: after } = await poolOf(db).query<{ key: Buffer; window_start: Date; count: number; previous: number }>({
    name: 'spam-count-submissions',
    text: COUNT_SUBMISSIONS,
    values: [rows.map((c) => c.key), rows.map((c) => new Date(c.start)), rows.map((c) => new Date(c.start - c.size)), rows.map((c) => c.adds)],
  });
  const total = new Map(after.map((r) => [counterId({ key: r.key, start: r.window_start.getTime(), size: 0 }), r]));
  const seen = new Map<string, number>();
  return batch.map((w) =>
    w.counters.map((c) => {
      const id = counterId(c);
      const row = total.get(id);
      if (!row) throw new Error('A counter was not counted');
      const nth = (seen.get(id) ?? 0) + 1;
      seen.set(id, nth);
      const own = row.count - counters.get(id)!.adds + nth;
      // The previous window as this post would have found it: as stored before the statement, plus the posts ahead of it in the batch that fell in it.
      const previous = row.previous + (seen.get(counterId({ ...c, start: c.start - c.size })) ?? 0);
      // The sliding estimate: this window's count plus the share of the previous one still inside the last window length.
      return own + previous * (1 - (w.now - c.start) / c.size);
    }),
  );
}

const COUNT_SUBMISSIONS = `
  WITH k AS (
    SELECT * FROM unnest($1::bytea[], $2::timestamptz[], $3::timestamptz[], $4::integer[]) WITH ORDINALITY AS k(key, window_start, previous_start, adds, n)),
  counted AS (
    INSERT INTO submission_rate AS r (key, window_start, count)
    SELECT k.key, k.window_start, k.adds FROM k
    WHERE set_config('synchronous_commit', 'off', true) = 'off'
    ORDER BY k.n
    ON CONFLICT (key, window_start) DO UPDATE SET count = r.count + excluded.count
    RETURNING key, window_start, count)
  SELECT counted.key, counted.window_start, counted.count, coalesce(p.count, 0) AS previous
  FROM counted JOIN k ON k.key = counted.key AND k.window_start = counted.window_start
  LEFT JOIN submission_rate p ON p.key = counted.key AND p.window_start = k.previous_start`;

/**
 * Counts older than the longest window, and spent challenges past their expiry, are of no more
 * use. Windows are on the app's clock; challenge expiry is on the system clock (as altcha-lib checks it).
 */
export async function forgetOldSpamRecords(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('submission_rate').where('window_start', '<', new Date(now.getTime() - 2 * HOUR)).execute();
  await db.deleteFrom('altcha_spent').where('expires_at', '<', new Date()).execute();
}
