import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { hmac } from './secrets.ts';

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Result) => void;

/**
 * A store for @fastify/rate-limit in PostgreSQL, so a limit holds for the installation rather
 * than per process: behind a proxy that spreads requests over several instances, in-memory
 * counters would each allow the full limit. One upsert per limited request (sign-in and the
 * other few routes with a limit), on an unlogged table. Fixed windows, as the in-memory store.
 */
export function postgresRateLimitStore(db: Db, secret: Buffer): FastifyRateLimitStoreCtor {
  class PostgresStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    private key(id: string): Buffer {
      return hmac(secret, `${this.prefix}${id}`);
    }

    incr(id: string, cb: Callback, timeWindow: number): void {
      sql<Result>`
        INSERT INTO rate_limits AS r (key, hits, reset_at) VALUES (${this.key(id)}, 1, clock_timestamp() + ${timeWindow} * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.reset_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
          reset_at = CASE WHEN r.reset_at <= clock_timestamp() THEN excluded.reset_at ELSE r.reset_at END
        RETURNING r.hits AS current, greatest(0, ceil(extract(epoch FROM r.reset_at - clock_timestamp()) * 1000))::int AS ttl`
        .execute(db)
        .then(({ rows }) => {
          cb(null, rows[0]!);
          // Now and then, forget windows long over (the table stays the size of the last minutes).
          if (Math.random() < 0.01) void sql`DELETE FROM rate_limits WHERE reset_at < now() - interval '1 hour'`.execute(db).catch(() => {});
        }, cb);
    }

    read(id: string, cb: Callback): void {
      sql<Result>`
        SELECT hits AS current, greatest(0, ceil(extract(epoch FROM reset_at - clock_timestamp()) * 1000))::int AS ttl
        FROM rate_limits WHERE key = ${this.key(id)} AND reset_at > clock_timestamp()`
        .execute(db)
        .then(({ rows }) => cb(null, rows[0] ?? { current: 0, ttl: 0 }), cb);
    }

    /** Each route counts on its own, as with the in-memory store. */
    child(routeOptions: { continueExceeding?: boolean; exponentialBackoff?: boolean; routeInfo: { method: string; url: string } }) {
      if (routeOptions.continueExceeding || routeOptions.exponentialBackoff) throw new Error('The PostgreSQL rate-limit store has fixed windows only');
      return new PostgresStore(routeOptions, `${routeOptions.routeInfo.method} ${routeOptions.routeInfo.url}\n`);
    }
  }
  return PostgresStore as unknown as FastifyRateLimitStoreCtor;
}
