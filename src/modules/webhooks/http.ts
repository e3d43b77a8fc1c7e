import { isInternalAddressRefusal, type GuardedFetch } from '../../platform/internalNetwork.ts';
import { networkProblem } from '../../platform/networkError.ts';

/**
 * One POST to a receiver. Success is a 2xx answer within the time limit; anything else is a
 * failure described in Swedish for the delivery log. Redirects are not followed (the Standard
 * Webhooks advice: a moved receiver should get its URL updated), and nothing of the answer's
 * body is kept, so a receiver cannot put anything into our log but its status code.
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** 410 Gone: the receiver wants no more deliveries. */
  gone: boolean;
  /** Seconds the receiver asked us to wait (Retry-After), if it said. */
  retryAfterSeconds: number | null;
}

export async function postWebhook(fetch: GuardedFetch, url: string, headers: Record<string, string>, body: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PostResult> {
  // Loading the agent (once per process, up to a second on a busy machine) is not the receiver's time.
  await fetch.ready();
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'user-agent': 'Lyhord-Webhooks/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is never read: dropping it releases the connection, however large it is.
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      status: res.status,
      error: ok ? null : `Mottagaren svarade ${res.status}${res.status >= 300 && res.status < 400 ? ' (omdirigering följs inte; ändra adressen)' : ''}`,
      durationMs: durationMs(),
      gone: res.status === 410,
      retryAfterSeconds: retryAfter(res.headers.get('retry-after')),
    };
  } catch (err) {
    return { ok: false, status: null, error: describe(err, timeoutMs), durationMs: durationMs(), gone: false, retryAfterSeconds: null };
  }
}

function retryAfter(v: string | null): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `Inget svar inom ${timeoutMs / 1000} s`;
  // Refused before connecting: the same words whether or not anything answers there.
  if (isInternalAddressRefusal(err)) return 'Adressen leder till den här servern eller ett internt nätverk; inget skickades (se inställningen WEBHOOK_ALLOW_PRIVATE_TARGETS)';
  return `Förfrågan misslyckades: ${networkProblem(err)}`;
}
