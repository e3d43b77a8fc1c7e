import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, startTestApp, type TestContext } from '../../test/app.ts';
import { TEST_MAIL } from '../../test/jobs.ts';
import { trustProxyOf } from '../config.ts';

/**
 * Who the client is and where links point are not the client's to say: X-Forwarded-For counts
 * only from the proxies in TRUST_PROXY, and links are built from PUBLIC_URL, never from Host or
 * X-Forwarded-Host (else a forged header puts the attacker's site into our mail and pages).
 */

const ATTACKER = 'angripare.example';
const forged = (i: number) => ({ host: ATTACKER, 'x-forwarded-host': ATTACKER, 'x-forwarded-proto': 'http', 'x-forwarded-for': `198.51.100.${i}` });

/** Sign-in attempts, each claiming another client address, until the limit (30 a minute) answers. */
async function signInAttempts(t: TestContext, n: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 1; i <= n; i++) codes.push((await t.app.inject({ method: 'POST', url: '/logga-in', headers: { ...FORM, ...forged(i) }, payload: 'email=a%40b.se&password=x' })).statusCode);
  return codes;
}

describe('TRUST_PROXY', () => {
  it('takes addresses, ranges and named ranges, and refuses to trust everyone', () => {
    expect(trustProxyOf(undefined)).toBeUndefined();
    expect(trustProxyOf(' 127.0.0.1, 10.0.0.0/8 ,::1,loopback')).toBe('127.0.0.1,10.0.0.0/8,::1,loopback');
    for (const bad of ['true', '*', '1', 'proxy.example', '10.0.0.0/8/1']) expect(() => trustProxyOf(bad), bad).toThrow(/TRUST_PROXY/);
  });
});

describe('without TRUST_PROXY', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({ config: { mail: TEST_MAIL } });
  });
  afterAll(() => t.close());

  it('counts a client by its own address, whatever X-Forwarded-For says', async () => {
    expect((await signInAttempts(t, 31)).at(-1)).toBe(429);
  });

  it('builds links from PUBLIC_URL, not from Host or X-Forwarded-Host', async () => {
    const feed = await t.app.inject({ url: '/svar/flode.atom', headers: forged(1) });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain(`${TEST_MAIL.publicUrl}/svar/flode.atom`);
    expect(feed.body).not.toContain(ATTACKER);
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let t: TestContext;
  beforeAll(async () => {
    // inject() comes from 127.0.0.1, standing in for the proxy.
    t = await startTestApp({ config: { mail: TEST_MAIL, trustProxy: trustProxyOf('127.0.0.1') } });
  });
  afterAll(() => t.close());

  it("believes the proxy about the client's address, so one client's attempts do not limit another", async () => {
    expect(await signInAttempts(t, 31)).not.toContain(429);
  });

  it('still builds links from PUBLIC_URL', async () => {
    const feed = await t.app.inject({ url: '/svar/flode.atom', headers: forged(1) });
    expect(feed.body).toContain(`${TEST_MAIL.publicUrl}/svar/flode.atom`);
    expect(feed.body).not.toContain(ATTACKER);
  });
});
