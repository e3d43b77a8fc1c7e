import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../test/app.ts';
import { processRun } from '../src/modules/retention/disposal.ts';
import { retentionCases, type RetentionCases } from '../src/modules/retention/testFixture.ts';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * The records officer's pages in a real Chromium (plain forms; axe needs the page's JavaScript): the
 * overview, the schedule, disposal (refused without a decision, then carried out), the log,
 * legal holds, GDPR, delivery to the e-archive (nothing that year; a package downloaded, its
 * receipt refused empty, then recorded) and the settings; and a legal hold placed and lifted from a
 * case page by the registrar. axe (WCAG 2.1 A and AA) on every page and every error page visited.
 */

let t: TestContext;
let browser: Browser;
let baseUrl: string;
let c: RetentionCases;

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2029-03-01T08:00:00Z' });
  const id = async (table: 'org_units' | 'categories', name: string) => (await t.db.selectFrom(table).select('id').where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  c = await retentionCases(t.db, { id: t.orgId, unitId: await id('org_units', 'Gata och park'), areaId: await id('categories', 'Bemötande') });
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
  return page;
}

async function visit(page: Page, link: string, path: string) {
  await clickAndWait(page, () => page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: link, exact: true }).click());
  expect(new URL(page.url()).pathname).toBe(path);
  await expectNoAxeViolations(page, path);
}

