import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { startTestApp, type TestContext } from '../test/app.ts';
import { createAcknowledgement } from '../src/modules/notifications/acknowledgement.ts';
import { assignedTo, caseDeps, caseRow, DEMO, submitCase, unitId } from '../test/staffCases.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen, squeezedValues } from './browser.ts';

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
    // Post/Redirect/Get: the summary is the inbox's own, from the case numbers and reason codes in its address.
    expect(new URL(registrar.url()).searchParams.get('nekade')).toBe(`${c}:ingen-forvaltning`);
    const summary = registrar.locator('.bulk-summary');
    expect(await summary.textContent()).toContain('2 ärenden registrerade');
    expect(await summary.textContent()).toContain(`${c}: Synpunktslämnaren föreslog ingen förvaltning.`);
    expect(await focusedId(registrar)).toBe('bulk-summary');
    await expectNoAxeViolations(registrar, 'inbox with a bulk summary');

    // The one left is marked as spam on its own.
    await registrar.getByRole('checkbox', { name: `Välj ${c}` }).check();
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Markera som skräp' }).click())).toBe(200);
    expect(await summary.textContent()).toContain('1 ärende markerat som skräp');
    const rows = await t.db.selectFrom('cases').select(['number', 'status', 'outcome']).where('number', 'in', [a, b, c]).orderBy('number').execute();
    expect(rows.map((r) => [r.status, r.outcome])).toEqual([
      ['registered', null],
      ['registered', null],
      ['not_handled', 'spam'],
    ]);
  });
});

describe('the staff pages around the lists', () => {
  it("show each case once on the coordinator's page, use the screen's width, stay within 320 px, scroll tables by keyboard and link the account page", async () => {
    // The coordinator's overview: every case once, in the first section it belongs to.
    const coordinator = await signIn('samordnare.sbf@exempelkommun.se', { width: 1600, height: 900 });
    expect(new URL(coordinator.url()).pathname).toBe('/handlaggning/forvaltning');
    const numbers = await coordinator.locator('main table th[scope=row] > a').allTextContents();
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.length).toBe(new Set(numbers).size);
    await expectNoAxeViolations(coordinator, "coordinator's overview");
    // Wide on a wide screen; the citizen's pages keep their measure.
    const mainWidth = (page: Page) => page.locator('main').evaluate((m) => m.getBoundingClientRect().width);
    expect(await mainWidth(coordinator)).toBeGreaterThan(1400);
    const citizen = await (await browser.newContext({ locale: 'sv-SE', viewport: { width: 1600, height: 900 } })).newPage();
    await citizen.goto(`${baseUrl}/`);
    expect(await mainWidth(citizen)).toBeLessThanOrEqual(960);
    // The start page's call to action is a link, as it behaves, not a button.
    expect(await citizen.getByRole('link', { name: 'Lämna en synpunkt' }).count()).toBe(1);
    expect(await citizen.getByRole('button', { name: 'Lämna en synpunkt' }).count()).toBe(0);

    // The account page from the menu.
    await clickAndWait(coordinator, () => coordinator.getByRole('link', { name: 'Tvåstegsverifiering för ditt konto' }).click());
    expect(new URL(coordinator.url()).pathname).toBe('/konto/tvastegsverifiering');
    expect(await coordinator.getByRole('link', { name: 'Tvåstegsverifiering för ditt konto' }).getAttribute('aria-current')).toBe('page');
    await expectNoAxeViolations(coordinator, 'two-factor page');

    // At 320 px the tables scroll inside their box and the page itself never scrolls sideways.
    const narrow = await signIn('registrator@exempelkommun.se', { width: 320, height: 800 });
    const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
    for (const path of ['/handlaggning/inkorg', '/handlaggning/arenden?vy=enhet&status=alla', '/statistik']) {
      await narrow.goto(`${baseUrl}${path}`);
      expect(await pageWidth(narrow), path).toBeLessThanOrEqual(320);
    }
    await expectNoAxeViolations(narrow, 'statistics at 320 px');
    // Each statistics table is a named region the keyboard can reach and scroll.
    const regions = narrow.locator('.stat-table-wrap');
    expect(await regions.count()).toBeGreaterThan(0);
    const first = regions.first();
    expect(await first.getAttribute('role')).toBe('region');
    expect(await first.getAttribute('tabindex')).toBe('0');
    expect(await first.getAttribute('aria-label')).toBeTruthy();
    const wide = narrow.locator('.stat-table-wrap').filter({ has: narrow.locator('table') });
    let overflowing = 0;
    let scrolled = false;
    for (let i = 0; i < (await wide.count()) && !scrolled; i++) {
      const box = wide.nth(i);
      if (!(await box.evaluate((b) => b.scrollWidth > b.clientWidth))) continue;
      overflowing++;
      await box.focus();
      await narrow.keyboard.press('ArrowRight');
      await narrow.keyboard.press('ArrowRight');
      // The browser may scroll smoothly: on a busy machine the offset arrives a moment after the key.
      scrolled = await box
        .evaluate((b) => new Promise<boolean>((done) => {
          const start = Date.now();
          const check = () => (b.scrollLeft > 0 ? done(true) : Date.now() - start > 3000 ? done(false) : requestAnimationFrame(check));
          check();
        }));
    }
    expect(overflowing, 'a statistics table wider than 320 px').toBeGreaterThan(0);
    expect(scrolled).toBe(true);
  });
});

describe('the case page on a narrow phone', () => {
  it('at 320 px the history wraps its long words (Mottagningsbekräftelse) and the page never scrolls sideways', async () => {
    const { number } = await submitCase(t);
    // Assigned, and the acknowledgement job the assignment enqueued run: it stands in the history.
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const { id } = await caseRow(t, number);
    const deps = await caseDeps(t);
    await t.db.transaction().execute((tx) => createAcknowledgement(tx, { clock: t.clock, tokenSecret: deps.tokenSecret, publicUrl: 'http://localhost:3000' }, id, t.clock.now()));
    const narrow = await signIn(DEMO.handlerGata, { width: 320, height: 800 });
    await narrow.goto(`${baseUrl}/handlaggning/arenden/${number}`);
    expect(await narrow.locator('.event-details dd', { hasText: 'Mottagningsbekräftelse' }).count()).toBeGreaterThan(0);
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // The facts and each history entry put the label above the value, which keeps the whole width.
    expect(await squeezedValues(narrow)).toEqual([]);
    await expectNoAxeViolations(narrow, 'case page at 320 px');
  });
});
