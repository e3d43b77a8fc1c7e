import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkPolicyOf } from '../src/platform/internalNetwork.ts';

/**
 * The receiver listens on loopback, which an installation refuses by default: tests that deliver
 * to it allow it, as an installation would with WEBHOOK_ALLOW_PRIVATE_TARGETS=127.0.0.1, both in
 * the app (saving the subscription) and in the job runner (delivering).
 */
export const RECEIVER_HOST = '127.0.0.1';
export const RECEIVER_NETWORK = networkPolicyOf(RECEIVER_HOST);

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What to do with a request: answer with a status, or hang (never answer). */
export type Behaviour = (hook: ReceivedHook, nth: number) => number | 'hang';

/** A real HTTP server on loopback that keeps every request; each path can behave its own way. */
export interface WebhookReceiver {
  url(path: string): string;
  hooks: ReceivedHook[];
  /** TCP connections accepted so far, requests or not. */
  connections(): number;
  on(path: string, behaviour: Behaviour): void;
  /** Waits until `predicate` holds for the hooks received on a path. */
  waitFor(path: string, predicate: (hooks: ReceivedHook[]) => boolean, timeoutMs?: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hooks: ReceivedHook[] = [];
  const behaviours = new Map<string, Behaviour>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      hooks.push(hook);
      const nth = hooks.filter((h) => h.path === hook.path).length;
      const answer = (behaviours.get(hook.path) ?? (() => 200))(hook, nth);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'nej');
    });
  });
  let connections = 0;
  server.on('connection', () => void connections++);
  await new Promise<void>((resolve) => server.listen(0, RECEIVER_HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://${RECEIVER_HOST}:${port}${path}`,
    hooks,
    connections: () => connections,
    on: (path, b) => void behaviours.set(path, b),
    async waitFor(path, predicate, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const mine = hooks.filter((h) => h.path === path);
        if (predicate(mine)) return mine;
        if (Date.now() > until) throw new Error(`Timed out waiting for webhooks on ${path}; got ${mine.length}: ${mine.map((h) => h.body).join('\n')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