describe('the records officer', () => {
  it('walks every records page, disposes under a decision and delivers to the e-archive', async () => {
    const page = await signIn('arkivarie@exempelkommun.se');
    await page.goto(`${baseUrl}/admin/arkiv`);
    await expectNoAxeViolations(page, '/admin/arkiv');
    await visit(page, 'Gallringsplan', '/admin/arkiv/gallringsplan');
    expect(await page.getByText('KS').count()).toBeGreaterThan(0);

    await visit(page, 'Gallring', '/admin/arkiv/gallring');
    expect(await page.getByRole('cell', { name: c.routineOld.number }).count()).toBe(1);
    expect(await page.getByText(c.importantOld.number).count()).toBe(0);
    expect(await clickAndWait(page, () => page.getByRole('button', { name: /^Gallra / }).click())).toBe(400);
    expect(await page.title()).toMatch(/^Fel: /);
    await expectNoAxeViolations(page, 'disposal without a decision');
    await page.getByLabel('Beslut om gallring').fill('KS 2029/17');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: /^Gallra / }).click())).toBe(200);
    const run = await t.db.selectFrom('disposal_runs').select('id').executeTakeFirstOrThrow();
    await processRun(t.db, run.id, { now: () => t.clock.now() });

    await visit(page, 'Gallringslogg', '/admin/arkiv/gallringslogg');
    expect(await page.getByText(c.routineOld.number).count()).toBe(1);
    expect(await page.getByText('KS 2029/17').count()).toBeGreaterThan(0);
    // The disposed case itself: 410 in the staff frame, with the way to that day's log.
    const gone = await page.goto(`${baseUrl}/handlaggning/arenden/${c.routineOld.number}`);
    expect(gone?.status()).toBe(410);
    expect(await page.getByRole('navigation', { name: 'Handläggning' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'a disposed case (410)');
    await clickAndWait(page, () => page.getByRole('link', { name: 'Gallringsloggen för 2029-03-01' }).click());
    expect(await page.getByText(c.routineOld.number).count()).toBe(1);
    await visit(page, 'Bevarandestopp', '/admin/arkiv/bevarandestopp');
    expect(await page.getByText(c.held.number).count()).toBe(1);

    await visit(page, 'Registerutdrag och radering', '/admin/arkiv/registerutdrag');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Fortsätt' }).click())).toBe(400);
    await expectNoAxeViolations(page, 'register extract without a person');
    // An extract is made, then marked handed out.
    await page.getByLabel('E-postadress', { exact: true }).check();
    await page.getByLabel('E-postadress, telefonnummer eller personnummer').fill('asa@example.se');
    await page.getByLabel('Registerutdrag').check();
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Fortsätt' }).click()]);
    await page.goto(`${baseUrl}/admin/arkiv/registerutdrag`);
    expect(await page.getByText('Skapat, inte utlämnat').count()).toBe(1);
    expect(await clickAndWait(page, () => page.getByRole('button', { name: /^Markera som utlämnat/ }).click())).toBe(200);
    expect(await page.getByText('Registerutdraget är markerat som utlämnat.').count()).toBe(1);
    await expectNoAxeViolations(page, 'an extract marked handed out');
    // An erasure request: pseudonymisation asks for the decision, and spares what is kept.
    await t.db.insertInto('retention_settings').values({ organization_id: t.orgId, pseudonymise_on_request: true }).onConflict((oc) => oc.column('organization_id').doUpdateSet({ pseudonymise_on_request: true })).execute();
    await page.getByLabel('E-postadress', { exact: true }).check();
    await page.getByLabel('E-postadress, telefonnummer eller personnummer').fill('asa@example.se');
    await page.getByLabel('Radering').check();
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Fortsätt' }).click())).toBe(200);
    expect(await page.getByText(/^Pseudonymiseras inte: /).count()).toBe(1);
    expect(await clickAndWait(page, () => page.getByRole('button', { name: /^Pseudonymisera kontaktuppgifterna/ }).click())).toBe(400);
    await expectNoAxeViolations(page, 'pseudonymisation without a decision');
    await page.getByLabel('Beslut om gallring av kontaktuppgifterna').fill('KS 2029/45');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: /^Pseudonymisera kontaktuppgifterna/ }).click())).toBe(200);
    expect(await page.getByText('Kontaktuppgifterna är pseudonymiserade.').count()).toBe(1);
    await expectNoAxeViolations(page, 'an erasure review after pseudonymisation');
    await page.goto(`${baseUrl}/admin/arkiv/registerutdrag`);

    await visit(page, 'Leverans till e-arkiv', '/admin/arkiv/e-arkiv');
    await page.getByLabel('Ärenden avslutade år').fill('2020');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Skapa och ladda ner paketet' }).click())).toBe(200);
    expect(await page.getByText('Det finns inga ärenden att leverera från 2020').count()).toBe(1);
    await expectNoAxeViolations(page, 'e-archive delivery of a year with nothing kept');
    await page.getByLabel('Ärenden avslutade år').fill('2026');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Skapa och ladda ner paketet' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^[0-9a-f-]{36}\.zip$/);
    await page.goto(`${baseUrl}/admin/arkiv/e-arkiv`);
    expect(await page.getByRole('cell', { name: '2026', exact: true }).count()).toBe(1);
    // Lost: the same package again, not a new one.
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Ladda ner igen/ }).click()]);
    expect(again.suggestedFilename()).toBe(download.suggestedFilename());
    await page.goto(`${baseUrl}/admin/arkiv/e-arkiv`);
    await page.getByLabel('Ärenden avslutade år').fill('2026');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Skapa och ladda ner paketet' }).click())).toBe(200);
    expect(await page.getByText(/finns redan i ett paket som väntar på arkivets kvittens/).count()).toBe(1);
    await expectNoAxeViolations(page, 'e-archive delivery of a year already packaged');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Kvittera' }).click())).toBe(400);
    await expectNoAxeViolations(page, 'receipt without a reference');
    await page.getByLabel(/Arkivets kvittens/).fill('KA 2029/3');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Kvittera' }).click())).toBe(200);
    expect(await page.getByText('Kvittensen är sparad').count()).toBe(1);
    await expectNoAxeViolations(page, 'e-archive page with a confirmed package');

    await visit(page, 'Inställningar', '/admin/arkiv/installningar');
    await page.context().close();
  });

  it('lets the registrar put a case on legal hold from its page', async () => {
    const page = await signIn('registrator@exempelkommun.se');
    await page.goto(`${baseUrl}/handlaggning/arenden/${c.open.number}`);
    await clickAndWait(page, () => page.getByRole('link', { name: 'Lägg bevarandestopp' }).click());
    await expectNoAxeViolations(page, 'the legal hold page');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Lägg bevarandestopp' }).click())).toBe(400);
    await expectNoAxeViolations(page, 'legal hold without a reason');
    await page.getByLabel('Skäl').fill('Anmält till JO, dnr 123-2029');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Lägg bevarandestopp' }).click())).toBe(200);
    expect(await page.getByText('Anmält till JO, dnr 123-2029').count()).toBeGreaterThan(0);
    expect((await t.db.selectFrom('cases').select('legal_hold').where('id', '=', c.open.id).executeTakeFirstOrThrow()).legal_hold).toBe(true);
    // Lifting asks for a reason too.
    await clickAndWait(page, () => page.getByRole('link', { name: 'Häv bevarandestoppet' }).click());
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Häv bevarandestoppet' }).click())).toBe(400);
    await expectNoAxeViolations(page, 'lifting a legal hold without a reason');
    await page.getByLabel('Skäl till att stoppet hävs').fill('JO avslutade ärendet, dnr 123-2029');
    expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Häv bevarandestoppet' }).click())).toBe(200);
    expect(await page.getByText('JO avslutade ärendet, dnr 123-2029').count()).toBeGreaterThan(0);
    expect((await t.db.selectFrom('cases').select('legal_hold').where('id', '=', c.open.id).executeTakeFirstOrThrow()).legal_hold).toBe(false);
    await page.context().close();
  });
});
