/**
 * Why a request to another server failed, in Swedish words to put inside a sentence. Node's fetch
 * says only "fetch failed" and keeps the reason (a refused connection, a bad certificate, a
 * timeout) in its cause; openid-client keeps the answer it could not use. The technical code
 * follows the words, for whoever looks further.
 */
const KNOWN: Record<string, string> = {
  ECONNREFUSED: 'anslutningen nekades',
  ECONNRESET: 'anslutningen bröts',
  ENOTFOUND: 'värdnamnet finns inte',
  EAI_AGAIN: 'värdnamnet gick inte att slå upp',
  EHOSTUNREACH: 'servern går inte att nå',
  ENETUNREACH: 'nätverket går inte att nå',
  ETIMEDOUT: 'inget svar i tid',
  UND_ERR_CONNECT_TIMEOUT: 'inget svar i tid',
  UND_ERR_HEADERS_TIMEOUT: 'inget svar i tid',
  CERT_HAS_EXPIRED: 'serverns certifikat har gått ut',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'servern har ett självsignerat certifikat',
  SELF_SIGNED_CERT_IN_CHAIN: 'servern har ett självsignerat certifikat',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'serverns certifikat gick inte att verifiera',
  ERR_TLS_CERT_ALTNAME_INVALID: 'serverns certifikat gäller ett annat namn',
};

export function networkProblem(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { name?: string; code?: string; status?: unknown };
    if (x.name === 'TimeoutError' || x.name === 'AbortError') return 'inget svar i tid';
    if (x.code && KNOWN[x.code]) return `${KNOWN[x.code]}, ${x.code}`;
    // fetch refuses ports browsers never call (1, 25, 6000 …): https://fetch.spec.whatwg.org/#bad-port
    if (e instanceof Error && e.message === 'bad port') return 'porten går inte att använda';
    // openid-client's cause for an answer it could not use is the Response itself.
    if (typeof x.status === 'number' && x.status >= 300) return `svarade med HTTP-status ${x.status}`;
    if (typeof x.code === 'string' && x.code.startsWith('OAUTH_')) return `svaret gick inte att läsa, ${x.code}`;
  }
  return 'okänt fel';
}
