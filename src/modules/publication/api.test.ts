import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectSchema, newApiKey } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { buildOrg } from '../../../test/factories.ts';
import { actorFor, caseDeps, DEMO, submitCase } from '../../../test/staffCases.ts';
import { saveDraft } from './commands.ts';
import { answeredCase, QUESTION } from './testFixture.ts';

/** POST/GET/DELETE /api/v1/cases/{number}/publication and …/approve. */

let t: TestContext;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
});
afterAll(() => t.close());

const del = async (number: string, body?: unknown, query = '') => {
  const res = await t.app.inject({
    method: 'DELETE',
    url: `/api/v1/cases/${number}/publication${query}`,
    headers: { authorization: `Bearer ${await keyOf()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: res.statusCode, body: res.json() as any };
};
let registrarKey: string | undefined;
const keyOf = async () => (registrarKey ??= await newApiKey(t.db, t.orgId, 'registrar', 'Delete'));

describe('the publication API', () => {
  it('drafts with the de-identified defaults, approves, shows the state and withdraws', async () => {
    const { number } = await answeredCase(t, { close: true });
    // No body at all: every field takes its default.
    const draft = await api.post(`/cases/${number}/publication`, undefined);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expectSchema('PublicationDraft', draft.body);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, question: 'Snöröjningen på Ågatan har inte gjorts på en vecka. Ring mig på [telefonnummer] eller skriv till [e-post].' });
    const phone = draft.body.findings.find((f: { field: string; kind: string }) => f.field === 'question' && f.kind === 'phone');
    expect(QUESTION.slice(phone.start, phone.end)).toBe('070-123 45 67');
    expect(draft.body.remaining).toEqual([]);

    const state = await api.get(`/cases/${number}/publication`);
    expectSchema('Publication', state.body);
    expect(state.body).toMatchObject({ status: 'draft', url: null, published: null, draft: { version: 1 } });

    const approved = await api.post(`/cases/${number}/publication/approve`, undefined);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expectSchema('PublicationApproved', approved.body);
    expect(approved.body).toEqual({ status: 'published', version: 1, url: `http://localhost/svar/${number}` });
    expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(200);
    expect((await api.get(`/cases/${number}/publication`)).body).toMatchObject({ status: 'published', draft: null, published: { version: 1 } });

    const noReason = await del(number);
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toHaveProperty('reason');
    const withdrawn = await del(number, undefined, '?reason=Fel%20text');
    expect(withdrawn).toEqual({ status: 200, body: { status: 'withdrawn' } });
    expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(410);
    expect((await del(number, { reason: 'Igen' })).body.code).toBe('not_published');
    expect((await api.get(`/cases/${number}/publication`)).body).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Fel text' });
  });

  it('takes the caller’s own text, reports what still looks like personal data, and publishes it only when confirmed', async () => {
    const { number } = await answeredCase(t);
    const draft = await api.post(`/cases/${number}/publication`, { title: 'Snöröjning', answer: 'Ring Sven på 070-111 22 33.' });
    expect(draft.status).toBe(201);
    expect(draft.body.answer).toBe('Ring Sven på 070-111 22 33.');
    expect(draft.body.remaining.map((r: { kind: string }) => r.kind).sort()).toEqual(['name', 'phone']);
    const refused = await api.post(`/cases/${number}/publication/approve`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('personal_data');
    expect((await api.post(`/cases/${number}/publication/approve`, { confirm: true })).status).toBe(200);
  });

  it('refuses with 422 and the reason for a case that may not be published, 409 with nothing to approve, 400 for bad input', async () => {
    const anon = await submitCase(t, { anonymous: 'true', name: '', email: '', replyChannel: '' });
    const res = await api.post(`/cases/${anon.number}/publication`, {});
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ code: 'not_publishable', message: expect.stringContaining('anonym') });
    const { number } = await answeredCase(t);
    expect((await api.post(`/cases/${number}/publication/approve`, {})).body.code).toBe('nothing_to_approve');
    const bad = await api.post(`/cases/${number}/publication`, { title: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid');
  });

  it('refuses a text with the submitter’s private status link', async () => {
    const { number, token } = await answeredCase(t);
    const res = await api.post(`/cases/${number}/publication`, { answer: `Se /arende/${token} för ditt ärende.` });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid');
    expect(res.body.fields).toEqual({ answer: expect.stringContaining('egen ärendesida') });
    expect((await api.get(`/cases/${number}/publication`)).body).toMatchObject({ published: null, draft: null });

    // A draft saved before the check (the e-mail footer was offered as the answer) is not approved either.
    expect((await api.post(`/cases/${number}/publication`, { answer: 'Gatan är plogad.' })).status).toBe(201);
    const pub = await t.db.selectFrom('publications').select(['case_id', 'draft_version_id']).where('case_number', '=', number).executeTakeFirstOrThrow();
    const v1 = await t.db.selectFrom('publication_versions').selectAll().where('id', '=', pub.draft_version_id!).executeTakeFirstOrThrow();
    const { id: _id, ...rest } = v1;
    const v2 = await t.db.insertInto('publication_versions').values({ ...rest, number: 2, answer: `Gatan är plogad.\n\n-- \nFölj ärendet: http://localhost/arende/${token}` }).returning('id').executeTakeFirstOrThrow();
    await t.db.updateTable('publications').set({ draft_version_id: v2.id }).where('case_id', '=', pub.case_id).execute();
    const approve = await api.post(`/cases/${number}/publication/approve`, { confirm: true });
    expect(approve.status).toBe(400);
    expect(approve.body.fields).toEqual({ answer: expect.stringContaining('egen ärendesida') });
    expect((await api.get(`/cases/${number}/publication`)).body).toMatchObject({ published: null });
    // The command itself refuses too, for a caller that skips validation.
    const revision = (await t.db.selectFrom('publications').select('revision').where('case_id', '=', pub.case_id).executeTakeFirstOrThrow()).revision;
    const text = { title: 'Snöröjning', question: 'När plogas gatan?', answer: `Se /arende/${token}` };
    await expect(saveDraft(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number, revision, text, choices: {} })).rejects.toMatchObject({ code: 'invalid', details: { answer: expect.any(String) } });
  });

  it('answers 404 for another organization’s case and for a key that may not publish it', async () => {
    const { number } = await answeredCase(t);
    const other = await buildOrg(t.db);
    const otherApi = apiClient(t.app, await newApiKey(t.db, other.id, 'admin'));
    expect((await otherApi.post(`/cases/${number}/publication`, {})).status).toBe(404);
    const reader = apiClient(t.app, await newApiKey(t.db, t.orgId, 'reader'));
    expect((await reader.post(`/cases/${number}/publication`, {})).status).toBe(404);
    expect((await reader.get(`/cases/${number}/publication`)).status).toBe(404);
    // The handler role over the whole organization may see but not change cases it is not assigned.
    const handler = apiClient(t.app, await newApiKey(t.db, t.orgId, 'handler'));
    expect((await handler.post(`/cases/${number}/publication/approve`, {})).status).toBe(404);
  });

  it('with four eyes, lets another key approve but not the one that wrote the draft', async () => {
    const org = await t.db.selectFrom('organizations').select('settings').where('id', '=', t.orgId).executeTakeFirstOrThrow();
    await t.db.updateTable('organizations').set({ settings: JSON.stringify({ ...org.settings, publicationFourEyes: true }) }).where('id', '=', t.orgId).execute();
    try {
      const { number } = await answeredCase(t);
      expect((await api.post(`/cases/${number}/publication`, {})).status).toBe(201);
      const own = await api.post(`/cases/${number}/publication/approve`, {});
      expect(own.status).toBe(409);
      expect(own.body.code).toBe('four_eyes');
      const second = apiClient(t.app, await newApiKey(t.db, t.orgId, 'coordinator', 'Granskare'));
      expect((await second.post(`/cases/${number}/publication/approve`, {})).status).toBe(200);
    } finally {
      await t.db.updateTable('organizations').set({ settings: JSON.stringify(org.settings) }).where('id', '=', t.orgId).execute();
    }
  });
});

