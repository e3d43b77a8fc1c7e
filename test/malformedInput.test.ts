import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/modules/api/openapi.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { createLogger } from '../src/platform/logging.ts';
import { newApiKey } from './api.ts';
import { FORM, form, multipart, PNG_FILE, Session, startTestApp, VALID_SUBMISSION, type TestContext } from './app.ts';
import { bodyVariants, HOSTILE_PARAMS, PERSONAL, queryVariants, type Body } from './malformedRequests.ts';
import { allRoutes, routeOf } from './routes.ts';
import { assignedTo, DEMO } from './staffCases.ts';

/**
 * "Bad input gets a clear message, never a 500": every route the app registers (read from
 * Fastify's route tree, so a new route is fuzzed without anyone adding it here) gets hostile path
 * parameters, malformed query strings and malformed bodies, from an anonymous visitor, a handler,
 * an administrator (both with a valid CSRF token, so requests reach the handlers) and an API key.
 * Any 5xx fails, naming the request. The server's log of all this must hold none of the personal
 * data the requests carried.
 */

interface Actor {
  name: string;
  headers: Record<string, string>;
  csrf: string;
  /** Requests this actor does not make, and why. */
  skip?: (method: string, route: string) => boolean;
}

interface Failure {
  actor: string;
  method: string;
  url: string;
  variant: string;
  status: number;
  body: string;
}

let t: TestContext;
const log: string[] = [];
let actors: Actor[];
/** Known values for path parameters: the case and its tokens, and what the pages link to. */
const known: Record<string, string> = { format: 'json' };
const foreign: Record<string, string> = {};

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _enc, done) {
      log.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  t = await startTestApp({ staff: true, logger: createLogger({ level: 'info', destination }) });
  // With a photo, so the case page links to an attachment (a route with an id of its own).
  const sent = await t.app.inject({ method: 'POST', url: '/synpunkt', ...multipart(VALID_SUBMISSION, [{ filename: 'bild.png', content: PNG_FILE, type: 'image/png' }]) });
  expect(sent.statusCode, sent.body.slice(0, 300)).toBe(303);
  const token = sent.headers.location!.split('/').pop()!;
  const number = (await t.app.inject(sent.headers.location!)).body.match(/SYN-\d{4}-\d{5}/)![0];
  await assignedTo(t, number, 'Gata och park', DEMO.handlerGata, { subcategory: 'Gator och vägar' });
  Object.assign(known, { number, token });
  // Another organization's case: its number and token must lead nowhere from this organization.
  await seedDemoOrganization(t.db, { slug: 'annan', name: 'Annan kommun', isDefault: false });
  const other = await t.app.inject({ method: 'POST', url: '/o/annan/synpunkt', headers: FORM, payload: form(VALID_SUBMISSION) });
  expect(other.statusCode, other.body.slice(0, 300)).toBe(303);
  foreign.token = other.headers.location!.split('/').pop()!;

  const signedIn = async (name: string, email?: string): Promise<Actor> => {
    const s = new Session(t.app);
    if (email) await s.signIn(email);
    const csrf = await s.csrf();
    return { name, csrf, headers: { cookie: s.cookieHeader(), 'x-csrf-token': csrf } };
  };
  // Signing out would end the session the rest of the run uses: only the anonymous visitor tries it.
  const keepSession = (method: string, route: string) => method === 'POST' && route === '/logga-ut';
  const key = await newApiKey(t.db, t.orgId, 'admin');
  actors = [
    await signedIn('anonymous'),
    { ...(await signedIn('handler', DEMO.handlerGata)), skip: keepSession },
    { ...(await signedIn('admin', DEMO.admin)), skip: keepSession },
    { name: 'API key', csrf: '', headers: { authorization: `Bearer ${key}` }, skip: (_m, route) => !/^\/(api|open311)\//.test(route) },
  ];
}, 120_000);
afterAll(() => t?.close());

