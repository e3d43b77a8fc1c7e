import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../test/app.ts';

/** Pages and the stylesheet go out compressed when the browser asks for it, and plain when it does not. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = (url: string, encoding?: string) => t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('compression', () => {
  it('sends HTML as brotli or gzip as the browser prefers, the same page once unpacked', async () => {
    const plain = await get('/synpunkt');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('<form');

    const br = await get('/synpunkt', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const html = brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(html).toContain('<form');
    // The page has per-response parts (the form token), so compare its shape, not every byte.
    expect(html.length).toBeGreaterThan(plain.body.length * 0.9);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2.5);
    // Compressed in one go, not through a stream: so the length is known before the body is sent.
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);

    const gz = await get('/synpunkt', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toContain('<form');
  });

  it('sends the stylesheet compressed, byte for byte the same once unpacked', async () => {
    const plain = await get('/assets/app.css');
    const gz = await get('/assets/app.css', 'gzip');
    expect(gz.headers['content-type']).toMatch(/^text\/css/);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const br = await get('/assets/app.css', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
  });
});
