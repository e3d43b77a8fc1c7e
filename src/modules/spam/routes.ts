import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';
import type { SpamGuard } from './guard.ts';

/** The widget's files as the package ships them; the worker and our set-up script beside it. */
const ASSETS: Record<string, { file: URL; type: string }> = {
  'altcha.js': { file: new URL(import.meta.resolve('altcha/external')), type: 'text/javascript' },
  'altcha.css': { file: new URL(import.meta.resolve('altcha/altcha.css')), type: 'text/css' },
  'pbkdf2.js': { file: new URL(import.meta.resolve('altcha/workers/pbkdf2')), type: 'text/javascript' },
  'setup.js': { file: new URL('./client/setup.js', import.meta.url), type: 'text/javascript' },
};

/** The proof-of-work challenge for the citizen form, and the widget served from our own origin. */
export const spamRoutes: FastifyPluginAsync<{ guard: SpamGuard }> = async (app, { guard }) => {
  const files = Object.fromEntries(Object.entries(ASSETS).map(([name, a]) => [name, { body: readFileSync(a.file), type: a.type }]));

  for (const [name, f] of Object.entries(files)) {
    app.get(`/assets/altcha/${name}`, async (_req, reply) =>
      reply.header('content-type', `${f.type}; charset=utf-8`).header('cache-control', 'public, max-age=3600').send(f.body),
    );
  }

  // A challenge is cheap to make but not free: a client asking for hundreds a minute is refused.
  app.get('/synpunkt/utmaning', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (_req, reply) =>
    reply.header('cache-control', 'no-store').send(await guard.altcha.challenge()),
  );
};
