import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAM_CHECKS_FOR_TESTS, startTestApp, VALID_SUBMISSION, type TestContext } from '../test/app.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';
import { makeCitizenCases, type CitizenCases } from './citizenCases.ts';

/**
 * Every citizen page right to left, in a real Chromium: Arabic on all of them (each state of the
 * status page, the archive with and without hits, every error page, another organization's
 * pages) and Persian on the main ones. Each page must have lang and dir right, no axe findings,
 * no sideways scrolling, and its case numbers isolated left to right inside the Arabic text.
 */

let t: TestContext;
let browser: Browser;
let baseUrl: string;
let c: CitizenCases;

// The per-address limit on, so the form's 429 can be met; the fixture's posts stay under it.
const RATE = { perAddressPerMinute: 10, perAddressPerHour: Infinity, perOrganizationPerMinute: Infinity };

beforeAll(async () => {
  t = await startTestApp({ staff: true, spam: { ...SPAM_CHECKS_FOR_TESTS, rate: RATE } });
  c = await makeCitizenCases(t);
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/**
 * What every right-to-left page must be: the language and direction on <html>, nothing wider than
 * the window, no axe findings, and every case number isolated (a <bdi dir="ltr"> or the Unicode
 * isolates U+2066…U+2069), so "SYN-2026-00001" does not come out as "00001-2026-SYN".
 * Numbers inside what people wrote (dir="auto") are left to the text's own direction.
 */
async function expectRtlPage(page: Page, lang: string, what: string): Promise<void> {
  expect(await page.locator('html').getAttribute('lang'), what).toBe(lang);
  expect(await page.locator('html').getAttribute('dir'), what).toBe('rtl');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${what}: sideways scrolling`).toBeLessThanOrEqual(0);
  const loose = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      for (const m of text.matchAll(/SYN-\d{4}-\d{5}/g)) {
        // Text people wrote (dir="auto") is laid out by its own first letters, as they wrote it.
        const isolated = text[m.index - 1] === '\u2066' || n.parentElement?.closest('[dir="ltr"], [dir="auto"]');
        if (!isolated) found.push(`${n.parentElement?.tagName}: ${text.trim()}`);
      }
    }
    return found;
  });
  expect(loose, `${what}: case numbers not isolated left to right`).toEqual([]);
  await expectNoAxeViolations(page, what);
}

/** Opens a citizen page in the language, expects its status, and checks it as above. */
async function visit(page: Page, path: string, lang: string, status = 200): Promise<void> {
  const res = await page.goto(`${baseUrl}${withLang(path, lang)}`);
  expect(res?.status(), `${path} in ${lang}`).toBe(status);
  await expectRtlPage(page, lang, `${path} in ${lang}`);
}

describe('Arabic', () => {
  it('every citizen page, in every state a resident meets it', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    try {
      const pages: [string, number?][] = [
        ['/'],
        ['/synpunkt'],
        [`/synpunkt/kvitto/${c.received.token}`],
        [`/arende/${c.received.token}`],
        [`/arende/${c.closed.token}`],
        ['/statistik/publik'],
        ['/svar'],
        [`/svar?q=${c.searchWord}`],
        ['/svar?q=flodhäst'],
        ['/svar?typ=klagomal'],
        ['/svar?omrade=finns-inte', 400],
        [`/svar/${c.published.number}`],
        [`/svar/${c.withdrawn.number}`, 410],
        ['/tillganglighet'],
        ['/finns-inte', 404],
        [`/arende/${'x'.repeat(43)}`, 404],
        ['/svar/SYN-2026-99999', 404],
        [`${c.otherOrg}/`],
        [`${c.otherOrg}/synpunkt`],
        [`${c.otherOrg}/svar`],
        [`${c.otherOrg}/statistik/publik`],
        [`${c.otherOrg}/tillganglighet`],
      ];
      for (const [path, status] of pages) await visit(page, path, 'ar', status);

      // The form sent empty comes back with its errors.
      await page.goto(`${baseUrl}/synpunkt?lang=ar`);
      expect(await clickAndWait(page, () => page.locator('button#skicka').click())).toBe(400);
      await expectRtlPage(page, 'ar', 'Arabic form with errors');

      // The handler's question waits for an answer: the reply form, first sent empty, then answered.
      await visit(page, `/arende/${c.waiting.token}`, 'ar');
      const reply = page.getByRole('button', { name: 'أرسل الإجابة' });
      expect(await clickAndWait(page, () => reply.click())).toBe(400);
      await expectRtlPage(page, 'ar', 'Arabic status page, empty reply');
      await page.getByLabel('إجابتك').fill('العمود على الجانب الأيسر، أمام المدخل رقم 12.');
      expect(await clickAndWait(page, () => reply.click())).toBe(200);
      expect(await page.getByRole('status').textContent()).toContain('أُرسلت إجابتك');
      await expectRtlPage(page, 'ar', 'Arabic status page after the reply');
    } finally {
      await context.close();
    }
  });
});

describe('Persian', () => {
  it('the main citizen pages, as a second right-to-left language', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    try {
      t.clock.advance(60_000);
      for (const path of ['/', '/synpunkt', `/synpunkt/kvitto/${c.received.token}`, `/arende/${c.closed.token}`, `/svar?q=${c.searchWord}`, `/svar/${c.published.number}`, '/statistik/publik', '/tillganglighet']) {
        await visit(page, path, 'fa');
      }
      await visit(page, '/finns-inte', 'fa', 404);
      await page.goto(`${baseUrl}/synpunkt?lang=fa`);
      expect(await clickAndWait(page, () => page.locator('button#skicka').click())).toBe(400);
      await expectRtlPage(page, 'fa', 'Persian form with errors');
    } finally {
      await context.close();
    }
  });
});

// Last in the file: the public statistics stay refused for the rest of the (real) minute.
describe('Arabic, refused', () => {
  it('the 429 pages: the form sent too often from one address, and a rate-limited page', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    try {
      // A minute of its own, so only the posts below count.
      t.clock.advance(60_000);
      // Only posts that would be stored count, so these are whole submissions.
      for (let i = 0; i < RATE.perAddressPerMinute; i++) expect((await page.request.post(`${baseUrl}/synpunkt`, { form: { ...VALID_SUBMISSION, lang: 'ar' }, maxRedirects: 0 })).status()).toBe(303);
      await page.goto(`${baseUrl}/synpunkt?lang=ar`);
      await page.locator('input[name=kind][value=klagomal]').check();
      await page.getByLabel('اكتب ملاحظتك').fill('نص محفوظ');
      await page.locator('input[name=anonymous][value=true]').check();
      expect(await clickAndWait(page, () => page.locator('button#skicka').click())).toBe(429);
      expect(await page.getByLabel('اكتب ملاحظتك').inputValue()).toBe('نص محفوظ');
      await expectRtlPage(page, 'ar', 'Arabic form refused by the rate limit (429)');

      // The public statistics allow 60 requests a minute from one address, in a window that starts at the first
      // request: the visit of the page earlier in this file may have started one that ends during the burst below,
      // and counting starts again. So ask until refused, at most two windows' worth; and if the window ends between
      // the refusal and the visit, refuse it once more.
      const refuseStatistics = async () => {
        let status = 0;
        for (let i = 0; i < 121 && status !== 429; i++) status = (await page.request.get(`${baseUrl}/statistik/publik`)).status();
        expect(status).toBe(429);
      };
      await refuseStatistics();
      await visit(page, '/statistik/publik', 'ar', 429).catch(async () => {
        await refuseStatistics();
        await visit(page, '/statistik/publik', 'ar', 429);
      });
    } finally {
      await context.close();
    }
  });
});
