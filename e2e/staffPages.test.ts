import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { totpCodeAt } from '../src/modules/sso/totp.ts';
import { startTestApp, type TestContext } from '../test/app.ts';
import { DEMO, registerTo, submitCase } from '../test/staffCases.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * A walk over the staff pages that no other browser test reaches: the administrator's settings
 * pages, a case's smaller action pages, the notifications, registration on someone's behalf,
 * statistics per case and the second sign-in step. One app, one browser; axe (WCAG 2.1 A and
 * AA) on every page, each page's findings reported together so one run shows them all.
 */

let t: TestContext;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
  return page;
}

/** Opens a page, expects it to be there, and runs axe on it; a failure is kept so the walk goes on. */
async function check(page: Page, path: string, failures: string[]): Promise<void> {
  const res = await page.goto(`${baseUrl}${path}`);
  try {
    expect(res?.status(), path).toBe(200);
    await expectNoAxeViolations(page, path);
  } catch (err) {
    failures.push((err as Error).message);
  }
}

describe('the staff pages without a walk of their own', () => {
  it('pass axe, from the administration to the second sign-in step', async () => {
    const failures: string[] = [];
    const { number } = await submitCase(t, { description: 'Gatlampan på Åsvägen lyser inte.', name: 'Örjan Älg' });
    await registerTo(t, number, 'Gata och park');

    const admin = await signIn(DEMO.admin);
    const categoryId = (await t.db.selectFrom('categories').select('id').where('organization_id', '=', t.orgId).executeTakeFirstOrThrow()).id;
    // A message in the outbox, as an answer leaves it.
    const caseId = (await t.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
    const messageId = (
      await t.db
        .insertInto('messages')
        .values({ case_id: caseId, purpose: 'answer', channel: 'email', recipient: 'orjan@example.se', subject: 'Svar på din synpunkt', body: 'Hej Örjan, lampan är lagad.', status: 'sent', transport: 'outbox' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    await check(admin, '/admin/e-postmallar', failures);
    const templateHref = await admin.locator('main a[href^="/admin/e-postmallar/"]').first().getAttribute('href');
    expect(templateHref).toMatch(/^\/admin\/e-postmallar\/[a-z_.-]+$/);
    await check(admin, templateHref!, failures);
    await check(admin, `/admin/kategorier/${categoryId}`, failures);
    await check(admin, '/admin/sakerhetskopior', failures);
    await check(admin, '/admin/tidsfrister', failures);
    await check(admin, '/admin/utkorg', failures);
    await check(admin, `/admin/utkorg/${messageId}`, failures);
    await check(admin, '/admin/api-nycklar', failures);
    await check(admin, '/admin/webhooks', failures);
    await admin.getByLabel('Adress').fill('https://diarium.exempelkommun.se/lyhord');
    await admin.getByRole('checkbox').first().check();
    await clickAndWait(admin, () => admin.locator('main form button[type=submit]').last().click());
    const webhookId = (await t.db.selectFrom('webhook_subscriptions').select('id').executeTakeFirstOrThrow()).id;
    await check(admin, `/admin/webhooks/${webhookId}`, failures);

    await check(admin, `/handlaggning/arenden/${number}/betydelse`, failures);
    await check(admin, `/handlaggning/arenden/${number}/bevarandestopp`, failures);
    await check(admin, `/handlaggning/arenden/${number}/vidarebefordra`, failures);
    await check(admin, `/handlaggning/arenden/${number}/forlang`, failures);
    await check(admin, '/handlaggning/aviseringar', failures);
    // The change-password page, and its error state (a new password too short).
    await check(admin, '/byt-losenord', failures);
    await admin.getByLabel('Nuvarande lösenord').fill(DEMO_PASSWORD);
    await admin.getByLabel('Nytt lösenord', { exact: true }).fill('kort');
    expect(await clickAndWait(admin, () => admin.getByRole('button', { name: 'Byt lösenord' }).click())).toBe(400);
    await expectNoAxeViolations(admin, '/byt-losenord (fel)').catch((err: Error) => failures.push(err.message));

    // An erasure request opens a review of the person's cases.
    await admin.goto(`${baseUrl}/admin/arkiv/registerutdrag`);
    await admin.getByRole('radio', { name: 'E-postadress' }).check();
    await admin.getByLabel('E-postadress, telefonnummer eller personnummer').fill('orjan@example.se');
    await admin.getByRole('radio', { name: 'Radering' }).check();
    await clickAndWait(admin, () => admin.getByRole('button', { name: 'Fortsätt' }).click());
    const reviewPath = new URL(admin.url()).pathname;
    expect(reviewPath).toMatch(/^\/admin\/arkiv\/registerutdrag\/granskning\/[0-9a-f-]{36}$/);
    await check(admin, reviewPath, failures);

    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it('pass axe when a registrar registers a call, and at the second sign-in step', async () => {
    const failures: string[] = [];
    const registrar = await signIn(DEMO.registrar);
    await check(registrar, '/handlaggning/ny', failures);
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Registrera synpunkten' }).click())).toBe(400);
    await expectNoAxeViolations(registrar, 'registration form with errors').catch((err: Error) => failures.push(err.message));
    await registrar.locator('input[name=mode][value=normal]').check();
    await registrar.locator('select[name=channel]').selectOption('phone');
    await registrar.locator('input[name=kind][value=klagomal]').check();
    await registrar.locator('textarea[name=description]').fill('Ringde om att grinden vid förskolan inte går att stänga.');
    await registrar.locator('input[name=anonymous][value=false]').check();
    await registrar.locator('input[name=name]').fill('Örjan Ådahl');
    await registrar.locator('input[name=phone]').fill('0123-45 67 89');
    await registrar.locator('input[name=replyChannel][value=phone]').check();
    await registrar.locator('input[name=confirmed]').check();
    await registrar.getByRole('checkbox', { name: 'Personen vill inte att synpunkten publiceras' }).check();
    const status = await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Registrera synpunkten' }).click());
    expect(status, status === 200 ? '' : (await registrar.locator('.error-summary').textContent()) ?? '').toBe(200);
    expect(new URL(registrar.url()).pathname).toMatch(/^\/handlaggning\/ny\/registrerad\/SYN-\d{4}-\d{5}$/);
    await expectNoAxeViolations(registrar, 'registered page').catch((err: Error) => failures.push(err.message));

    // The person's no to publishing is on the case, and can be changed there when they ring back.
    const registered = new URL(registrar.url()).pathname.split('/').pop()!;
    await registrar.goto(`${baseUrl}/handlaggning/arenden/${registered}`);
    await registrar.locator('details.more-actions > summary').click();
    expect(await registrar.getByRole('radio', { name: 'Nej, personen vill inte att det publiceras' }).isChecked()).toBe(true);
    await expectNoAxeViolations(registrar, 'case page with the answer on publication').catch((err: Error) => failures.push(err.message));
    await registrar.getByRole('radio', { name: 'Ja, det får publiceras' }).check();
    await registrar.getByLabel('Hur och när sa personen det? (frivilligt)').fill('Ringde tillbaka samma dag.');
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Spara beskedet om publicering' }).click())).toBe(200);
    expect(await registrar.getByRole('status').textContent()).toContain('Beskedet om publicering är sparat.');

    // Two-factor sign-in switched on by the reader, then the code step of a new sign-in.
    const reader = await signIn(DEMO.reader);
    await reader.goto(`${baseUrl}/konto/tvastegsverifiering`);
    const secret = (await reader.locator('code.secret').textContent())!.replace(/ /g, '');
    await reader.getByLabel('Kod från appen').fill(await totpCodeAt(secret, t.clock.now()));
    expect(await clickAndWait(reader, () => reader.getByRole('button', { name: 'Aktivera' }).click())).toBe(200);
    const second = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    await second.goto(`${baseUrl}/logga-in`);
    await second.getByLabel('E-postadress').fill(DEMO.reader);
    await second.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    expect(await clickAndWait(second, () => second.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
    expect(new URL(second.url()).pathname).toBe('/logga-in/kod');
    await expectNoAxeViolations(second, 'code step').catch((err: Error) => failures.push(err.message));
    await second.getByLabel('Kod', { exact: true }).fill('12345');
    expect(await clickAndWait(second, () => second.getByRole('button', { name: 'Fortsätt' }).click())).toBe(400);
    await expectNoAxeViolations(second, 'code step with an error').catch((err: Error) => failures.push(err.message));

    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});
