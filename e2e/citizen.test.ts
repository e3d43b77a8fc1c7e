import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_FILE, startTestApp, type TestContext } from '../test/app.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * A citizen's whole way through the public pages, in a real Chromium against the real app on a
 * real port: start page → form → errors → receipt → private status page. Every page visited is
 * checked with axe against WCAG 2.1 A and AA.
 */

// Swedish letters, Arabic (right-to-left) and a line break: text must survive the round trip as written.
const DESCRIPTION = 'Gångvägen vid ån är mörk på kvällarna – lyktorna är släckta.\nمرحبا، الإنارة في الممر لا تعمل منذ أسبوعين.';

let t: TestContext;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const expectAccessible = expectNoAxeViolations;

const focusedId = (page: Page) => page.locator(':focus').getAttribute('id');

/** Walks the citizen's path; `checkA11y` runs axe on each page (axe needs JavaScript in the page). */
async function walk(context: BrowserContext, checkA11y: boolean) {
  const page = await context.newPage();
  const check = checkA11y ? (what: string) => expectAccessible(page, what) : async () => {};

  expect((await page.goto(`${baseUrl}/`))?.status()).toBe(200);
  expect(await page.title()).toBe('Lämna en synpunkt – Exempelkommun');
  await check('start page');

  await clickAndWait(page, () => page.getByRole('link', { name: 'Lämna en synpunkt' }).click());
  expect(new URL(page.url()).pathname).toBe('/synpunkt');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Lämna en synpunkt');
  await check('form');

  // Sending the empty form: the page comes back with the errors, summarised at the top.
  const submit = page.getByRole('button', { name: 'Skicka synpunkten' });
  expect(await clickAndWait(page, () => submit.click())).toBe(400);
  expect(await page.title()).toMatch(/^Fel: /);
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('heading').textContent()).resolves.toBe('Det finns ett problem');
  const links = summary.getByRole('link');
  const targets = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(1)));
  expect(targets).toEqual(['kind', 'description', 'anonymous']);
  await check('form with errors');
  // Each message in the summary takes the user to its field.
  for (const [i, id] of targets.entries()) {
    await links.nth(i).click();
    expect(await focusedId(page)).toBe(id);
  }

  // Filling it in properly.
  await page.getByRole('radio', { name: 'Klagomål' }).check();
  await page.getByLabel('Beskriv din synpunkt').fill(DESCRIPTION);
  await page.getByLabel('Vilken verksamhet gäller det?').selectOption({ label: 'Samhällsbyggnad' });
  await page.getByRole('radio', { name: 'Ja, jag lämnar mina kontaktuppgifter' }).check();
  await page.getByLabel('Namn', { exact: true }).fill('Åsa Öberg-Ährlund');
  await page.getByRole('radio', { name: 'E-post', exact: true }).check();
  await page.getByLabel('E-postadress').fill('asa@example.se');
  // A photo of what it is about, sent with the form (multipart).
  await page.getByLabel('Bifoga filer (valfritt)').setInputFiles({ name: 'trasig lampa.png', mimeType: 'image/png', buffer: PNG_FILE });
  await check('form with a file chosen');
  expect(await clickAndWait(page, () => submit.click())).toBe(200);

  // The receipt: the case number and the private link to follow the case.
  expect(new URL(page.url()).pathname).toMatch(/^\/synpunkt\/kvitto\/[A-Za-z0-9_-]{43}$/);
  const number = (await page.locator('.case-number').textContent())!;
  expect(number).toMatch(/^SYN-2026-\d{5}$/);
  expect(await page.title()).toContain(number);
  await check('receipt');

  await clickAndWait(page, () => page.getByRole('link', { name: /\/arende\// }).click());
  expect(new URL(page.url()).pathname).toMatch(/^\/arende\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Ärende ${number}`);
  // The browser sends line breaks as CRLF; they are kept as written.
  expect((await page.locator('.user-text').textContent())?.replace(/\r\n/g, '\n')).toBe(DESCRIPTION);
  await expect(page.getByText('trasig lampa.png').count()).resolves.toBe(1);
  await check('status page');

  // The accessibility statement, from the footer of every page.
  await clickAndWait(page, () => page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click());
  expect(new URL(page.url()).pathname).toBe('/tillganglighet');
  await check('accessibility statement');

  await page.close();
  return number;
}

describe('a citizen leaves a synpunkt', () => {
  it('walks from the start page to the status page, every page accessible', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    try {
      const number = await walk(context, true);

      // What the person chose is what was stored.
      const c = await t.db
        .selectFrom('cases')
        .innerJoin('org_units', 'org_units.id', 'cases.suggested_unit_id')
        .innerJoin('case_contacts', 'case_contacts.case_id', 'cases.id')
        .select(['cases.kind', 'cases.anonymous', 'org_units.name as unit', 'case_contacts.name', 'case_contacts.email', 'case_contacts.reply_channel'])
        .where('cases.number', '=', number)
        .executeTakeFirstOrThrow();
      expect(c).toEqual({ kind: 'klagomal', anonymous: false, unit: 'Samhällsbyggnad', name: 'Åsa Öberg-Ährlund', email: 'asa@example.se', reply_channel: 'email' });
    } finally {
      await context.close();
    }
  });

  it('works the same with JavaScript turned off', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', javaScriptEnabled: false });
    try {
      expect(await walk(context, false)).toMatch(/^SYN-2026-\d{5}$/);
    } finally {
      await context.close();
    }
  });
});
