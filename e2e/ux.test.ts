import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { startTestApp, type TestContext } from '../test/app.ts';
import { submitCase, unitId } from '../test/staffCases.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * The registrar's and coordinator's working pages in a real Chromium: the inbox searched,
 * filtered and acted on in bulk, the coordinator's overview, and the layout details of staff
 * pages (width, focus, scrolling tables). Every page visited is checked with axe.
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

async function signIn(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'sv-SE', viewport })).newPage();
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
  return page;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName);

describe('the inbox', () => {
  it('is searched, filtered and acted on in bulk, with a summary of what was done and refused', async () => {
    const samhall = await unitId(t, 'Samhällsbyggnad');
    const { number: a } = await submitCase(t, { description: 'Belysningen i tunneln är trasig.', unit: samhall, name: 'Greta Ål' });
    const { number: b } = await submitCase(t, { description: 'Skräpigt vid återvinningen.', unit: samhall, name: 'Hugo Ås' });
    const { number: c } = await submitCase(t, { description: 'Vet inte vart detta ska.', name: 'Ida Ör' });

    const registrar = await signIn('registrator@exempelkommun.se');
    expect(new URL(registrar.url()).pathname).toBe('/handlaggning/inkorg');
    await expectNoAxeViolations(registrar, 'inbox');

    // Search by name, then clear it again.
    await registrar.getByRole('searchbox', { name: 'Sök' }).fill('greta');
    await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Visa', exact: true }).click());
    expect(await registrar.getByRole('row').filter({ hasText: 'SYN-' }).count()).toBe(1);
    await expectNoAxeViolations(registrar, 'inbox, searched');
    await clickAndWait(registrar, () => registrar.getByRole('link', { name: 'Rensa sökning och filter' }).click());

    // Nothing ticked: the error summary comes back and has the focus.
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Markera som skräp' }).click())).toBe(400);
    expect(await registrar.title()).toMatch(/^Fel: Inkorg/);
    expect(await focusedId(registrar)).toBe('error-summary');
    await expectNoAxeViolations(registrar, 'inbox with errors');

    // Tick three, register them to the suggested förvaltning: two done, one refused with the reason.
    for (const n of [a, b, c]) await registrar.getByRole('checkbox', { name: `Välj ${n}` }).check();
    await registrar.getByLabel('Område').selectOption({ label: 'Fysisk miljö' });
    await registrar.getByRole('radio', { name: 'Rutinmässig' }).check();
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Registrera till föreslagen förvaltning' }).click())).toBe(200);
    const summary = registrar.locator('.bulk-summary');
    expect(await summary.textContent()).toContain('2 ärenden registrerade');
    expect(await summary.textContent()).toContain(`${c}: Synpunktslämnaren föreslog ingen förvaltning.`);
    expect(await focusedId(registrar)).toBe('bulk-summary');
    await expectNoAxeViolations(registrar, 'inbox with a bulk summary');

    // The one left is marked as spam on its own.
    await registrar.getByRole('checkbox', { name: `Välj ${c}` }).check();
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Markera som skräp' }).click())).toBe(200);
    expect(await summary.textContent()).toContain('1 ärende markerade som skräp');
    const rows = await t.db.selectFrom('cases').select(['number', 'status', 'outcome']).where('number', 'in', [a, b, c]).orderBy('number').execute();
    expect(rows.map((r) => [r.status, r.outcome])).toEqual([
      ['registered', null],
      ['registered', null],
      ['not_handled', 'spam'],
    ]);
  });
});
