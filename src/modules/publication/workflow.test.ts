import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { caseRow, DEMO, errorSummary } from '../../../test/staffCases.ts';
import { answeredCase, draftFormFields, QUESTION } from './testFixture.ts';

/** The case page's "Publicera" over HTTP: draft, review, publish, edit as a new version, withdraw. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const page = (n: string) => `/handlaggning/arenden/${n}/publicera`;

async function handler() {
  return new Session(t.app).signIn(DEMO.handlerGata);
}

describe('the draft', () => {
  it('starts from the de-identified texts, each finding marked in the original, and the original is never changed', async () => {
    const { number } = await answeredCase(t);
    const s = await handler();
    const casePage = await s.get(`/handlaggning/arenden/${number}`);
    expect(casePage.body).toContain(`href="/handlaggning/arenden/${number}/publicera"`);
    const res = await s.get(page(number));
    expect(res.statusCode).toBe(200);
    const f = draftFormFields(res.body);
    expect(f.question).toBe('Snöröjningen på Ågatan har inte gjorts på en vecka. Ring mig på [telefonnummer] eller skriv till [e-post].');
    // The handler's text only: the e-mail's footer holds the submitter's private status link.
    expect(f.answer).toBe('Tack för att du hörde av dig. Snöröjningen på Ågatan är gjord nu. Kontakta oss gärna igen på [telefonnummer] om det behövs.');
    expect(f.title).toBe('Snöröjningen på Ågatan har inte gjorts på en vecka.');
    // Every finding is shown, marked for removal, with a box to keep it instead; the submitter's
    // own e-mail address has no box: it is never published.
    expect(res.body).toMatch(/<mark class="finding">070-123 45 67<span class="visually-hidden"> \(telefonnummer, tas bort\)<\/span><\/mark>/);
    expect([f.redact].flat()).toHaveLength(2);
    expect(res.body).toContain('”asa@example.se”</span> – e-postadress, blir [e-post]. Tas alltid bort: det är synpunktslämnarens egen kontaktuppgift.');
    expect((await caseRow(t, number)).description).toBe(QUESTION);
  });

  it('lets the person keep a finding and remove text of their own, rewriting the text they have not edited', async () => {
    const { number } = await answeredCase(t, { description: 'Bullen på förskolan sa att ni skulle ringa 070-765 43 21.' });
    const s = await handler();
    const f = draftFormFields((await s.get(page(number))).body);
    expect(f.question).toBe('Bullen på förskolan sa att ni skulle ringa [telefonnummer].');
    // Keep the phone number (untick it) and remove the nickname "Bullen" as a name.
    const res = await s.post(page(number), { ...f, redact: [f.redact].flat().map(String).filter((k) => !k.startsWith('question:')), newExtraText: 'bullen', newExtraKind: 'name', action: 'uppdatera' }, { csrfFrom: page(number) });
    expect(res.statusCode).toBe(200);
    const after = draftFormFields(res.body);
    expect(after.question).toBe('[namn] på förskolan sa att ni skulle ringa 070-765 43 21.');
    expect(after.extra).toBe('name:bullen');
    expect(res.body).toContain('class="finding finding--kept"');
  });

  it('does not overwrite text the person edited by hand unless asked to', async () => {
    const { number } = await answeredCase(t);
    const s = await handler();
    const f = draftFormFields((await s.get(page(number))).body);
    const edited = 'Snöröjningen på en gata har inte gjorts.';
    const res = await s.post(page(number), { ...f, question: edited, redact: [], action: 'uppdatera' }, { csrfFrom: page(number) });
    const after = draftFormFields(res.body);
    expect(after.question).toBe(edited);
    expect(res.body).toContain('Du har ändrat synpunkten för hand');
    const replaced = await s.post(page(number), { ...after, replaceEdited: 'ja', action: 'uppdatera' }, { csrfFrom: page(number) });
    // Nothing unticked, so everything stays but the submitter's own e-mail address.
    expect(draftFormFields(replaced.body).question).toBe(QUESTION.replace('asa@example.se', '[e-post]'));
  });

  it('refuses to save text that brings back what the person chose to remove, keeping what they wrote', async () => {
    const { number } = await answeredCase(t);
    const s = await handler();
    const f = draftFormFields((await s.get(page(number))).body);
    const res = await s.post(page(number), { ...f, answer: 'Ring 070-123 45 67.', action: 'spara' }, { csrfFrom: page(number) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fel: Publicera ärende');
    expect(errorSummary(res.body)[0]).toContain('”070-123 45 67” står kvar i texten');
    expect(draftFormFields(res.body).answer).toBe('Ring 070-123 45 67.');
  });

  it('refuses a text with the submitter’s private status link, keeping what the person wrote', async () => {
    const { number, token } = await answeredCase(t);
    const s = await handler();
    const f = draftFormFields((await s.get(page(number))).body);
    const answer = `Gatan är plogad. Följ ärendet: https://synpunkter.example.se/arende/${token}`;
    for (const action of ['spara', 'publicera']) {
      const res = await s.post(page(number), { ...f, answer, action }, { csrfFrom: page(number) });
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual([expect.stringContaining('Ta bort länken till synpunktslämnarens egen ärendesida')]);
      expect(draftFormFields(res.body).answer).toBe(answer);
    }
    expect(await t.db.selectFrom('publications').select('case_id').where('case_number', '=', number).execute()).toEqual([]);
  });

  it('validates the title and texts with the GOV.UK pattern', async () => {
    const { number } = await answeredCase(t);
    const s = await handler();
    const f = draftFormFields((await s.get(page(number))).body);
    const res = await s.post(page(number), { ...f, title: '', answer: '   ', action: 'publicera' }, { csrfFrom: page(number) });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Skriv en rubrik', 'Skriv svaret som det ska publiceras']);
  });
});

describe('publishing, editing and withdrawing', () => {
  it('publishes the reviewed text, makes an edit a new version while the old stays public, and withdraws at once', async () => {
    const { number } = await answeredCase(t, { close: true });
    const s = await handler();
    const f = draftFormFields((await s.get(page(number))).body);
    const saved = await s.post(page(number), { ...f, title: 'Snöröjning på Ågatan', action: 'spara' }, { csrfFrom: page(number) });
    expect(saved.statusCode).toBe(303);
    // A saved draft is not public.
    expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(404);

    const draft = draftFormFields((await s.get(page(number))).body);
    expect(draft.title).toBe('Snöröjning på Ågatan');
    const published = await s.post(page(number), { ...draft, action: 'publicera' }, { csrfFrom: page(number) });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`${page(number)}?klart=publicerat`);
    const pub = await t.app.inject(`/svar/${number}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Snöröjning på Ågatan');
    expect(pub.body).toContain('Ring mig på [telefonnummer] eller skriv till [e-post].');
    expect(pub.body).not.toContain('070-123');
    expect(pub.body).not.toContain('asa@example.se');
    expect(pub.body).not.toContain('Åsa');

    // Edit: a new version; the published one stays until the new one is published.
    const edit = draftFormFields((await s.get(page(number))).body);
    await s.post(page(number), { ...edit, title: 'Snöröjningen på Ågatan', action: 'spara' }, { csrfFrom: page(number) });
    expect((await t.app.inject(`/svar/${number}`)).body).toContain('<h1 class="user-text" dir="auto">Snöröjning på Ågatan</h1>');
    const again = draftFormFields((await s.get(page(number))).body);
    await s.post(page(number), { ...again, action: 'publicera' }, { csrfFrom: page(number) });
    expect((await t.app.inject(`/svar/${number}`)).body).toContain('<h1 class="user-text" dir="auto">Snöröjningen på Ågatan</h1>');
    const versions = await t.db.selectFrom('publication_versions as v').innerJoin('cases as c', 'c.id', 'v.case_id').select(['v.number', 'v.title', 'v.approved_at']).where('c.number', '=', number).orderBy('v.number').execute();
    expect(versions.map((v) => [v.number, v.title, v.approved_at !== null])).toEqual([
      [1, 'Snöröjning på Ågatan', true],
      [2, 'Snöröjningen på Ågatan', true],
    ]);
    // A version's text can never be changed afterwards, not even in SQL.
    await expect(t.db.updateTable('publication_versions').set({ title: 'x' }).where('number', '=', 1).execute()).rejects.toThrow(/never changed/);

    // Withdraw needs a reason; then 410, and gone from the list and the search at once.
    const page2 = await s.get(page(number));
    const revision = page2.body.match(/name="revision" value="(\d+)"/)![1]!;
    const noReason = await s.post(`${page(number)}/avpublicera`, { revision, reason: ' ' }, { csrfFrom: page(number) });
    expect(noReason.statusCode).toBe(400);
    expect(errorSummary(noReason.body)).toEqual(['Skriv varför svaret avpubliceras']);
    const withdrawn = await s.post(`${page(number)}/avpublicera`, { revision, reason: 'Ett namn stod kvar.' }, { csrfFrom: page(number) });
    expect(withdrawn.statusCode).toBe(303);
    expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(410);
    expect((await t.app.inject('/svar?q=snöröjning')).body).not.toContain(number);
    expect((await t.app.inject('/svar')).body).not.toContain(number);

    const history = (await s.get(`/handlaggning/arenden/${number}`)).body.split('<h2>Historik</h2>')[1]!;
    for (const label of ['Utkast till publicering sparat', 'Publicerad på webbplatsen', 'Avpublicerad från webbplatsen', 'Ett namn stod kvar.']) expect(history).toContain(label);
  });

  it('asks the person to confirm what still looks like personal data before publishing', async () => {
    const { number } = await answeredCase(t);
    const s = await handler();
    const f = draftFormFields((await s.get(page(number))).body);
    const answer = `${f.answer} Du når oss också på 0701-11 22 33.`;
    const res = await s.post(page(number), { ...f, answer, action: 'publicera' }, { csrfFrom: page(number) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('”0701-11 22 33”');
    const ok = await s.post(page(number), { ...draftFormFields(res.body), confirmRemaining: 'ja', action: 'publicera' }, { csrfFrom: page(number) });
    expect(ok.statusCode).toBe(303);
  });

  it('protects the draft like other case edits: a stale form gets the conflict page with the text kept', async () => {
    const { number } = await answeredCase(t);
    const a = await handler();
    const b = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const fa = draftFormFields((await a.get(page(number))).body);
    const fb = draftFormFields((await b.get(page(number))).body);
    expect((await a.post(page(number), { ...fa, title: 'Först', action: 'spara' }, { csrfFrom: page(number) })).statusCode).toBe(303);
    const late = await b.post(page(number), { ...fb, title: 'Sist', action: 'spara' }, { csrfFrom: page(number) });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('har ändrats av någon annan');
    expect(late.body).toContain('Sist');
  });
});
