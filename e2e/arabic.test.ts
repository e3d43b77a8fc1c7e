import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../test/app.ts';
import { TEST_MAIL, waitIdle } from '../test/jobs.ts';
import { startSmtpSink, type SmtpSink } from '../test/smtp.ts';
import { assignedTo, DEMO } from '../test/staffCases.ts';
import { startJobs, type RunningJobs } from '../src/modules/notifications/jobs.ts';
import { DEFAULT_SPAM } from '../src/modules/spam/guard.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * A resident who reads Arabic, in a real Chromium with the real spam protection on: the form in
 * Arabic, right to left, the proof of work done by the widget in the browser, the receipt, and
 * the acknowledgement mail – through the job runner and a real SMTP server – in Arabic too.
 */

const TEXT = 'الإنارة في الممر بجانب المدرسة لا تعمل منذ أسبوعين 🙁 — Skolvägen 12.';

let t: TestContext;
let browser: Browser;
let baseUrl: string;
let sink: SmtpSink;
let jobs: RunningJobs;

beforeAll(async () => {
  t = await startTestApp({ staff: true, spam: DEFAULT_SPAM });
  baseUrl = await listen(t.app);
  sink = await startSmtpSink();
  jobs = await startJobs({ db: t.db, clock: t.clock, mail: { ...TEST_MAIL, smtpUrl: sink.url }, cron: false, logLevel: 'error' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await jobs?.stop();
  await sink?.close();
  await t?.close();
});

/** The widget has solved its challenge when its hidden field holds a payload. */
const proofReady = (page: Page) => page.waitForFunction(() => (document.querySelector<HTMLInputElement>('input[name="altcha"]')?.value ?? '') !== '', undefined, { timeout: 60_000 });

describe('an Arabic submission', () => {
  it('goes from the form to the receipt to the acknowledgement mail in Arabic', async () => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    expect((await page.goto(`${baseUrl}/synpunkt?lang=ar`))?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // The widget speaks the page's language, with words from our catalogue.
    await page.locator('altcha-widget label', { hasText: 'أنا لست روبوتًا' }).waitFor();
    await expectNoAxeViolations(page, 'Arabic form');

    await page.getByRole('radio', { name: 'شكوى' }).check();
    await page.getByLabel('اكتب ملاحظتك').fill(TEXT);
    await page.getByRole('radio', { name: 'نعم، سأقدّم بيانات الاتصال الخاصة بي' }).check();
    await page.getByLabel('الاسم', { exact: true }).fill('سارة أحمد');
    await page.getByRole('radio', { name: 'البريد الإلكتروني', exact: true }).check();
    await page.getByLabel('عنوان البريد الإلكتروني').fill('sara@example.se');
    // The widget works while the person writes.
    await proofReady(page);
    await expectNoAxeViolations(page, 'Arabic form, filled in, proof of work done');
    // A person takes more than the minimum time to fill in a form.
    t.clock.advance(60_000);
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'أرسل الملاحظة' }).click())).toBe(200);

    expect(new URL(page.url()).pathname).toMatch(/^\/synpunkt\/kvitto\//);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('شكرًا على ملاحظتك');
    const number = (await page.locator('.case-number').textContent())!;
    expect(number).toMatch(/^SYN-2026-\d{5}$/);
    expect(await page.locator('.case-number').getAttribute('dir')).toBe('ltr');
    await expectNoAxeViolations(page, 'Arabic receipt');

    const stored = await t.db.selectFrom('cases').select(['language', 'description']).where('number', '=', number).executeTakeFirstOrThrow();
    expect(stored).toEqual({ language: 'ar', description: TEXT });
    expect(await t.db.selectFrom('altcha_spent').select('id').execute()).toHaveLength(1);

    // Registered and given a handler (the acknowledgement names them), it goes out in the submitter's language.
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    await waitIdle(t.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.envelopeTo).toEqual(['sara@example.se']);
    expect(mail!.subject).toBe(`استلمنا ملاحظتك \u2066${number}\u2069`);
    expect(mail!.text).toContain('مرحبًا سارة أحمد،');
    expect(mail!.text).toContain('يمكنك متابعة ملفك من هنا');
    const link = /https:\/\/synpunkter\.exempelkommun\.se(\/arende\/[A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;

    // The link in the mail opens the status page in Arabic, without any language chosen in this browser.
    const fresh = await browser.newContext();
    const status = await fresh.newPage();
    await status.goto(`${baseUrl}${link}`);
    expect(await status.locator('html').getAttribute('lang')).toBe('ar');
    await expect(status.locator('.user-text').first().textContent()).resolves.toBe(TEXT);
    await expectNoAxeViolations(status, 'Arabic status page');
    await status.goto(`${baseUrl}/tillganglighet?lang=ar`);
    expect(await status.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoAxeViolations(status, 'Arabic accessibility statement');
    await fresh.close();
    await context.close();
  });
});
