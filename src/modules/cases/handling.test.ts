import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, caseRow, DEMO, errorSummary, eventTypes, registerTo, submitCase, unitId, versionIn } from '../../../test/staffCases.ts';
import { answerCase } from './commands.ts';
import { STALE_MESSAGE } from './transition.ts';

/** The case page's forms over HTTP: each role's journey, the refusals, and two people saving at once. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const userId = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

/** Loads the case page and posts one of its forms with the version shown, as a browser would. */
async function act(s: Session, number: string, slug: string, fields: Record<string, string> = {}) {
  const page = await s.get(`/handlaggning/arenden/${number}`);
  expect(page.statusCode).toBe(200);
  return s.post(`/handlaggning/arenden/${number}/${slug}`, { version: versionIn(page.body), ...fields });
}

function expectDone(res: { statusCode: number; headers: Record<string, unknown> }, number: string, key: string) {
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe(`/handlaggning/arenden/${number}?klart=${key}`);
}

describe('the coordinator distributes', () => {
  it('assigns to a handler, choosing the förvaltning, and the case lands on the handler’s unit', async () => {
    const { number } = await submitCase(t);
    await registerTo(t, number, 'Samhällsbyggnad');
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const res = await act(s, number, 'tilldela', { unitId: await unitId(t, 'Samhällsbyggnad'), handlerId: await userId(DEMO.handlerGata) });
    expectDone(res, number, 'tilldelad');
    const page = await s.get(res.headers.location!);
    expect(page.body).toContain('<div class="success-banner" role="status"><p>Ärendet är tilldelat.');
    const c = await caseRow(t, number);
    expect(c).toMatchObject({ status: 'assigned', handler_id: await userId(DEMO.handlerGata), unit_id: await unitId(t, 'Gata och park') });
  });

  it('asks for a handler, keeping what was chosen', async () => {
    const { number } = await submitCase(t);
    await registerTo(t, number, 'Gata och park');
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const gata = await unitId(t, 'Gata och park');
    const res = await act(s, number, 'tilldela', { unitId: gata, handlerId: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Fel: Ärende /);
    expect(res.body).toContain('<a href="#tilldela-handlerId">Välj en handläggare</a>');
    expect(res.body).toMatch(new RegExp(`<select id="tilldela-unitId" name="unitId"[^>]*>[\\s\\S]*?<option value="${gata}" selected>`));
    expect((await caseRow(t, number)).status).toBe('registered');
  });

  it('reassigns while the case is in progress, and the history names both handlers', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const handler = await new Session(t.app).signIn(DEMO.handlerGata);
    expectDone(await act(handler, number, 'paborja'), number, 'paborjat');

    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    expectDone(await act(s, number, 'tilldela', { unitId: await unitId(t, 'Samhällsbyggnad'), handlerId: await userId(DEMO.coordinatorSbf) }), number, 'tilldelad');
    const c = await caseRow(t, number);
    expect(c).toMatchObject({ status: 'in_progress', handler_id: await userId(DEMO.coordinatorSbf), unit_id: await unitId(t, 'Samhällsbyggnad') });
    const page = await s.get(`/handlaggning/arenden/${number}`);
    expect(page.body).toMatch(/<dt>Handläggare<\/dt><dd>Sven Samordnare<\/dd><dt>Tidigare handläggare<\/dt><dd>Gustav Gatuchef<\/dd>/);
  });

  it('routes a case to another förvaltning; when it leaves their sight they land on their list', async () => {
    const { number } = await submitCase(t);
    await registerTo(t, number, 'Samhällsbyggnad');
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const res = await act(s, number, 'skicka', { unitId: await unitId(t, 'Kultur och fritid') });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/arenden?klart=skickat&arende=${number}`);
    expect((await s.get(res.headers.location!)).body).toContain(`Ärende ${number}: Ärendet är skickat.`);
    expect(await caseRow(t, number)).toMatchObject({ unit_id: await unitId(t, 'Kultur och fritid'), handler_id: null, status: 'registered' });
    expect((await s.get(`/handlaggning/arenden/${number}`)).statusCode).toBe(404);
  });

  it('does not let a handler distribute', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await act(s, number, 'tilldela', { handlerId: await userId(DEMO.handlerGata) });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Du har inte behörighet att göra det här i ärendet.');
  });
});

describe('the handler works the case', () => {
  it('starts, waits, resumes, is told to answer first, closes with an outcome and measures, and reopens', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);

    expectDone(await act(s, number, 'paborja'), number, 'paborjat');
    expect((await caseRow(t, number)).status).toBe('in_progress');

    expectDone(await act(s, number, 'vanta', { question: 'Kan du skicka en bild på platsen?' }), number, 'vantar');
    let c = await caseRow(t, number);
    expect(c.status).toBe('waiting');
    expect(c.paused_since?.toISOString()).toBe(t.clock.now().toISOString());

    expectDone(await act(s, number, 'ateruppta'), number, 'aterupptaget');
    c = await caseRow(t, number);
    expect(c).toMatchObject({ status: 'in_progress', paused_since: null });

    // No outcome: a field message.
    const noOutcome = await act(s, number, 'avsluta', { measures: 'Lampan är bytt.' });
    expect(noOutcome.statusCode).toBe(400);
    expect(errorSummary(noOutcome.body)).toEqual(['Välj ett utfall']);
    expect(noOutcome.body).toContain('href="#avsluta-outcome"');
    expect(noOutcome.body).toMatch(/<textarea id="avsluta-measures"[^>]*>Lampan är bytt.<\/textarea>/);

    // The submitter asked for an answer: closing before answering is refused with the reason.
    const unanswered = await act(s, number, 'avsluta', { outcome: 'measure_taken', measures: 'Lampan är bytt.' });
    expect(unanswered.statusCode).toBe(409);
    expect(errorSummary(unanswered.body)).toEqual(['Synpunktslämnaren vill ha svar. Svara innan ärendet avslutas.']);
    expect(unanswered.body).toContain('href="#atgard-avsluta"');
    expect(unanswered.body).toMatch(/<input type="radio" id="avsluta-outcome-measure_taken" name="outcome" value="measure_taken" checked/);
    expect((await caseRow(t, number)).status).toBe('in_progress');

    await answerCase(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number, message: { channel: 'email', body: 'Tack, lampan är lagad.' } });
    expectDone(await act(s, number, 'avsluta', { outcome: 'measure_taken', measures: 'Lampan är bytt. Vi ser över belysningen längs hela gångvägen.' }), number, 'avslutat');
    c = await caseRow(t, number);
    expect(c).toMatchObject({ status: 'closed', outcome: 'measure_taken' });
    const page = await s.get(`/handlaggning/arenden/${number}?klart=avslutat`);
    expect(page.body).toContain('Ärendet är avslutat.');
    expect(page.body).toContain('<dt>Utfall</dt><dd>Åtgärdad</dd>');
    expect(page.body).toContain('Vi ser över belysningen längs hela gångvägen.');
    expect(page.body).toContain('<strong>Åtgärd</strong>');

    expectDone(await act(s, number, 'ateroppna', { comment: 'Synpunktslämnaren hörde av sig igen.' }), number, 'ateroppnat');
    c = await caseRow(t, number);
    expect(c).toMatchObject({ status: 'in_progress', outcome: null, closed_at: null });
    expect(await eventTypes(t, number)).toEqual(['received', 'register', 'assign', 'start', 'wait', 'resume', 'answer', 'close', 'measure', 'reopen']);
  });

  it('keeps internal notes, never empty ones', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const empty = await act(s, number, 'anteckning', { text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Skriv anteckningen']);
    expectDone(await act(s, number, 'anteckning', { text: 'Ringde driften, de åker ut i morgon.' }), number, 'anteckning');
    const page = await s.get(`/handlaggning/arenden/${number}`);
    const notes = page.body.split('<h2>Interna anteckningar</h2>')[1]!.split('<h2>')[0]!;
    expect(notes).toContain('Gustav Gatuchef');
    expect(notes).toContain('Ringde driften, de åker ut i morgon.');
  });

  it('withdraws a case', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    expectDone(await act(s, number, 'aterkalla', { comment: 'Synpunktslämnaren ringde och tog tillbaka den.' }), number, 'aterkallat');
    expect((await caseRow(t, number)).status).toBe('withdrawn');
  });
});

describe('duplicates and related cases', () => {
  it('merges a duplicate into another case, shown on both', async () => {
    const { number: keep } = await submitCase(t, { description: 'Trasig lampa på Storgatan.' });
    const { number: dup } = await submitCase(t, { description: 'Lampan på Storgatan lyser inte.' });
    await assignedTo(t, keep, 'Gata och park', DEMO.handlerGata);
    await assignedTo(t, dup, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);

    const bad = await act(s, dup, 'sla-ihop', { intoNumber: 'SYN-2026' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Skriv ärendenumret som SYN-ÅÅÅÅ-NNNNN (med organisationens tre bokstäver först), till exempel SYN-2026-00042']);
    expect(bad.body).toContain('<details class="more-actions" open>');
    expect(bad.body).toContain('value="SYN-2026"');
    const missing = await act(s, dup, 'sla-ihop', { intoNumber: 'SYN-2026-09999' });
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)).toEqual(['Skriv numret på ett annat ärende, till exempel SYN-2026-00042.']);

    expectDone(await act(s, dup, 'sla-ihop', { intoNumber: keep.toLowerCase() }), dup, 'sammanslaget');
    expect(await caseRow(t, dup)).toMatchObject({ status: 'merged', merged_into_id: (await caseRow(t, keep)).id });
    const dupPage = await s.get(`/handlaggning/arenden/${dup}`);
    expect(dupPage.body).toContain(`Sammanslaget med <a href="/handlaggning/arenden/${keep}">${keep}</a>`);
    const keepPage = await s.get(`/handlaggning/arenden/${keep}`);
    expect(keepPage.body).toContain('Dubbletter som slagits ihop med det här ärendet');
    expect(keepPage.body).toContain(`<a href="/handlaggning/arenden/${dup}">${dup}</a>`);
  });

  it('links related cases both ways', async () => {
    const { number: a } = await submitCase(t);
    const { number: b } = await submitCase(t);
    await assignedTo(t, a, 'Gata och park', DEMO.handlerGata);
    await assignedTo(t, b, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    expectDone(await act(s, a, 'lanka', { otherNumber: b }), a, 'lankat');
    for (const [from, to] of [[a, b], [b, a]]) {
      const page = await s.get(`/handlaggning/arenden/${from}`);
      expect(page.body).toMatch(new RegExp(`<h3>Länkade ärenden</h3><ul><li><a href="/handlaggning/arenden/${to}">${to}</a> \\(Tilldelad\\)`));
    }
  });
});

describe('two people saving the same case', () => {
  it('accepts the first save and refuses the second with the reason, their input kept, nothing overwritten', async () => {
    const { number } = await submitCase(t);
    await registerTo(t, number, 'Gata och park');
    const first = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const second = await new Session(t.app).signIn(DEMO.admin);
    const v1 = versionIn((await first.get(`/handlaggning/arenden/${number}`)).body);
    const v2 = versionIn((await second.get(`/handlaggning/arenden/${number}`)).body);
    expect(v1).toBe(v2);

    const gata = await unitId(t, 'Gata och park');
    const ok = await first.post(`/handlaggning/arenden/${number}/tilldela`, { version: v1, unitId: gata, handlerId: await userId(DEMO.handlerGata) });
    expectDone(ok, number, 'tilldelad');
    const stale = await second.post(`/handlaggning/arenden/${number}/tilldela`, { version: v2, unitId: await unitId(t, 'Samhällsbyggnad'), handlerId: await userId(DEMO.coordinatorSbf) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain(STALE_MESSAGE);
    expect(stale.body).toMatch(/<title>Fel: /);
    expect(stale.body).toContain('<dd class="user-text" dir="auto">Sven Samordnare</dd>');
    expect(stale.body).toContain(`href="/handlaggning/arenden/${number}"`);

    expect(await caseRow(t, number)).toMatchObject({ handler_id: await userId(DEMO.handlerGata), unit_id: gata, version: Number(v1) + 1 });
    expect((await eventTypes(t, number)).filter((e) => e === 'assign')).toHaveLength(1);
  });

  it('explains a stale form even when the other save made the action impossible', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const a = await new Session(t.app).signIn(DEMO.handlerGata);
    const b = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const version = versionIn((await a.get(`/handlaggning/arenden/${number}`)).body);
    expectDone(await a.post(`/handlaggning/arenden/${number}/paborja`, { version }), number, 'paborjat');
    const res = await b.post(`/handlaggning/arenden/${number}/paborja`, { version });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain(STALE_MESSAGE);
    expect((await eventTypes(t, number)).filter((e) => e === 'start')).toHaveLength(1);
  });

  it('lets a note through whatever the version: it changes nothing another person could overwrite', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.post(`/handlaggning/arenden/${number}/anteckning`, { version: '1', text: 'Gammal sida, ny anteckning.' });
    expectDone(res, number, 'anteckning');
  });

  it('refuses a form without a version', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.post(`/handlaggning/arenden/${number}/paborja`, {});
    expect(res.statusCode).toBe(400);
    expect((await caseRow(t, number)).status).toBe('assigned');
  });
});
