import type { FastifyInstance } from 'fastify';

/**
 * The app's GET routes as Fastify registered them, and which of them a concrete path is: shared
 * by the browser tests (which record the routes axe checked) and the route-coverage test.
 */

/** Every route and its methods, from Fastify's own route tree (printRoutes without a common prefix). */
export function parseRouteMethods(tree: string): { url: string; methods: string[] }[] {
  const routes: { url: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│├└─\s]*)(\S.*?) \(([A-Z]+(?:, [A-Z]+)*)\)$/.exec(line);
    if (!m) continue;
    const depth = Math.round(m[1]!.length / 4);
    stack.length = depth;
    stack.push(m[2]!);
    routes.push({ url: stack.join('').replace(/^\/\//, '/'), methods: m[3]!.split(', ') });
  }
  return routes;
}

/** Every GET route, from Fastify's own route tree. */
export const parseRouteTree = (tree: string): string[] => parseRouteMethods(tree).filter((r) => r.methods.includes('GET')).map((r) => r.url);

/** Every route of the app with its methods (HEAD and OPTIONS left out: Fastify answers HEAD with the GET handler). */
export const allRoutes = (app: FastifyInstance) =>
  parseRouteMethods(app.printRoutes({ commonPrefix: false }))
    .map((r) => ({ url: r.url, methods: r.methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS') }))
    .filter((r) => r.methods.length > 0);

export const getRoutes = (app: FastifyInstance): string[] => parseRouteTree(app.printRoutes({ commonPrefix: false, method: 'GET' }));

export const asRegExp = (route: string) => new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`);

const params = (route: string) => (route.match(/:[A-Za-z]+/g) ?? []).length;

/**
 * The route a path is served by, as Fastify chooses it: another organization's /o/<slug> prefix
 * comes off first (tenant.ts routes every organization through the same routes), and a static
 * route wins over one with parameters (/svar/flode.atom before /svar/:number). Undefined for a
 * path no route serves (the not-found page).
 */
export function routeOf(routes: readonly string[], pathname: string): string | undefined {
  const path = pathname.replace(/^\/o\/[a-z0-9][a-z0-9-]{1,62}(?=\/|$)/, '') || '/';
  const matching = routes.filter((r) => asRegExp(r).test(path));
  return matching.sort((a, b) => params(a) - params(b) || b.length - a.length)[0];
}
