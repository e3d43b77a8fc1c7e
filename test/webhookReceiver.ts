import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hooks,
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
