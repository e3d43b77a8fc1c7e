import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may read /metrics: anyone on this machine who reached the process directly (a Prometheus
 * agent beside it), and anyone else with the bearer token. A request that came through a reverse
 * proxy arrives from loopback too, so a forwarding header makes it count as coming from outside.
 */
export function metricsAccess(req: { remoteAddress: string | undefined; headers: Record<string, string | string[] | undefined> }, token: string | undefined): 'open' | 'token' | 'denied' {
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers['forwarded'] !== undefined || req.headers['x-real-ip'] !== undefined;
  if (!forwarded && isLoopback(req.remoteAddress)) return 'open';
  const auth = req.headers['authorization'];
  if (!token || typeof auth !== 'string' || !auth.startsWith('Bearer ')) return 'denied';
  return sameSecret(auth.slice('Bearer '.length), token) ? 'token' : 'denied';
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Compares digests, so neither the length nor the content of the token leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
