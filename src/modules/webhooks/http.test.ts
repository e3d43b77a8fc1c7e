import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardedFetch, networkPolicyOf } from '../../platform/internalNetwork.ts';
import { postWebhook } from './http.ts';

/** What the delivery log says when no answer came: the shared Swedish reason, with its code. */
describe('a failed webhook post', () => {
  it('names a refused connection in Swedish, with its code', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const r = await postWebhook(guardedFetch(networkPolicyOf('127.0.0.1')), `http://127.0.0.1:${port}/hook`, {}, '{}');
    expect(r).toMatchObject({ ok: false, status: null, error: 'Förfrågan misslyckades: anslutningen nekades, ECONNREFUSED' });
  });
});
