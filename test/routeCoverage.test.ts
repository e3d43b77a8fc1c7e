import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from './app.ts';

/**
 * The browser suite must know every page. Every GET route registered in Fastify is either a page
 * that a browser test (a file in e2e/ that runs axe) visits, or a written-down exception: files to
 * download, JSON and feeds for machines, operations endpoints, redirects to an identity provider.
 * A new page fails this test until a browser test visits it with axe.
 *
 * A page "visited" is one whose path a browser test file writes (a string, a template or a
 * regular expression it expects the URL to match); the files run axe on the pages they walk.
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
];

/**
 * Pages without an axe check that this test can see (the route-coverage test came after them):
 * the work still to do. The list may only shrink: a page on it that a browser test starts to
 * visit fails this test until it is removed from here. Empty now: every page has its check.
 */
const NOT_YET_CHECKED: string[] = [];

/** Every GET route, from Fastify's own route tree. */
function getRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│├└─\s]*)(\S.*?) \(GET[^)]*\)$/.exec(line);
    if (!m) continue;
    const depth = Math.round(m[1]!.length / 4);
    stack.length = depth;
    stack.push(m[2]!);
    routes.push(stack.join('').replace(/^\/\//, '/'));
  }
  return routes;
}

const HOLE = '\u0000';

/** The paths a browser test file writes: strings, templates (${…} as a hole) and URL regular expressions. */
function writtenPaths(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) found.push(n.text);
    else if (ts.isTemplateExpression(n)) found.push(n.head.text + n.templateSpans.map((s) => HOLE + s.literal.text).join(''));
    else if (ts.isRegularExpressionLiteral(n)) {
      const source = n.text.slice(1, n.text.lastIndexOf('/'));
      found.push(
        source
          .replace(/\\\//g, '/')
          .replace(/\[[^\]]*\](\{[\d,]+\}|[+*])?|\\d[+*]?(\{[\d,]+\})?|\.[+*]|\([^)]*\)[?+*]?/g, HOLE)
          .replace(/^\^|\$$/g, ''),
      );
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found
    .map((s) => s.replace(new RegExp(`^(${HOLE}|https?://[^/]+)+`), ''))
    .filter((s) => s.startsWith('/'))
    .map((s) => s.replace(/^\/o\/[^/]+(?=\/)/, '').replace(/[?#].*$/, ''));
}

const asRegExp = (route: string) =>
  new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`);

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('route coverage of the browser suite', () => {
  it('has an axe check for every page, or a written-down reason why not', () => {
    const routes = getRoutes(t.app.printRoutes({ commonPrefix: false, method: 'GET' }));
    expect(routes).toContain('/handlaggning/arenden/:number');
    const axeFiles = readdirSync(E2E)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => join(E2E, f))
      .filter((f) => /expectNoAxeViolations|expectAccessible/.test(readFileSync(f, 'utf8')));
    const visited = axeFiles.flatMap(writtenPaths);
    const pages = routes.filter((r) => !EXCEPTIONS.some(([re]) => re.test(r)));
    const unchecked = pages.filter((r) => !visited.some((p) => asRegExp(r).test(p)));
    expect(unchecked.filter((r) => !NOT_YET_CHECKED.includes(r)), 'pages without an axe check in e2e/').toEqual([]);
    expect(NOT_YET_CHECKED.filter((r) => !unchecked.includes(r)), 'checked now: remove from NOT_YET_CHECKED').toEqual([]);
  });

  it('reads routes and paths the way they are written', () => {
    const tree = ['└── / (GET)', '    ├── admin (GET)', '    │   ├── /arkiv/gallring (GET)', '    │   │   └── splan (GET)', '    │   └── /logg (GET)', '    └── svar/:number (GET)'].join('\n');
    expect(getRoutes(tree)).toEqual(['/', '/admin', '/admin/arkiv/gallring', '/admin/arkiv/gallringsplan', '/admin/logg', '/svar/:number']);
    expect(asRegExp('/svar/:number').test(`/svar/${HOLE}`)).toBe(true);
    expect(asRegExp('/svar/:number').test('/svar/SYN-2026-00001')).toBe(true);
    expect(asRegExp('/svar/:number').test('/svar')).toBe(false);
    expect(asRegExp('/arende/:token').test('/arende/x/y')).toBe(false);
  });
});
