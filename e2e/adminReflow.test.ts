import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../test/app.ts';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { retentionCases } from '../src/modules/retention/testFixture.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * The administration on a narrow screen (320 CSS pixels, or 1280 px at 400 % zoom; WCAG 1.4.10):
 * every admin page the administrator reaches from the admin menu and the pages it links to, with
 * rows in its tables. The page itself never scrolls sideways; a wide table scrolls inside its
 * own box, which the keyboard can reach and a screen reader names.
 */

let t: TestContext;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2029-03-01T08:00:00Z' });
  const id = async (table: 'org_units' | 'categories', name: string) => (await t.db.selectFrom(table).select('id').where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  await retentionCases(t.db, { id: t.orgId, unitId: await id('org_units', 'Gata och park'), areaId: await id('categories', 'Bemötande') });
  // Rows for the tables that are empty in a new organization, made as the pages make them.
  const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
  expect((await admin.post('/admin/api-nycklar', { name: 'Ärendesystemet i kontaktcenter', role: 'registrar' }, { csrfFrom: '/admin/api-nycklar' })).statusCode).toBe(201);
  expect((await admin.post('/admin/arkiv/registerutdrag', { kind: 'email', value: 'asa@example.se', what: 'erasure' }, { csrfFrom: '/admin/arkiv/registerutdrag' })).statusCode).toBe(303);
  expect((await admin.post('/admin/arkiv/e-arkiv', { year: '2026' }, { csrfFrom: '/admin/arkiv/e-arkiv' })).statusCode).toBe(200);
  // Straight into the tables: no address is ever called, and no backup is really made.
  await t.db.insertInto('webhook_subscriptions').values({ organization_id: t.orgId, url: 'https://arendesystem.example/lyhord/handelser', event_types: ['case.created', 'case.closed'], secret_sealed: Buffer.alloc(32) }).execute();
  await t.db.insertInto('backup_runs').values({ kind: 'manual', status: 'ok', file: '/var/backups/lyhord/lyhord-2029-03-01T0700.dump', bytes: 123_456_789, tables: 61, rows: 98_765, error: null, started_at: new Date('2029-03-01T07:00:00Z'), finished_at: new Date('2029-03-01T07:02:00Z') }).execute();
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What is wrong with the page at this width: the page wider than the window, or a table outside a named, focusable scroll box. */
const problems = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.scrollWidth;
    if (width > document.documentElement.clientWidth) out.push(`the page is ${width} px wide`);
    for (const table of document.querySelectorAll('main table')) {
      const box = table.parentElement;
      const named = box?.hasAttribute('aria-label') || box?.hasAttribute('aria-labelledby');
      const scrolls = box && getComputedStyle(box).overflowX === 'auto';
      if (!box || !scrolls || box.getAttribute('role') !== 'region' || box.getAttribute('tabindex') !== '0' || !named) {
        out.push(`a table (${table.querySelector('caption')?.textContent ?? 'no caption'}) is not in a named, focusable scroll box`);
      }
    }
    return out;
  });

describe('the administration at 320 px', () => {
  it('never scrolls sideways: wide tables scroll in their own box', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/logga-in`);
    await page.getByLabel('E-postadress').fill('admin@exempelkommun.se');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);

    // The admin menu's pages, and the admin pages they link to: one step further.
    const links = async () =>
      page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="/admin"], nav a[href^="/admin"]')].map((a) => a.getAttribute('href')!.split('#')[0]!));
    await page.goto(`${baseUrl}/admin`);
    const queue = [...new Set(['/admin', ...(await links())])];
    const seen = new Set<string>();
    const withTables: string[] = [];
    const found: Record<string, string[]> = {};
    while (queue.length && seen.size < 80) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await page.goto(`${baseUrl}${path}`);
      if (!res || res.status() !== 200 || !res.headers()['content-type']?.startsWith('text/html')) continue;
      const p = await problems(page);
      if (p.length) found[path] = p;
      if (await page.locator('main table').count()) withTables.push(path);
      const depth = path === '/admin' || !path.slice('/admin/'.length).includes('/') ? 1 : 2;
      if (depth === 1) for (const l of await links()) if (!seen.has(l)) queue.push(l);
    }
    expect(found).toEqual({});
    // The pages the walk-through found too wide, among others, were visited with rows in their tables.
    for (const path of ['/admin/organisationer', '/admin/personer', '/admin/kategorier', '/admin/svarsmallar', '/admin/logg', '/admin/api-nycklar', '/admin/sakerhetskopior', '/admin/webhooks', '/admin/arkiv/gallringsplan', '/admin/arkiv/e-arkiv', '/admin/arkiv/registerutdrag', '/admin/arkiv/bevarandestopp']) {
      expect(withTables, path).toContain(path);
    }
    expect(withTables.some((p) => /^\/admin\/personer\/[0-9a-f-]{36}$/.test(p)), 'a person page').toBe(true);

    // The wide table of people scrolls by keyboard, and the page passes axe at this width.
    await page.goto(`${baseUrl}/admin/personer`);
    const box = page.locator('main .table-scroll').first();
    expect(await box.evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await box.evaluate((b) => new Promise<boolean>((done) => {
      const start = Date.now();
      const check = () => (b.scrollLeft > 0 ? done(true) : Date.now() - start > 3000 ? done(false) : requestAnimationFrame(check));
      check();
    }))).toBe(true);
    await expectNoAxeViolations(page, '/admin/personer at 320 px');
    await context.close();
  });
});
