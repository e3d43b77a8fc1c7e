import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, caseDeps, DEMO, errorSummary } from '../../../test/staffCases.ts';
import { publish } from './commands.ts';
import { answeredCase, draftFormFields } from './testFixture.ts';

/**
 * What is never published (guard.ts), over HTTP and through the command: a valid personnummer
 * and the submitter's own contact details block saving and publishing whatever is ticked, on
 * the web and in the API; what the reviewer kept is flagged again at the final step.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const page = (n: string) => `/handlaggning/arenden/${n}/publicera`;
const OLLE = { name: 'Olle Berg', email: 'olle.berg@example.se', phone: '070-222 33 44' };
// The walk-through's text: the submitter's own name and e-mail, and a personnummer whose check digit is right.
const LEAK = 'Skriv till Olle Berg, olle.berg@example.se, personnummer 19790202-2347';

const olleCase = () => answeredCase(t, { fields: OLLE, close: true });
const isPublic = async (number: string) => (await t.app.inject(`/svar/${number}`)).statusCode === 200;

describe('on the publish page', () => {
  it('refuses to publish or save a personnummer and the submitter’s own name and e-mail, even with the box ticked', async () => {
    const { number } = await olleCase();
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const f = draftFormFields((await s.get(page(number))).body);
    for (const action of ['publicera', 'spara']) {
      const res = await s.post(page(number), { ...f, answer: LEAK, confirmRemaining: 'ja', action }, { csrfFrom: page(number) });
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual(['”Olle Berg”, ”olle.berg@example.se”, ”19790202-2347” får aldrig publiceras. Ta bort det ur texten']);
      // The page says so next to the text, and the text is kept for the person to edit.
      expect(res.body).toContain('Det här får aldrig publiceras');
      expect(draftFormFields(res.body).answer).toBe(LEAK);
    }
    expect(await isPublic(number)).toBe(false);
    expect(await t.db.selectFrom('publications').select('case_id').where('case_number', '=', number).execute()).toEqual([]);

    // A wrong check digit is not certain: the reviewer decides, and confirms it at the end.
    const typo = await s.post(page(number), { ...f, answer: 'Personnummer 19790202-2345.', action: 'publicera' }, { csrfFrom: page(number) });
    expect(typo.statusCode).toBe(400);
    expect(errorSummary(typo.body)).toEqual([expect.stringContaining('kryssa i rutan om inget av det pekar ut en privatperson')]);
  });

  it('always removes the submitter’s own details from the proposal: a forged “keep” is ignored', async () => {
    const { number } = await answeredCase(t, { fields: OLLE, description: 'Jag heter Olle Berg och min telefon är 0702223344. Gatlyktan är trasig.' });
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(page(number));
    const f = draftFormFields(res.body);
    expect(f.question).toBe('Jag heter [namn] och min telefon är [telefonnummer]. Gatlyktan är trasig.');
    // No box to untick for them (the answer's own phone number, not the submitter's, has one).
    expect([f.redact].flat().filter((k) => String(k).startsWith('question:'))).toEqual([]);
    // Posting without any box ticked (as if to keep everything) still removes them.
    const updated = await s.post(page(number), { ...f, redact: [], action: 'uppdatera' }, { csrfFrom: page(number) });
    expect(draftFormFields(updated.body).question).toBe('Jag heter [namn] och min telefon är [telefonnummer]. Gatlyktan är trasig.');
  });

  it('flags again what the reviewer kept in step 1, and publishes only once they confirm it', async () => {
    const { number } = await answeredCase(t, { description: 'Grannen Kurt Nilsson på 070-765 43 21 klipper aldrig häcken.' });
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const f = draftFormFields((await s.get(page(number))).body);
    const kept = await s.post(page(number), { ...f, redact: [], action: 'uppdatera' }, { csrfFrom: page(number) });
    const after = draftFormFields(kept.body);
    expect(after.question).toBe('Grannen Kurt Nilsson på 070-765 43 21 klipper aldrig häcken.');
    const unconfirmed = await s.post(page(number), { ...after, action: 'publicera' }, { csrfFrom: page(number) });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('”Kurt Nilsson”');
    expect(unconfirmed.body).toContain('”070-765 43 21”');
    expect(await isPublic(number)).toBe(false);
    const confirmed = await s.post(page(number), { ...draftFormFields(unconfirmed.body), confirmRemaining: 'ja', action: 'publicera' }, { csrfFrom: page(number) });
    expect(confirmed.statusCode).toBe(303);
    expect(await isPublic(number)).toBe(true);
  });
});

describe('in the command and the API', () => {
  it('re-checks at the final step on the server: the command refuses what is never published, and what is unconfirmed', async () => {
    const { number } = await olleCase();
    const deps = await caseDeps(t);
    const actor = await actorFor(t, DEMO.handlerGata);
    const text = { title: 'Gatlyktan', question: 'Gatlyktan är trasig.', answer: `Vi har lagat den. ${LEAK}` };
    await expect(publish(deps, { actor, number, revision: 0, text, confirmRemaining: true })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'never_published' } });
    const guessed = { ...text, answer: 'Vi har lagat den. Hälsningar Kurt Nilsson, 070-765 43 21.' };
    await expect(publish(deps, { actor, number, revision: 0, text: guessed })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'personal_data' } });
    expect(await isPublic(number)).toBe(false);
    await publish(deps, { actor, number, revision: 0, text: guessed, confirmRemaining: true });
    expect(await isPublic(number)).toBe(true);
  });

  it('answers 422 never_published to a draft or an approval holding it, whatever confirm says', async () => {
    const { number } = await olleCase();
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
    const draft = await api.post(`/cases/${number}/publication`, { answer: LEAK });
    expect(draft.status).toBe(422);
    expect(draft.body.code).toBe('never_published');
    expect(draft.body.message).toContain('personnummer i svaret');
    expect(draft.body.message).not.toContain('19790202');

    // A draft saved before this check existed holds the submitter's phone number.
    expect((await api.post(`/cases/${number}/publication`, { answer: 'Vi har lagat lampan.' })).status).toBe(201);
    const pub = await t.db.selectFrom('publications').select(['case_id', 'draft_version_id']).where('case_number', '=', number).executeTakeFirstOrThrow();
    // Versions are never changed (a trigger), so the old draft comes in as a version of its own.
    const v1 = await t.db.selectFrom('publication_versions').selectAll().where('id', '=', pub.draft_version_id!).executeTakeFirstOrThrow();
    const { id: _id, ...rest } = v1;
    const v2 = await t.db.insertInto('publication_versions').values({ ...rest, number: 2, answer: 'Vi har lagat lampan. Ring 0702223344.' }).returning('id').executeTakeFirstOrThrow();
    await t.db.updateTable('publications').set({ draft_version_id: v2.id }).where('case_id', '=', pub.case_id).execute();
    const approve = await api.post(`/cases/${number}/publication/approve`, { confirm: true });
    expect(approve.status).toBe(422);
    expect(approve.body.code).toBe('never_published');
    expect(await isPublic(number)).toBe(false);

    // On the web the same draft is refused too, box ticked or not.
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(page(number));
    expect(res.body).toContain('Det här får aldrig publiceras');
    const post = await s.post(page(number), { ...draftFormFields(res.body), confirmRemaining: 'ja', action: 'publicera' }, { csrfFrom: page(number) });
    expect(post.statusCode).toBe(400);
    expect(await isPublic(number)).toBe(false);
  });

  it('publishes what the reviewer confirmed, through confirm: true', async () => {
    const { number } = await olleCase();
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar', 'Granskning'));
    expect((await api.post(`/cases/${number}/publication`, { answer: 'Kurt Nilsson på gatukontoret har lagat lampan.' })).status).toBe(201);
    const refused = await api.post(`/cases/${number}/publication/approve`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('personal_data');
    expect((await api.post(`/cases/${number}/publication/approve`, { confirm: true })).status).toBe(200);
  });
});

describe('the public page', () => {
  it('says what was done to the text, no more', async () => {
    const { number } = await olleCase();
    await publish(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number, revision: 0, text: { title: 'Lampan', question: 'Gatlyktan är trasig.', answer: 'Den är lagad.' } });
    const body = (await t.app.inject(`/svar/${number}`)).body;
    expect(body).toContain('Texten har granskats innan den publicerades');
    expect(body).not.toContain('Texten är avidentifierad');
  });
});
