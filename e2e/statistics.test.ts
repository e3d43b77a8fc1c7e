import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../test/app.ts';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { refreshStatistics } from '../src/modules/statistics/rollup.ts';
import { buildFixture } from '../src/modules/statistics/testFixture.ts';
import { expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * The statistics as people meet them, in a real Chromium: a reader's statistics page, the
 * committee report (screen and print), its PDF, and the public page. Every page is checked
 * with axe against WCAG 2.1 A and AA.
 */

let t: TestContext;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
  await buildFixture(t.db, t.orgId);
  await refreshStatistics(t.db, '2026-12-22');
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const expectAccessible = expectNoAxeViolations;

async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/logga-in')), page.getByRole('button', { name: 'Logga in' }).click()]);
}

/** How many pages a PDF has: its page tree's /Count. */
function pdfPageCount(pdf: Buffer): number {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type \/Pages[^>]*?\/Count (\d+)/g)].map((m) => Number(m[1]));
  return Math.max(0, ...counts);
}

describe('statistics in the browser', () => {
  it('shows a reader the statistics page, accessible, working without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', javaScriptEnabled: true });
    const page = await context.newPage();
    await signIn(page, 'lasare@exempelkommun.se');
    expect((await page.goto(`${baseUrl}/statistik`))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Statistik');
    // The charts are images with names; their numbers are in tables next to them.
    expect(await page.getByRole('img', { name: /inkomna synpunkter per månad, uppdelat på typ/ }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Inkomna synpunkter per månad och typ/ }).count()).toBe(1);
    await expectAccessible(page, 'statistics page');

    // Choosing another period is a plain GET form.
    await page.getByLabel('Från och med månad').selectOption('2026-04');
    await page.getByLabel('Dela upp per').selectOption('kind');
    await Promise.all([page.waitForURL(/fran=2026-04/), page.getByRole('button', { name: 'Visa statistik' }).click()]);
    await expect(page.getByRole('heading', { name: 'Per typ' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'statistics page grouped by kind');

    // A number leads to the cases behind it.
    await Promise.all([page.waitForURL(/\/handlaggning\/arenden/), page.getByRole('table', { name: /Sammanfattning/ }).getByRole('row', { name: /^Inkomna synpunkter/ }).getByRole('link').first().click()]);
    expect(new URL(page.url()).searchParams.get('status')).toBe('alla');
    await context.close();
  });

  it('makes the committee report, accessible on screen and printable, and its PDF with the expected pages', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, 'lasare@exempelkommun.se');
    const url = `${baseUrl}/statistik/rapport?namnd=${encodeURIComponent('Barn- och utbildningsnämnden')}&period=2026-H1`;
    expect((await page.goto(url))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Synpunkter – rapport till Barn- och utbildningsnämnden');
    await expectAccessible(page, 'committee report');
    // Print: the forms and the navigation go, the report stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.stat-form').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    const printed = await page.pdf({ format: 'A4' });
    expect(pdfPageCount(printed)).toBeGreaterThanOrEqual(6);
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner rapporten som PDF' }).click()]);
    const pdf = Buffer.from(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[])));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Summary, months, times and deadlines, per unit, subcategories and referrals, measures.
    expect(pdfPageCount(pdf)).toBe(6);
    expect(download.suggestedFilename()).toBe('synpunkter-barn-och-utbildningsnamnden-2026-H1.pdf');

    // The kommunstyrelse's yearly report: all förvaltningar side by side, one page more.
    const ks = await page.request.get(`${baseUrl}/statistik/rapport.pdf?namnd=alla&period=2026`);
    expect(ks.status()).toBe(200);
    expect(pdfPageCount(Buffer.from(await ks.body()))).toBe(7);
    expect((await page.goto(`${baseUrl}/statistik/rapport?namnd=alla&period=2026`))?.status()).toBe(200);
    await expectAccessible(page, 'yearly report to the kommunstyrelse');
    await context.close();
  });

  it('shows the public statistics without signing in, accessible and without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', javaScriptEnabled: false });
    const page = await context.newPage();
    expect((await page.goto(`${baseUrl}/statistik/publik?ar=2026`))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Statistik över synpunkter');
    await context.close();
    const withJs = await browser.newContext({ locale: 'sv-SE' });
    const axePage = await withJs.newPage();
    await axePage.goto(`${baseUrl}/statistik/publik?ar=2026`);
    await expectAccessible(axePage, 'public statistics');
    await withJs.close();
  });
});
