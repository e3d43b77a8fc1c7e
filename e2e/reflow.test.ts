import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../test/app.ts';
import { clickAndWait, launchChromium, listen } from './browser.ts';

/**
 * Citizen pages on a narrow phone (320 CSS pixels, WCAG 1.4.10) and with text at 200 % (1.4.4):
 * nothing scrolls sideways. The keyboard finds the skip link first, and after a failed submit
 * the error summary has the focus.
 */

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

const PAGES = ['/', '/synpunkt', '/tillganglighet', '/svar', '/statistik/publik', '/finns-inte'];

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
        for (const path of PAGES) {
          await page.goto(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
          await page.addStyleTag({ content: `html { font-size: ${fontSize} !important; }` });
          expect(await overflow(page), `${path} in ${lang}`).toBeLessThanOrEqual(0);
        }
        // The form sent empty comes back with its errors: still no sideways scrolling.
        await page.goto(`${baseUrl}/synpunkt?lang=${lang}`);
        expect(await clickAndWait(page, () => page.locator('button#skicka').click())).toBe(400);
        await page.addStyleTag({ content: `html { font-size: ${fontSize} !important; }` });
        expect(await overflow(page), `form with errors in ${lang}`).toBeLessThanOrEqual(0);
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
