import autocannon from 'autocannon';

export interface LoadResult {
  /** Completed requests per second. */
  rate: number;
  completed: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Keeps `connections` requests in flight against `url` for `seconds`, each request built anew
 * by `request()`. Fails if any response is not `expectStatus`: a benchmark that quietly
 * measures error pages measures the wrong thing.
 */
export async function load(opts: {
  url: string;
  connections: number;
  seconds: number;
  request: () => { method: string; path: string; headers: Record<string, string>; body: string };
  expectStatus: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...opts.request() }) }],
  });
  const codes = Object.entries(result.statusCodeStats);
  const unexpected = codes.filter(([code]) => Number(code) !== opts.expectStatus);
  if (result.errors > 0 || unexpected.length > 0) {
    const seen = codes.map(([code, { count }]) => `${code}×${count}`).join(', ');
    throw new Error(`${opts.url}: expected only ${opts.expectStatus}, got ${seen || 'no responses'}; ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const completed = result.statusCodeStats[opts.expectStatus]?.count ?? 0;
  return { rate: completed / result.duration, completed, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}
