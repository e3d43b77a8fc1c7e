/**
 * When to try again. Exponential back-off with a little jitter (so receivers that failed together
 * are not all retried in the same second), capped at six hours between attempts, for 24 hours
 * after the first attempt: the last attempt is made at 24 hours, then the delivery is given up.
 */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_DELAY_MS = 6 * 60 * 60 * 1000;

export interface RetryPolicy {
  /** The first retry's delay; each next one is three times longer. */
  baseDelayMs: number;
  /** Fraction of random spread, ±. */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 5_000, jitter: 0.1 };

/**
 * The delay before the next attempt after `attempts` failed ones, or null when the window is
 * used up. `elapsedMs` is the time since the first attempt; `retryAfterSeconds` is the
 * receiver's own wish (Retry-After), honoured within the window.
 */
export function nextDelay(policy: RetryPolicy, attempts: number, elapsedMs: number, retryAfterSeconds: number | null = null, random = Math.random): number | null {
  const remaining = RETRY_WINDOW_MS - elapsedMs;
  if (remaining <= 0) return null;
  const exponential = Math.min(policy.baseDelayMs * 3 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  const spread = exponential * policy.jitter * (2 * random() - 1);
  const wanted = Math.max(exponential + spread, (retryAfterSeconds ?? 0) * 1000);
  return Math.round(Math.min(wanted, remaining));
}
