import type { Browser, Page } from 'playwright-core';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../test/app.ts';
import { assignCase, registerCase } from '../src/modules/cases/commands.ts';
import { installationSecret } from '../src/platform/secrets.ts';

/**
 * An installation admin sets up a new organization from nothing, in a real Chromium against the
 * real app: the organization, its first administrator (by invitation), a förvaltning and an
 * avdelning, a handler (by invitation), a subcategory and a response template. Then a citizen's
 * synpunkt to the new organization reaches that handler. Every admin page visited is checked
 * with axe against WCAG 2.1 A and AA.
 */


let t: TestContext;
let browser: Browser;
let baseUrl: string;
const checked: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function expectAccessible(page: Page, what: string) {
  checked.push(what);
  await expectNoAxeViolations(page, what);
}

const path = (page: Page) => new URL(page.url()).pathname;

async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${baseUrl}${base}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
}

/** Follows a one-time invitation link and chooses a password. */
async function acceptInvitation(link: string, password: string) {
  const context = await browser.newContext({ locale: 'sv-SE' });
  const page = await context.newPage();
  expect((await page.goto(link))?.status()).toBe(200);
  await expectAccessible(page, 'the invitation page');
  await page.getByLabel('Välj ett lösenord').fill(password);
  await page.getByLabel('Skriv lösenordet igen').fill(password);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Aktivera kontot' }).click())).toBe(200);
  expect(await page.getByText('Ditt konto är klart. Logga in.').count()).toBe(1);
  await context.close();
}

async function invitationLink(page: Page): Promise<string> {
  const text = (await page.locator('code.break').first().textContent())!;
  expect(text).toMatch(/\/inbjudan\/[A-Za-z0-9_-]{43}$/);
  return text;
}

