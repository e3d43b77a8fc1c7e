import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../test/app.ts';
import { DEMO } from '../test/staffCases.ts';
import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import { answeredCase } from '../src/modules/publication/testFixture.ts';
import { clickAndWait, expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * Publishing in a real Chromium: the handler reviews the proposed redactions (without
 * JavaScript, as the page must work that way), publishes, the citizen finds the answer in the
 * archive by a search and next to the form while writing, and the handler withdraws it. Every
 * archive page, the publish page and the form with suggestions are checked with axe.
 */

const QUESTION = 'Hej! Jag heter Kalle Svensson. Snöröjningen på Björkvägen har inte gjorts på en vecka och Bullen på förskolan halkade. Ring mig på 070-123 45 67.';
const ANSWER = 'Hej Kalle! Tack för att du hörde av dig. Snöröjningen på Björkvägen är gjord nu och gångvägen till förskolan är sandad.\nMed vänliga hälsningar\nGustav Gatuchef, gatuchef';

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

async function signIn(email: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'sv-SE', javaScriptEnabled })).newPage();
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  expect(await clickAndWait(page, () => page.getByRole('button', { name: 'Logga in' }).click())).toBe(200);
  return page;
}

describe('publishing an answer', () => {
  it('goes from review to the archive, its search, the suggestions beside the form, and away again', async () => {
    const { number } = await answeredCase(t, { description: QUESTION, answer: ANSWER, close: true });

    // The organization's setting (no four eyes here: the handler publishes after review).
    const admin = await signIn(DEMO.admin);
    await admin.goto(`${baseUrl}/admin/publicering`);
    expect(await admin.getByRole('checkbox', { name: 'Kräv att någon annan godkänner (fyra ögon)' }).isChecked()).toBe(false);
    await expectNoAxeViolations(admin, 'publication settings');
    await admin.context().close();

    // The handler, without JavaScript: the case page links to the draft.
    const noJs = await signIn(DEMO.handlerGata, false);
    await noJs.goto(`${baseUrl}/handlaggning/arenden/${number}`);
    await clickAndWait(noJs, () => noJs.getByRole('link', { name: 'Publicera avidentifierat på webbplatsen' }).click());
    const question = noJs.getByLabel('Synpunkten', { exact: true });
    const answer = noJs.getByLabel('Svaret', { exact: true });
    expect(await question.inputValue()).toBe('Hej! Jag heter [namn]. Snöröjningen på Björkvägen har inte gjorts på en vecka och Bullen på förskolan halkade. Ring mig på [telefonnummer].');
    expect(await answer.inputValue()).toContain('[namn], gatuchef');
    // The manager signs in office and may be named; the child's nickname must go too.
    await noJs.getByRole('checkbox', { name: /”Gustav Gatuchef” – namn/ }).uncheck();
    await noJs.getByLabel('Text som ska tas bort').fill('Bullen');
    expect(await clickAndWait(noJs, () => noJs.getByRole('button', { name: 'Uppdatera förslaget' }).click())).toBe(200);
    expect(await question.inputValue()).toBe('Hej! Jag heter [namn]. Snöröjningen på Björkvägen har inte gjorts på en vecka och [namn] på förskolan halkade. Ring mig på [telefonnummer].');
    expect(await answer.inputValue()).toContain('Gustav Gatuchef, gatuchef');
    await noJs.getByLabel('Rubrik').fill('Snöröjning på Björkvägen');
    // What the handler kept is listed again at the end, to be confirmed before publishing.
    expect(await noJs.locator('#kvar').textContent()).toContain('”Gustav Gatuchef”');
    await noJs.getByRole('checkbox', { name: 'Jag har läst listan: inget av det pekar ut en privatperson' }).check();
    expect(await clickAndWait(noJs, () => noJs.getByRole('button', { name: 'Publicera', exact: true }).click())).toBe(200);
    expect(await noJs.getByRole('status').textContent()).toContain('Svaret är publicerat i arkivet.');

    // The same page with JavaScript, for axe.
    const staff = await signIn(DEMO.handlerGata);
    await staff.goto(`${baseUrl}/handlaggning/arenden/${number}/publicera`);
    await expectNoAxeViolations(staff, 'publish page');
    // The submitter's own e-mail address typed back in: refused whatever is ticked, and said next to the text.
    await staff.getByLabel('Svaret', { exact: true }).fill('Skriv till asa@example.se om du undrar något.');
    expect(await clickAndWait(staff, () => staff.getByRole('button', { name: 'Publicera den nya versionen' }).click())).toBe(400);
    expect(await staff.getByRole('heading', { name: 'Det här får aldrig publiceras' }).count()).toBe(1);
    await expectNoAxeViolations(staff, 'publish page refusing what is never published');

    // The citizen finds it from the start page, by a search with another form of the word.
    const citizen = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    await citizen.goto(`${baseUrl}/`);
    await clickAndWait(citizen, () => citizen.getByRole('link', { name: 'Läs svar på synpunkter som andra har lämnat' }).click());
    await expectNoAxeViolations(citizen, 'archive');
    await citizen.getByLabel('Sök bland svaren').fill('snöröjningen');
    expect(await clickAndWait(citizen, () => citizen.getByRole('button', { name: 'Sök' }).click())).toBe(200);
    await expectNoAxeViolations(citizen, 'archive search results');
    await clickAndWait(citizen, () => citizen.getByRole('link', { name: 'Snöröjning på Björkvägen' }).click());
    expect(new URL(citizen.url()).pathname).toMatch(/^\/svar\/SYN-\d{4}-\d{5}$/);
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toBe('Snöröjning på Björkvägen');
    const text = (await citizen.locator('main').textContent())!;
    for (const hidden of ['Kalle', 'Svensson', 'Bullen', '070-123']) expect(text).not.toContain(hidden);
    expect(text).toContain('[namn] på förskolan halkade');
    expect(text).toContain('Gustav Gatuchef, gatuchef');
    await expectNoAxeViolations(citizen, 'published answer');

    // A page past the end says so (404) and links to the last page; it does not claim the archive is empty.
    const past = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    expect((await past.goto(`${baseUrl}/svar?sida=5`))?.status()).toBe(404);
    expect(await past.getByText('Inga svar är publicerade ännu').count()).toBe(0);
    await clickAndWait(past, () => past.getByRole('link', { name: 'Gå till sida 1' }).click());
    expect(await past.getByRole('link', { name: 'Snöröjning på Björkvägen' }).count()).toBe(1);
    await past.goto(`${baseUrl}/svar?sida=5`);
    await expectNoAxeViolations(past, 'archive page past the end (404)');
    await past.context().close();

    // Writing a new synpunkt on the same subject shows it beside the form.
    const form = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    await form.goto(`${baseUrl}/synpunkt`);
    expect(await form.locator('#liknande-svar').isVisible()).toBe(false);
    await form.getByLabel('Beskriv din synpunkt').fill('Det är inte plogat på Björkvägen och snöröjningen har inte kommit alls i veckan.');
    await form.locator('#liknande-svar').waitFor({ state: 'visible' });
    expect(await form.locator('#liknande-svar').getByRole('link', { name: /Snöröjning på Björkvägen/ }).count()).toBe(1);
    await expectNoAxeViolations(form, 'form with similar answers');

    // The handler withdraws it with a reason: the page is gone (410) and so is the search hit.
    await staff.getByLabel('Varför avpubliceras svaret?').fill('Synpunktslämnaren hörde av sig.');
    expect(await clickAndWait(staff, () => staff.getByRole('button', { name: 'Avpublicera' }).click())).toBe(200);
    expect((await citizen.reload())?.status()).toBe(410);
    await expectNoAxeViolations(citizen, 'withdrawn answer (410)');
    await citizen.goto(`${baseUrl}/svar?q=${encodeURIComponent('snöröjning')}`);
    expect(await citizen.getByText('Inga publicerade svar matchar din sökning').count()).toBe(1);
  });
});
