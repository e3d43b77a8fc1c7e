import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { INSTALLATION, JPEG_FILE, startInboundTest, type InboundTest } from '../test/inbound.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * Mail in, in a real Chromium: the conversation on the case page (quotes folded with <details>,
 * no JavaScript needed), the admin page for addresses and rules, and the registrar's held mail,
 * each checked with axe against WCAG 2.1 A and AA.
 */

let t: InboundTest;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startInboundTest();
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
  return page;
}

describe('mail in, in the browser', () => {
  it('shows the conversation with the quote folded, and the pages for admins and registrars are accessible', async () => {
    await t.send({ from: 'Åsa Öberg <asa@example.se>', to: INSTALLATION.replyTo, subject: 'Mörk gångväg', text: 'Lyktorna vid skolan är släckta.', messageId: '<e2e-1@example.se>' });
    const c = await t.db.selectFrom('cases').select('number').where('channel', '=', 'email').executeTakeFirstOrThrow();
    await t.send({
      from: 'asa@example.se',
      to: `synpunkt+${c.number}@exempelkommun.se`,
      subject: 'Sv: Mörk gångväg',
      text: 'Här är en bild.\n\nDen tis 22 dec. 2026 kl 10:00 skrev Exempelkommun <synpunkt@exempelkommun.se>:\n> Tack för din synpunkt.\n',
      attachments: [{ filename: 'gangvagen.jpg', content: JPEG_FILE, contentType: 'image/jpeg' }],
    });

    const admin = await signIn('admin@exempelkommun.se');
    await admin.goto(`${baseUrl}/handlaggning/arenden/${c.number}`);
    const thread = admin.locator('.conversation');
    expect(await thread.getByText('Här är en bild.').isVisible()).toBe(true);
    expect(await thread.getByText('Lyktorna vid skolan är släckta.').isVisible()).toBe(true);
    const quote = thread.getByText('Tack för din synpunkt.', { exact: false });
    expect(await quote.isVisible()).toBe(false);
    await thread.getByText('Visa citerad text').click();
    expect(await quote.isVisible()).toBe(true);
    expect(await thread.getByRole('link', { name: 'gangvagen.jpg' }).count()).toBe(1);
    await expectNoAxeViolations(admin, 'case page with a mail conversation');

    await admin.goto(`${baseUrl}/admin/e-post-in`);
    await admin.getByLabel('Lägg till en adress').fill('inte en adress');
    expect(await clickAndWait(admin, () => admin.getByRole('button', { name: 'Lägg till adressen' }).click())).toBe(400);
    expect(await admin.title()).toMatch(/^Fel: /);
    await expectNoAxeViolations(admin, 'admin page for inbound mail, with an error');
    await admin.getByLabel('Lägg till en adress').fill('synpunkter@exempelkommun.se');
    expect(await clickAndWait(admin, () => admin.getByRole('button', { name: 'Lägg till adressen' }).click())).toBe(200);
    expect(await admin.getByText('Adressen är tillagd.').isVisible()).toBe(true);
    await expectNoAxeViolations(admin, 'admin page for inbound mail');

    await t.db.insertInto('inbound_settings').values({ organization_id: t.orgId, sender_hourly_limit: 1 }).execute();
    for (const i of [1, 2]) await t.send({ from: 'ofta@example.se', to: INSTALLATION.replyTo, subject: `Ofta ${i}`, text: `Meddelande ${i}` });
    // Set aside as an automatic reply: listed with its own "make a case of it" button.
    await t.send({ from: 'semester@example.se', to: INSTALLATION.replyTo, subject: 'Ledig', text: 'Borta till januari.', headers: { 'Auto-Submitted': 'auto-replied' } });
    const registrar = await signIn('registrator@exempelkommun.se');
    await registrar.goto(`${baseUrl}/handlaggning/e-post`);
    expect(await registrar.getByRole('heading', { name: 'Ofta 2' }).isVisible()).toBe(true);
    expect(await registrar.getByRole('button', { name: /^Gör ett ärende av det\W+Ledig$/ }).isVisible()).toBe(true);
    await expectNoAxeViolations(registrar, 'held mail page');
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: /^Gör ett ärende av det\W+Ofta 2$/ }).click())).toBe(200);
    expect(new URL(registrar.url()).pathname).toMatch(/^\/handlaggning\/arenden\/SYN-/);
  });
});