describe('setting up a new organization from nothing', () => {
  it('goes from an empty organization to a case in the handler’s hands', async () => {
    // 1. The installation admin creates the organization and its first administrator.
    const adminContext = await browser.newContext({ locale: 'sv-SE' });
    const admin = await adminContext.newPage();
    await signIn(admin, '', 'admin@exempelkommun.se', 'exempel-demo-2026');
    await admin.goto(`${baseUrl}/admin`);
    await expectAccessible(admin, '/admin');
    await admin.goto(`${baseUrl}/admin/tillganglighet`);
    await expectAccessible(admin, '/admin/tillganglighet');
    await admin.goto(`${baseUrl}/admin`);
    await clickAndWait(admin, () => admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Organisationer' }).click());
    expect(path(admin)).toBe('/admin/organisationer');
    await expectAccessible(admin, '/admin/organisationer');
    await clickAndWait(admin, () => admin.getByRole('link', { name: 'Lägg till en organisation' }).click());
    await expectAccessible(admin, '/admin/organisationer/ny');

    // Sent empty: the GOV.UK error summary, each message linking to its field.
    expect(await clickAndWait(admin, () => admin.getByRole('button', { name: 'Lägg till organisationen' }).click())).toBe(400);
    expect(await admin.title()).toMatch(/^Fel: /);
    const summary = admin.getByRole('alert');
    await summary.getByRole('link').first().click();
    expect(await admin.locator(':focus').getAttribute('id')).toBe('slug');
    await expectAccessible(admin, '/admin/organisationer/ny with errors');

    await admin.getByLabel('Organisationens namn').fill('Exempelbostäder AB');
    await admin.getByLabel('Sort').selectOption({ label: 'Kommunalt bolag' });
    await admin.getByLabel('Adressnamn').fill('exempelbostader');
    await admin.getByRole('group', { name: 'Organisationens första administratör' }).getByLabel('Namn').fill('Bo Bostad');
    await admin.getByRole('group', { name: 'Organisationens första administratör' }).getByLabel('E-postadress').fill('bo@exempelbostader.se');
    expect(await clickAndWait(admin, () => admin.getByRole('button', { name: 'Lägg till organisationen' }).click())).toBe(200);
    await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Exempelbostäder AB är skapad');
    await expectAccessible(admin, 'the new organization’s invitation');
    const boLink = await invitationLink(admin);
    expect(boLink.startsWith(`${baseUrl}/o/exempelbostader/inbjudan/`)).toBe(true);
    await admin.goto(`${baseUrl}/admin/organisationer`);
    await clickAndWait(admin, () => admin.getByRole('link', { name: 'Exempelbostäder AB' }).click());
    expect(path(admin)).toMatch(/^\/admin\/organisationer\/[0-9a-f-]{36}$/);
    await expectAccessible(admin, '/admin/organisationer/:id');
    await adminContext.close();

    // 2. The new organization's administrator accepts and signs in under /o/exempelbostader/.
    await acceptInvitation(boLink, 'bostäder är bra att ha 2026');
    const B = '/o/exempelbostader';
    const boContext = await browser.newContext({ locale: 'sv-SE' });
    const bo = await boContext.newPage();
    await signIn(bo, B, 'bo@exempelbostader.se', 'bostäder är bra att ha 2026');
    expect(path(bo).startsWith(`${B}/`)).toBe(true);
    await clickAndWait(bo, () => bo.getByRole('link', { name: 'Administration' }).click());
    expect(path(bo)).toBe(`${B}/admin`);
    await expectAccessible(bo, `${B}/admin`);

    // 3. Units: a förvaltning with its nämnd, and an avdelning under it.
    await clickAndWait(bo, () => bo.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Organisation och enheter' }).click());
    expect(path(bo)).toBe(`${B}/admin/enheter`);
    await expectAccessible(bo, `${B}/admin/enheter`);
    await bo.getByLabel('Förvaltningens namn').fill('Fastighetsförvaltningen');
    await bo.getByLabel('Nämnd').fill('Bolagets styrelse');
    expect(await clickAndWait(bo, () => bo.getByRole('button', { name: 'Lägg till förvaltningen' }).click())).toBe(200);
    await expect(bo.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Fastighetsförvaltningen');
    await expectAccessible(bo, `${B}/admin/enheter/:id`);
    await bo.getByLabel('Namn', { exact: true }).last().fill('Område Norr');
    expect(await clickAndWait(bo, () => bo.getByRole('button', { name: 'Lägg till', exact: true }).click())).toBe(200);
    await expect(bo.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Område Norr');

    // 4. A handler for Område Norr, by invitation.
    await bo.goto(`${baseUrl}${B}/admin/personer`);
    await expectAccessible(bo, `${B}/admin/personer`);
    await clickAndWait(bo, () => bo.getByRole('link', { name: 'Bjud in en person' }).click());
    await expectAccessible(bo, `${B}/admin/personer/ny`);
    await bo.getByLabel('Namn', { exact: true }).fill('Hugo Handläggare');
    await bo.getByLabel('E-postadress').fill('hugo@exempelbostader.se');
    await bo.getByLabel('Roll', { exact: true }).selectOption('handler');
    await bo.getByLabel('Var rollen gäller').selectOption({ label: '– Område Norr' });
    expect(await clickAndWait(bo, () => bo.getByRole('button', { name: 'Bjud in' }).click())).toBe(200);
    await expectAccessible(bo, 'the handler’s invitation');
    const hugoLink = await invitationLink(bo);
    await clickAndWait(bo, () => bo.getByRole('link', { name: 'Till Hugo Handläggare' }).click());
    await expectAccessible(bo, `${B}/admin/personer/:id`);
    expect(await bo.getByText('Område Norr').count()).toBeGreaterThan(0);

    // 5. A subcategory for the förvaltning.
    await bo.goto(`${baseUrl}${B}/admin/kategorier`);
    await expectAccessible(bo, `${B}/admin/kategorier`);
    await bo.getByLabel('Förvaltning', { exact: true }).selectOption({ label: 'Fastighetsförvaltningen' });
    await bo.getByLabel('Underkategorins namn').fill('Tvättstuga');
    expect(await clickAndWait(bo, () => bo.getByRole('button', { name: 'Lägg till underkategorin' }).click())).toBe(200);
    expect(await bo.getByRole('link', { name: 'Tvättstuga' }).count()).toBe(1);

    // 6. A response template.
    await bo.goto(`${baseUrl}${B}/admin/svarsmallar`);
    await expectAccessible(bo, `${B}/admin/svarsmallar`);
    await clickAndWait(bo, () => bo.getByRole('link', { name: 'Ny svarsmall' }).click());
    await expectAccessible(bo, `${B}/admin/svarsmallar/ny`);
    await bo.getByLabel('Rubrik').fill('Felanmälan tvättstuga');
    await bo.getByLabel('Typ').selectOption({ label: 'Klagomål' });
    await bo.getByLabel('Gäller').selectOption({ label: 'Fastighetsförvaltningen' });
    await bo.getByLabel('Text').fill('Hej {namn}!\n\nTack för att du hörde av dig om tvättstugan ({arendenummer}). Vi har skickat en reparatör.\n\n{handlaggare}');
    expect(await clickAndWait(bo, () => bo.getByRole('button', { name: 'Spara mallen' }).click())).toBe(200);
    expect(await bo.getByRole('link', { name: 'Felanmälan tvättstuga' }).count()).toBe(1);
    await clickAndWait(bo, () => bo.getByRole('link', { name: 'Felanmälan tvättstuga' }).click());
    await expectAccessible(bo, `${B}/admin/svarsmallar/:id`);

    // The other pages of the administration, visited and checked too.
    for (const p of ['/admin/texter', '/admin/inloggning', '/admin/logg']) {
      expect((await bo.goto(`${baseUrl}${B}${p}`))?.status()).toBe(200);
      await expectAccessible(bo, `${B}${p}`);
    }
    expect(await bo.getByText('Hugo Handläggare (hugo@exempelbostader.se) bjöds in som handläggare').count()).toBe(1);
    await boContext.close();

    // 7. The handler activates their account.
    await acceptInvitation(hugoLink, 'hugo hanterar hyresgästers synpunkter');

    // 8. A citizen writes to the new organization.
    const citizenContext = await browser.newContext({ locale: 'sv-SE' });
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${baseUrl}${B}/`);
    expect(await citizen.title()).toBe('Lämna en synpunkt – Exempelbostäder AB');
    await clickAndWait(citizen, () => citizen.getByRole('link', { name: 'Lämna en synpunkt' }).click());
    expect(path(citizen)).toBe(`${B}/synpunkt`);
    await citizen.getByRole('radio', { name: 'Klagomål' }).check();
    await citizen.getByLabel('Beskriv din synpunkt').fill('Tvättmaskin 2 i tvättstugan på Norrgatan 5 har varit trasig i tre veckor.');
    await citizen.getByLabel('Vilken verksamhet gäller det?').selectOption({ label: 'Fastighetsförvaltningen' });
    await citizen.getByRole('radio', { name: 'Ja, jag lämnar mina kontaktuppgifter' }).check();
    await citizen.getByLabel('Namn', { exact: true }).fill('Åke Hyresgäst');
    await citizen.getByRole('radio', { name: 'E-post', exact: true }).check();
    await citizen.getByLabel('E-postadress').fill('ake@example.se');
    expect(await clickAndWait(citizen, () => citizen.getByRole('button', { name: 'Skicka synpunkten' }).click())).toBe(200);
    expect(path(citizen)).toMatch(new RegExp(`^${B}/synpunkt/kvitto/`));
    const number = (await citizen.locator('.case-number').textContent())!;
    await citizenContext.close();

    // 9. The organization admin registers it with the new subcategory and gives it to the handler.
    // (Done with the case commands: the inbox and case pages are their own issue's, tested there.)
    const org = await t.db.selectFrom('organizations').selectAll().where('slug', '=', 'exempelbostader').executeTakeFirstOrThrow();
    const boUser = await t.db.selectFrom('users').select(['id', 'name']).where('email', '=', 'bo@exempelbostader.se').executeTakeFirstOrThrow();
    const hugo = await t.db.selectFrom('users').select(['id']).where('email', '=', 'hugo@exempelbostader.se').executeTakeFirstOrThrow();
    const unit = (name: string) => t.db.selectFrom('org_units').select('id').where('organization_id', '=', org.id).where('name', '=', name).executeTakeFirstOrThrow();
    const forvaltning = await unit('Fastighetsförvaltningen');
    const norr = await unit('Område Norr');
    const area = await t.db.selectFrom('categories').select('id').where('organization_id', '=', org.id).where('name', '=', 'Tjänster').executeTakeFirstOrThrow();
    const sub = await t.db.selectFrom('categories').select('id').where('organization_id', '=', org.id).where('name', '=', 'Tvättstuga').executeTakeFirstOrThrow();
    const received = await t.db.selectFrom('cases').select(['suggested_unit_id', 'status']).where('organization_id', '=', org.id).where('number', '=', number).executeTakeFirstOrThrow();
    expect(received).toEqual({ suggested_unit_id: forvaltning.id, status: 'received' });
    const actor = { kind: 'user' as const, id: boUser.id, name: boUser.name, organizationId: org.id, grants: [{ role: 'admin' as const, unitId: null }] };
    const deps = { db: t.db, clock: t.clock, tokenSecret: await installationSecret(t.db, 'status-token') };
    await registerCase(deps, { actor, number, classification: { kind: 'klagomal', areaId: area.id, subcategoryId: sub.id, significance: 'routine', confidential: false, confidentialityRef: null, unitId: forvaltning.id } });
    await assignCase(deps, { actor, number, unitId: norr.id, handlerId: hugo.id });

    // 10. The handler signs in and finds the case in their list.
    const hugoContext = await browser.newContext({ locale: 'sv-SE' });
    const handler = await hugoContext.newPage();
    await signIn(handler, B, 'hugo@exempelbostader.se', 'hugo hanterar hyresgästers synpunkter');
    await handler.goto(`${baseUrl}${B}/handlaggning/arenden`);
    expect(await handler.getByText(number).count()).toBeGreaterThan(0);
    expect((await handler.goto(`${baseUrl}${B}/handlaggning/arenden/${number}`))?.status()).toBe(200);
    expect(await handler.getByText('Tvättmaskin 2 i tvättstugan på Norrgatan 5').count()).toBeGreaterThan(0);
    // Not in the municipality's pages: sessions stay in their organization.
    await handler.goto(`${baseUrl}/handlaggning/arenden`);
    expect(path(handler)).toBe('/logga-in');
    await expectAccessible(handler, '/logga-in');
    await hugoContext.close();

    expect(checked.length).toBeGreaterThanOrEqual(21);
  });
});