const fill = (route: string, value: (param: string) => string | undefined) => {
  let complete = true;
  const url = route.replace(/:([A-Za-z]+)/g, (_, p: string) => value(p) ?? ((complete = false), ''));
  return complete ? url : undefined;
};
const pathOf = (href: string) => href.replace(/&amp;/g, '&').split(/[?#]/)[0]!;

describe('malformed input on every route', () => {
  it('never gets a 5xx, and the log keeps no personal data', { timeout: 240_000 }, async () => {
    const routes = allRoutes(t.app);
    const urls = routes.map((r) => r.url);
    expect(urls).toContain('/handlaggning/arenden/:number/anteckning');

    // Read the pages each signed-in actor sees: their links and forms give existing ids for the
    // routes with parameters, and their fields the names that bodies and query strings use. A
    // second round reads the pages found in the first (a unit's page has the unit's forms).
    const existing = new Map<string, string>();
    const fields = new Set<string>();
    const read = new Set<string>();
    for (const actor of [1, 2, 1, 2].map((i) => actors[i]!)) {
      for (const r of routes.filter((x) => x.methods.includes('GET'))) {
        const url = existing.get(r.url) ?? fill(r.url, (p) => known[p]);
        if (!url || read.has(`${actor.name} ${url}`)) continue;
        read.add(`${actor.name} ${url}`);
        const res = await t.app.inject({ method: 'GET', url, headers: actor.headers });
        if (!String(res.headers['content-type']).startsWith('text/html')) continue;
        for (const m of res.body.matchAll(/name="([^"]+)"/g)) fields.add(m[1]!);
        for (const m of res.body.matchAll(/(?:href|action)="(\/[^"]*)"/g)) {
          const path = pathOf(m[1]!);
          const route = routeOf(urls, path);
          if (route?.includes(':') && !existing.has(route)) existing.set(route, path);
        }
      }
    }
    const walk = (x: unknown, key?: string): void => {
      if (!x || typeof x !== 'object') return;
      if (key === 'properties') for (const k of Object.keys(x)) fields.add(k);
      for (const [k, v] of Object.entries(x)) walk(v, k);
    };
    walk(openApiDocument());
    for (const f of ['_csrf', 'charset', 'utf8']) fields.delete(f);
    const names = [...fields].sort();
    expect(names).toEqual(expect.arrayContaining(['description', 'version', 'email']));

    const failures: Failure[] = [];
    let count = 0;
    const send = async (actor: Actor, method: string, url: string, variant: string, body?: Body) => {
      count++;
      const res = await t.app.inject({ method: method as 'GET', url, headers: { ...actor.headers, ...body?.headers }, payload: body?.payload });
      if (res.statusCode < 500) return;
      // The page says only that something went wrong; the log says what (its error is scrubbed of personal data).
      const line = log.find((l) => l.includes(`"reqId":"${String(res.headers['x-request-id'])}"`) && l.includes('"err"'));
      const err = line ? (JSON.parse(line) as { err?: { message?: string; stack?: string[] } }).err : undefined;
      const why = err ? `${err.message} ${err.stack?.slice(0, 3).join(' ')}` : res.body.replace(/\s+/g, ' ').slice(0, 300);
      failures.push({ actor: actor.name, method, url: url.slice(0, 200), variant, status: res.statusCode, body: why });
    };

    const queries = queryVariants(names);
    for (const actor of actors) {
      const bodies = bodyVariants(names, actor.csrf);
      for (const r of routes) {
        // A route's own values, those of another organization, and hostile ones.
        const primary = r.url.includes(':') ? (existing.get(r.url) ?? fill(r.url, (p) => known[p])) : r.url;
        const variants: [string, string][] = [
          ...(primary ? [['existing', primary] as [string, string]] : []),
          ...(r.url.includes(':') ? HOSTILE_PARAMS.map(([what, v]): [string, string] => [`param ${what}`, fill(r.url, (p) => (p === 'format' && what !== 'not an id' ? 'json' : v))!]) : []),
          ...(r.url.includes(':token') ? [['another organization\'s token', fill(r.url, (p) => foreign[p] ?? known[p] ?? 'x')!] as [string, string]] : []),
          ...(r.url.includes('.:format') ? [['format xml', fill(r.url, (p) => (p === 'format' ? 'xml' : (known[p] ?? 'x')))!] as [string, string]] : []),
        ];
        const main = primary ?? variants[0]![1];
        for (const method of r.methods) {
          if (actor.skip?.(method, r.url)) continue;
          for (const [what, url] of variants) await send(actor, method, url, what, method === 'GET' ? undefined : { headers: FORM, payload: `_csrf=${encodeURIComponent(actor.csrf)}` });
          if (method === 'GET') for (const [what, q] of queries) await send(actor, method, `${main}?${q}`, `query ${what}`);
          else for (const [what, body] of bodies) await send(actor, method, main, what, body);
        }
      }
    }

    const report = failures.map((f) => `${f.actor}: ${f.method} ${f.url} [${f.variant}] → ${f.status}: ${f.body}`).join('\n');
    expect(failures.length, `${failures.length} of ${count} requests answered 5xx:\n${report}`).toBe(0);

    // The sessions lasted the whole run, so every route was reached signed in.
    for (const actor of actors.slice(1, 3)) expect((await t.app.inject({ method: 'GET', url: '/handlaggning/arenden', headers: actor.headers })).statusCode, actor.name).toBe(200);

    // The requests were logged (the public form's among them), so the log's silence about the personal data counts.
    expect(log.some((l) => l.includes('"route":"/synpunkt"') && l.includes('"method":"POST"'))).toBe(true);
    const leaked = log.filter((l) => l.includes('Lögnström') || l.includes('Fuzzbertha') || l.includes(PERSONAL.email) || l.includes(PERSONAL.phone));
    expect(leaked, 'log lines with personal data from a request').toEqual([]);
  });
});
