import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, DEMO, submitCase } from '../../../test/staffCases.ts';
import { answerCase } from './commands.ts';

/**
 * Readers (läsare) and unit admins (superanvändare) see that a case exists, never what the
 * submitter wrote or who they are: not on the case page, and neither through the letter PDF,
 * the forwarding page nor the API.
 */
let t: TestContext;
let number: string;
let letterId: string;
const SECRET_TEXT = 'Min granne Karl Persson på Ängsvägen 4 slår sina barn';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  ({ number } = await submitCase(t, { description: SECRET_TEXT, replyChannel: 'letter', address: 'Ängsvägen 6\n123 45 Exempelstad' }));
  await t.db.updateTable('cases').set({ location: 'Ängsvägen 4' }).where('number', '=', number).execute();
  await assignedTo(t, number, 'Solrosens förskola', DEMO.handlerForskola, { subcategory: 'Förskola' });
  const handler = await actorFor(t, DEMO.handlerForskola);
  const c = await t.db.selectFrom('cases').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow();
  await answerCase(await caseDeps(t), {
    actor: handler,
    number,
    expectedVersion: c.version,
    message: { channel: 'letter', subject: 'Svar', body: 'Hej Åsa! Vi har pratat med socialtjänsten.' },
  });
  letterId = (await t.db.selectFrom('messages').select('id').where('case_id', '=', c.id).where('channel', '=', 'letter').executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const pdfPath = () => `/handlaggning/arenden/${number}/meddelanden/${letterId}.pdf`;

describe('the letter PDF', () => {
  it('is for the roles that see personal data, and does not exist for a reader or a unit admin', async () => {
    const handler = await new Session(t.app).signIn(DEMO.handlerForskola);
    expect((await handler.get(pdfPath())).statusCode).toBe(200);
    for (const who of [DEMO.reader, DEMO.unitAdmin]) {
      const s = await new Session(t.app).signIn(who);
      // They may see the case itself (without its text) …
      expect((await s.get(`/handlaggning/arenden/${number}`)).statusCode, who).toBe(200);
      // … but not the letter, which holds the name, the address and the answer.
      const pdf = await s.get(pdfPath());
      expect(pdf.statusCode, who).toBe(404);
      expect(pdf.headers['content-type'], who).not.toContain('application/pdf');
    }
  });
});

describe('the forwarding page', () => {
  it('shows the submitter’s text only to roles that may see it', async () => {
    const registrar = await new Session(t.app).signIn(DEMO.registrar);
    expect((await registrar.get(`/handlaggning/arenden/${number}/vidarebefordra`)).body).toContain('Karl Persson');
    // Roles that never forward a case find no forwarding page at all, and so no text on it.
    for (const who of [DEMO.reader, DEMO.unitAdmin]) {
      const s = await new Session(t.app).signIn(who);
      const res = await s.get(`/handlaggning/arenden/${number}/vidarebefordra`);
      expect(res.statusCode, who).toBe(404);
      expect(res.body, who).not.toContain('Karl Persson');
    }
  });
});

describe('the API', () => {
  it('leaves out the description, the excerpt and the place for keys that may not see personal data', async () => {
    const registrar = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
    const full = await registrar.get(`/cases/${number}`);
    expect(full.body.description).toBe(SECRET_TEXT);
    expect((await registrar.get('/cases')).body.items.find((i: { number: string }) => i.number === number).excerpt).toContain('Karl Persson');

    for (const role of ['reader', 'unit_admin'] as const) {
      const api = apiClient(t.app, await newApiKey(t.db, t.orgId, role));
      const one = await api.get(`/cases/${number}`);
      expect(one.status, role).toBe(200);
      expect(one.body.description, role).toBeNull();
      expect(one.body.place, role).toBeNull();
      expect(JSON.stringify(one.body), role).not.toContain('Persson');
      expect(JSON.stringify(one.body), role).not.toContain('Ängsvägen');
      const list = await api.get('/cases');
      expect(list.status, role).toBe(200);
      const item = list.body.items.find((i: { number: string }) => i.number === number);
      expect(item.excerpt, role).toBeNull();
      expect(JSON.stringify(list.body), role).not.toContain('Persson');
    }
  });
});
