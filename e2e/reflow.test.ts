import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../test/app.ts';
import { clickAndWait, launchChromium, listen, squeezedValues } from './browser.ts';
import { makeCitizenCases, type CitizenCases } from './citizenCases.ts';

/**
 * Citizen pages on a narrow phone (320 CSS pixels, WCAG 1.4.10) and with text at 200 % (1.4.4):
 * nothing scrolls sideways – every page, the receipt and the status page in each of their states. The keyboard finds the skip link first, and after a failed submit
 * the error summary has the focus.
 */

let t: TestContext;
let browser: Browser;
let baseUrl: string;
let c: CitizenCases;

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  c = await makeCitizenCases(t);
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Every citizen page, the status page in each state it has (the reply form while we wait for an answer). */
const pages = (): [string, number][] => [
  ['/', 200],
  ['/synpunkt', 200],
  [`/synpunkt/kvitto/${c.received.token}`, 200],
  [`/arende/${c.received.token}`, 200],
  [`/arende/${c.waiting.token}`, 200],
  [`/arende/${c.closed.token}`, 200],
  ['/tillganglighet', 200],
  ['/svar', 200],
  [`/svar?q=${c.searchWord}`, 200],
  ['/svar?omrade=finns-inte', 400],
  [`/svar/${c.published.number}`, 200],
  [`/svar/${c.withdrawn.number}`, 410],
  ['/statistik/publik', 200],
  ['/finns-inte', 404],
];

/** How far the page reaches past the window's right (or, right to left, left) edge. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('reflow', () => {
  it.each([
    ['320 px wide', 320, '100%'],
    ['text at 200 %', 640, '200%'],
  ])('%s: no citizen page scrolls sideways, in Swedish or Arabic', async (_name, width, fontSize) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    try {
      for (const lang of ['sv', 'ar']) {
        for (const [path, status] of pages()) {
          expect((await page.goto(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`))?.status(), `${path} in ${lang}`).toBe(status);
          await page.addStyleTag({ content: `html { font-size: ${fontSize} !important; }` });
          expect(await overflow(page), `${path} in ${lang}`).toBeLessThanOrEqual(0);
        }
        // The form sent empty comes back with its errors: still no sideways scrolling.
        await page.goto(`${baseUrl}/synpunkt?lang=${lang}`);
        expect(await clickAndWait(page, () => page.locator('button#skicka').click())).toBe(400);
        await page.addStyleTag({ content: `html { font-size: ${fontSize} !important; }` });
        expect(await overflow(page), `form with errors in ${lang}`).toBeLessThanOrEqual(0);
        // So does the status page with an empty reply to the handler's question.
        await page.goto(`${baseUrl}/arende/${c.waiting.token}?lang=${lang}`);
        expect(await clickAndWait(page, () => page.locator('form[action$="/svar"] button[type=submit]').click())).toBe(400);
        await page.addStyleTag({ content: `html { font-size: ${fontSize} !important; }` });
        expect(await overflow(page), `status page with a reply error in ${lang}`).toBeLessThanOrEqual(0);
      }
    } finally {
      await context.close();
    }
  });
});

describe('summary lists at 320 px', () => {
  it('put each label above its value, so values keep the width and words stay whole', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    try {
      for (const lang of ['sv', 'ar']) {
        for (const path of [`/svar/${c.published.number}`, `/arende/${c.closed.token}`, `/arende/${c.waiting.token}`]) {
          await page.goto(`${baseUrl}${path}?lang=${lang}`);
          expect(await page.locator('main dl').count(), `${path} in ${lang}`).toBeGreaterThan(0);
          expect(await squeezedValues(page), `${path} in ${lang}`).toEqual([]);
        }
      }
    } finally {
      await context.close();
    }
  });
});

describe('keyboard', () => {
  it('reaches the skip link first, and lands on the error summary after a failed submit', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/synpunkt`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('innehall');
      expect(await clickAndWait(page, () => page.locator('button#skicka').click())).toBe(400);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
