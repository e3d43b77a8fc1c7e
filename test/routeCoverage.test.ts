import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_DIR } from '../e2e/axeRecord.ts';
import { startTestApp, type TestContext } from './app.ts';
import { getRoutes, parseRouteTree, routeOf } from './routes.ts';

/**
 * The browser suite must know every page. Every GET route registered in Fastify is either a page
 * that a browser test (a file in e2e/ that runs axe) visits, or a written-down exception: files to
 * download, JSON and feeds for machines, operations endpoints, redirects to an identity provider.
 * A new page fails this test until a browser test visits it with axe.
 *
 * A page is checked when a browser test ran axe on it: e2e/browser.ts notes the route of every
 * page it checks, and each browser test file keeps what it checked in e2e/axe-checked/<file>.txt
 * (e2e/axeRecord.ts), which its own runs keep true. So this test reads what axe really checked,
 * not what a test file happens to mention, and needs no browser and no order among test files.
 */

const ROOT = resolve(import.meta.dirname, '..');
const E2E = join(ROOT, 'e2e');

/** Not pages: nobody reads them in a browser as HTML, so axe has nothing to check. */
const EXCEPTIONS: [RegExp, string][] = [
  [/^\/assets\//, 'stylesheets and scripts'],
  [/^\/api\//, 'JSON API'],
  [/^\/open311\//, 'Open311 API (JSON/XML)'],
  [/^\/(health|metrics)\b/, 'operations endpoints'],
  [/\.(csv|xlsx|pdf|eml|json|atom)$/, 'downloads, JSON and feeds'],
  [/\.:format$/, 'Open311 API (JSON/XML)'],
  [/\/bilagor\/:id$/, 'attachment download'],
  [/^\/synpunkt\/utmaning$/, 'ALTCHA challenge (JSON)'],
  [/^\/logga-in\/sso(\/callback)?$/, 'redirects to and from the identity provider'],
  [/^\/statistik\/arenden$/, 'the case list as a spreadsheet (xlsx or csv) download'],
  [/^\/handlaggning$/, 'redirect to the staff member\'s first page'],
  [/^\/favicon\.ico$/, 'redirect to the icon'],
];

/**
 * Pages without an axe check that this test can see (the route-coverage test came after them):
 * the work still to do. The list may only shrink: a page on it that a browser test starts to
 * visit fails this test until it is removed from here. Empty now: every page has its check.
 */
const NOT_YET_CHECKED: string[] = [];

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** The records of what axe checked, per browser test file. */
function records(): Map<string, string[]> {
  const files = existsSync(RECORD_DIR) ? readdirSync(RECORD_DIR).filter((f) => f.endsWith('.txt')) : [];
  return new Map(files.map((f) => [f.replace(/\.txt$/, ''), readFileSync(join(RECORD_DIR, f), 'utf8').split('\n').filter(Boolean)]));
}

describe('route coverage of the browser suite', () => {
  it('has an axe check for every page, or a written-down reason why not', () => {
    const routes = getRoutes(t.app);
    expect(routes).toContain('/handlaggning/arenden/:number');
    const recorded = records();
    const checked = new Set([...recorded.values()].flat());
    const pages = routes.filter((r) => !EXCEPTIONS.some(([re]) => re.test(r)));
    const unchecked = pages.filter((r) => !checked.has(r));
    expect(unchecked.filter((r) => !NOT_YET_CHECKED.includes(r)), 'pages no browser test runs axe on (e2e/axe-checked)').toEqual([]);
    expect(NOT_YET_CHECKED.filter((r) => !unchecked.includes(r)), 'checked now: remove from NOT_YET_CHECKED').toEqual([]);
    // A record belongs to a browser test file that exists, and names routes that exist: else it is out of date.
    expect([...recorded.keys()].filter((name) => !existsSync(join(E2E, `${name}.test.ts`))), 'records of browser test files that are gone').toEqual([]);
    expect([...checked].filter((r) => !routes.includes(r)), 'recorded routes the app no longer has: run their browser tests again').toEqual([]);
  });

  it('reads routes, and finds the route of a path, the way Fastify does', () => {
    const tree = ['└── / (GET)', '    ├── admin (GET)', '    │   ├── /arkiv/gallring (GET)', '    │   │   └── splan (GET)', '    │   └── /logg (GET)', '    └── svar/:number (GET)'].join('\n');
    expect(parseRouteTree(tree)).toEqual(['/', '/admin', '/admin/arkiv/gallring', '/admin/arkiv/gallringsplan', '/admin/logg', '/svar/:number']);
    const routes = ['/', '/svar', '/svar/:number', '/svar/flode.atom', '/arende/:token'];
    expect(routeOf(routes, '/svar/SYN-2026-00001')).toBe('/svar/:number');
    expect(routeOf(routes, '/svar/flode.atom')).toBe('/svar/flode.atom');
    expect(routeOf(routes, '/o/bolaget/svar')).toBe('/svar');
    expect(routeOf(routes, '/o/bolaget/')).toBe('/');
    expect(routeOf(routes, '/arende/x/y')).toBeUndefined();
  });
});
