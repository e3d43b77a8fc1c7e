import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { getRoutes, routeOf } from '../test/routes.ts';
import { saveAxeRecord } from './axeRecord.ts';

/**
 * What every browser test shares: Debian's Chromium (never a downloaded browser), axe against
 * WCAG 2.1 A and AA, and waiting for a click to land on its page.
 */

// The flags keep Chromium from phoning home or needing a GPU or a sandbox, which a root-run CI
// container does not have.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The routes of the app this test file serves, and those whose pages axe has checked so far. */
const served: { origins: Set<string>; routes: Set<string> } = { origins: new Set(), routes: new Set() };
const checked = new Set<string>();

/** Serves the app on a free loopback port and returns its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  served.origins.add(origin);
  for (const r of getRoutes(app)) served.routes.add(r);
  return origin;
}

// Each test file has its own copy of this module, so this runs once after each file's tests.
// vitest reads a hook's first parameter as fixtures, and wants it destructured.
afterAll(({}, suite) => saveAxeRecord(suite, checked));

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails with a readable list of axe's findings on the page, if any. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  await recordChecked(page);
  const report = violations
    .map((v) => [`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`, ...v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)].join('\n'))
    .join('\n');
  expect(violations, `axe found problems on the ${what}:\n${report}`).toHaveLength(0);
}

/**
 * Notes the route whose page axe just checked, for the route-coverage test. A not-found page is
 * not the page of the route its address happens to match (/svar/SYN-2026-99999 is no answer).
 */
async function recordChecked(page: Page): Promise<void> {
  const url = new URL(page.url());
  if (!served.origins.has(url.origin)) return;
  const status = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseStatus ?? 0);
  if (status === 404 || status >= 500) return;
  const route = routeOf([...served.routes], url.pathname);
  if (route) checked.add(route);
}

/** Clicks something that submits or navigates and returns the status of the page it lands on (after redirects). */
export async function clickAndWait(page: Page, click: () => Promise<void>): Promise<number> {
  const landed = (r: { status(): number; request(): { isNavigationRequest(): boolean } }) => r.request().isNavigationRequest() && (r.status() < 300 || r.status() >= 400);
  const [response] = await Promise.all([page.waitForEvent('response', landed), click()]);
  await page.waitForLoadState('load');
  return response.status();
}

/**
 * The description lists on the page whose values are squeezed: narrower than `share` of the list.
 * On a narrow screen a label column left the values a sliver ("Samh ällsby ggna d"); stacked, each
 * value has the list's whole width.
 */
export function squeezedValues(page: Page, share = 0.9): Promise<string[]> {
  return page.evaluate(
    (s) =>
      [...document.querySelectorAll('main dl')].flatMap((dl) => {
        const full = dl.getBoundingClientRect().width;
        return [...dl.querySelectorAll('dd')].filter((dd) => dd.getBoundingClientRect().width < full * s).map((dd) => `${dl.className}: ${dd.textContent?.slice(0, 40)} (${Math.round(dd.getBoundingClientRect().width)} of ${Math.round(full)} px)`);
      }),
    share,
  );
}
