import type { Browser, Page } from 'playwright-core';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { startTestApp, type TestContext } from '../test/app.ts';
import { unitId } from '../test/staffCases.ts';

/**
 * One synpunkt's way through the staff pages, in a real Chromium against the real app: a citizen
 * submits it, the registrar registers and routes it, the coordinator assigns it, the handler
 * starts it, answers by e-mail and closes it, and the citizen sees the answer on their status
 * page. Every staff page visited is checked with axe against WCAG 2.1 A and AA.
 */


const DESCRIPTION = 'Gatlyktorna på Ågatan har varit släckta i en vecka. Det är mörkt och otryggt på kvällarna.';
const ANSWER = 'Hej Åsa!\n\nTack för att du hörde av dig. Lyktorna på Ågatan är lagade sedan i går.\n\nMed vänliga hälsningar\nGustav Gatuchef';

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

const visited: string[] = [];

async function expectAccessible(page: Page, what: string) {
  visited.push(what);
  await expectNoAxeViolations(page, what);
}

/** A fresh browser session for one person, signed in; returns the page they land on. */
async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
  return page;
}

const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('a synpunkt through the staff pages', () => {
  it('goes from the citizen via registrar, coordinator and handler back to the citizen, every staff page accessible', async () => {
    // The citizen submits through the public form.
    const citizen = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    await citizen.goto(`${baseUrl}/synpunkt`);
    await citizen.getByRole('radio', { name: 'Klagomål' }).check();
    await citizen.getByLabel('Beskriv din synpunkt').fill(DESCRIPTION);
    await citizen.getByLabel('Vilken verksamhet gäller det?').selectOption({ label: 'Samhällsbyggnad' });
    await citizen.getByRole('radio', { name: 'Ja, jag lämnar mina kontaktuppgifter' }).check();
    await citizen.getByLabel('Namn', { exact: true }).fill('Åsa Öberg');
    await citizen.getByRole('radio', { name: 'E-post', exact: true }).check();
    await citizen.getByLabel('E-postadress').fill('asa@example.se');
    expect(await clickAndWait(citizen, () => citizen.getByRole('button', { name: 'Skicka synpunkten' }).click())).toBe(200);
    const number = (await citizen.locator('.case-number').textContent())!;
    expect(number).toMatch(/^SYN-2026-\d{5}$/);
    const statusUrl = (await citizen.getByRole('link', { name: /\/arende\// }).getAttribute('href'))!;

    // The registrar finds it in the inbox, and registers and routes it to Gata och park.
    const registrar = await signIn('registrator@exempelkommun.se');
    expect(path(registrar)).toBe('/handlaggning/inkorg');
    expect(await registrar.getByRole('row', { name: new RegExp(number) }).getByRole('cell', { name: /minut|timm|dag/ }).count()).toBe(1);
    await expectAccessible(registrar, 'inbox');
    await clickAndWait(registrar, () => registrar.getByRole('link', { name: `Registrera ${number}` }).click());
    expect(await h1(registrar)).toBe(`Registrera ärende ${number}`);
    await expectAccessible(registrar, 'registration page');

    await registrar.getByLabel('Område').selectOption({ label: 'Fysisk miljö' });
    await registrar.getByLabel('Skicka till förvaltning eller enhet').selectOption({ label: 'Gata och park' });
    // Forgetting the significance: the page comes back with the error, the choices kept.
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Registrera och skicka' }).click())).toBe(400);
    expect(await registrar.title()).toMatch(/^Fel: /);
    expect(await registrar.getByRole('alert').getByRole('link').allTextContents()).toEqual(['Ange om ärendet är av vikt för verksamheten eller rutinmässigt']);
    await expectAccessible(registrar, 'registration page with errors');
    await registrar.getByRole('alert').getByRole('link').click();
    expect(await registrar.locator(':focus').getAttribute('id')).toBe('registrera-significance');
    await registrar.getByLabel('Underkategori').selectOption({ label: 'Gator och vägar' });
    await registrar.getByRole('radio', { name: 'Rutinmässig' }).check();
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Registrera och skicka' }).click())).toBe(200);
    expect(path(registrar)).toBe(`/handlaggning/inkorg?klart=registrerad-enhet&arende=${number}&till=${await unitId(t, 'Gata och park')}`);
    expect(await registrar.getByRole('status').textContent()).toContain(`Ärende ${number}: Ärendet är registrerat och skickat direkt till Gata och park (Samhällsbyggnad).`);
    await expectAccessible(registrar, 'inbox after registering');

    // The coordinator for Samhällsbyggnad sees it waiting for a handler and assigns Gustav.
    const coordinator = await signIn('samordnare.sbf@exempelkommun.se');
    expect(path(coordinator)).toBe('/handlaggning/forvaltning');
    expect(await coordinator.getByRole('table', { name: /Att fördela/ }).getByRole('link', { name: number }).count()).toBe(1);
    await expectAccessible(coordinator, "coordinator's overview");
    await clickAndWait(coordinator, () => coordinator.getByRole('table', { name: /Att fördela/ }).getByRole('link', { name: number }).click());
    expect(await h1(coordinator)).toContain(`Ärende ${number}`);
    await expectAccessible(coordinator, 'case page (registered)');
    await coordinator.getByLabel('Handläggare', { exact: true }).selectOption({ label: 'Gustav Gatuchef – Gata och park' });
    expect(await clickAndWait(coordinator, () => coordinator.getByRole('button', { name: 'Tilldela', exact: true }).click())).toBe(200);
    expect(await coordinator.getByRole('status').textContent()).toContain('Ärendet är tilldelat');
    await expectAccessible(coordinator, 'case page (assigned)');

    // The handler finds it among their own cases and starts it.
    const handler = await signIn('handlaggare.gata@exempelkommun.se');
    expect(path(handler)).toBe('/handlaggning/arenden');
    await expectAccessible(handler, "handler's workspace");
    await handler.getByRole('searchbox', { name: 'Sök' }).fill('gatlyktor');
    await clickAndWait(handler, () => handler.getByRole('button', { name: 'Visa ärenden' }).click());
    await expectAccessible(handler, "handler's workspace, searched");
    await clickAndWait(handler, () => handler.getByRole('link', { name: number, exact: true }).click());
    expect(await handler.locator('.user-text').first().textContent()).toBe(DESCRIPTION);
    expect(await clickAndWait(handler, () => handler.getByRole('button', { name: 'Påbörja', exact: true }).click())).toBe(200);
    expect(await handler.getByRole('status').textContent()).toContain('Handläggningen är påbörjad.');
    await expectAccessible(handler, 'case page (in progress)');

    // … answers by e-mail on the answer page …
    await clickAndWait(handler, () => handler.getByRole('link', { name: 'Svara synpunktslämnaren' }).click());
    expect(path(handler)).toBe(`/handlaggning/arenden/${number}/svara`);
    await expectAccessible(handler, 'answer page');
    await handler.getByRole('radio', { name: 'E-post', exact: true }).check();
    await handler.getByLabel('Svar (måste fyllas i)').fill(ANSWER);
    expect(await clickAndWait(handler, () => handler.getByRole('button', { name: 'Skicka svaret' }).click())).toBe(200);
    expect(path(handler)).toBe(`/handlaggning/arenden/${number}?klart=besvarad`);
    await expectAccessible(handler, 'case page (answered)');

    // … and closes it with an outcome and the measures taken.
    await handler.getByRole('radio', { name: 'Åtgärdad' }).check();
    await handler.getByLabel('Åtgärder').fill('Trasiga lyktor bytta. Belysningen på Ågatan ses över i vår.');
    expect(await clickAndWait(handler, () => handler.getByRole('button', { name: 'Avsluta ärendet' }).click())).toBe(200);
    expect(await handler.getByRole('status').textContent()).toContain('Ärendet är avslutat.');
    expect(await h1(handler)).toContain('Avslutad');
    await expectAccessible(handler, 'case page (closed)');

    // The citizen's status page shows the answer.
    await citizen.goto(statusUrl.startsWith('http') ? statusUrl : `${baseUrl}${statusUrl}`);
    expect(await h1(citizen)).toBe(`Ärende ${number}`);
    const status = (await citizen.locator('main').textContent())!;
    expect(status).toContain('Lyktorna på Ågatan är lagade sedan i går.');
    // Measures and internal notes are for staff only.
    expect(status).not.toContain('Trasiga lyktor bytta');

    const c = await t.db.selectFrom('cases').select(['status', 'outcome']).where('number', '=', number).executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'closed', outcome: 'measure_taken' });
    expect(visited.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps the pages for refusals accessible too: field errors, a stale form, a referral being prepared', async () => {
    const citizen = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    await citizen.goto(`${baseUrl}/synpunkt`);
    await citizen.getByRole('radio', { name: 'Fråga' }).check();
    await citizen.getByLabel('Beskriv din synpunkt').fill('Gatlampan utanför nummer 12 blinkar.');
    await citizen.getByRole('radio', { name: 'Ja, jag lämnar mina kontaktuppgifter' }).check();
    await citizen.getByLabel('Namn', { exact: true }).fill('Bo Ek');
    await citizen.getByRole('radio', { name: 'E-post', exact: true }).check();
    await citizen.getByLabel('E-postadress').fill('bo@example.se');
    await clickAndWait(citizen, () => citizen.getByRole('button', { name: 'Skicka synpunkten' }).click());
    const number = (await citizen.locator('.case-number').textContent())!;

    // The registrar prepares a referral to the fault service: the standard reply to edit.
    const registrar = await signIn('registrator@exempelkommun.se');
    await registrar.goto(`${baseUrl}/handlaggning/arenden/${number}/registrera`);
    await registrar.getByLabel('Vart ska ärendet hänvisas?').selectOption({ label: 'Felanmälan' });
    await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Visa standardsvaret' }).click());
    expect(await registrar.getByLabel('Svar till synpunktslämnaren').first().inputValue()).toContain('felanmalan');
    await expectAccessible(registrar, 'registration page with a referral prepared');

    // Registered to the förvaltning instead; the coordinator's case page with a field error …
    await registrar.goto(`${baseUrl}/handlaggning/arenden/${number}/registrera`);
    await registrar.getByLabel('Område').selectOption({ label: 'Information' });
    await registrar.getByLabel('Skicka till förvaltning eller enhet').selectOption({ label: 'Samhällsbyggnad (förvaltningen)' });
    await registrar.getByRole('radio', { name: 'Rutinmässig' }).check();
    expect(await clickAndWait(registrar, () => registrar.getByRole('button', { name: 'Registrera och skicka' }).click())).toBe(200);

    const coordinator = await signIn('samordnare.sbf@exempelkommun.se');
    await coordinator.goto(`${baseUrl}/handlaggning/arenden/${number}`);
    expect(await clickAndWait(coordinator, () => coordinator.getByRole('button', { name: 'Tilldela', exact: true }).click())).toBe(400);
    expect(await coordinator.getByRole('alert').getByRole('link').allTextContents()).toEqual(['Välj en handläggare']);
    await expectAccessible(coordinator, 'case page with a field error');

    // … and with a form gone stale: someone else assigned the case meanwhile.
    const admin = await signIn('admin@exempelkommun.se');
    await admin.goto(`${baseUrl}/handlaggning/arenden/${number}`);
    await admin.getByLabel('Handläggare', { exact: true }).selectOption({ label: 'Gustav Gatuchef – Gata och park' });
    expect(await clickAndWait(admin, () => admin.getByRole('button', { name: 'Tilldela', exact: true }).click())).toBe(200);
    await coordinator.getByLabel('Handläggare', { exact: true }).selectOption({ label: 'Sven Samordnare – Samhällsbyggnad' });
    expect(await clickAndWait(coordinator, () => coordinator.getByRole('button', { name: 'Tilldela', exact: true }).click())).toBe(409);
    expect(await coordinator.getByRole('alert').textContent()).toContain('Någon annan har ändrat ärendet');
    await expectAccessible(coordinator, 'stale form page');

    // A list filtered with a malformed date.
    await coordinator.goto(`${baseUrl}/handlaggning/arenden?vy=enhet&fran=i+g%C3%A5r`);
    expect(await coordinator.title()).toMatch(/^Fel: /);
    await expectAccessible(coordinator, 'case list with a filter error');
  });
});
