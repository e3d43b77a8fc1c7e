import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { installationSecret } from '../../platform/secrets.ts';
import { grantsOf } from '../auth/queries.ts';
import { addNote, assignCase, registerCase, routeCase, type CaseDeps } from '../cases/commands.ts';
import { registerOnBehalf, type OnBehalfInput } from '../registration/commands.ts';
import type { Actor } from '../cases/policy.ts';
import { STALE_MESSAGE } from '../cases/transition.ts';
import { toWinAnsi } from './messagePdf.ts';

let t: TestContext;
let deps: CaseDeps;

const REGISTRAR = 'registrator@exempelkommun.se';
const SARA = 'samordnare.bou@exempelkommun.se';
const HANNA = 'handlaggare.forskola@exempelkommun.se';
const GUSTAV = 'handlaggare.gata@exempelkommun.se';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  deps = { db: t.db, clock: t.clock, tokenSecret: await installationSecret(t.db, 'status-token') };
});
afterAll(() => t.close());

async function actor(email: string): Promise<Actor> {
  const u = await t.db.selectFrom('users').select(['id', 'name', 'organization_id']).where('email', '=', email).executeTakeFirstOrThrow();
  return { kind: 'user', id: u.id, name: u.name, organizationId: u.organization_id, grants: await grantsOf(t.db, u.id) };
}
const idOf = async (table: 'org_units' | 'categories', name: string) => (await t.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

/**
 * A complaint received by phone, registered by the registrar and assigned by the coordinator to
 * Hanna at Solrosens förskola: ready to be answered, through the same commands the pages use.
 */
async function caseForHanna(contact: OnBehalfInput['contact']) {
  const { number, token } = await registerOnBehalf(deps, await actor(REGISTRAR), {
    kind: 'klagomal',
    description: 'Grinden vid förskolan går inte att stänga ordentligt.',
    channel: 'phone',
    receivedAt: new Date('2026-12-15T08:00:00Z'),
    confirmedWithSubmitter: true,
    contact,
  });
  await registerCase(deps, {
    actor: await actor(REGISTRAR),
    number,
    classification: {
      kind: 'klagomal',
      areaId: await idOf('categories', 'Fysisk miljö'),
      subcategoryId: await idOf('categories', 'Förskola'),
      significance: 'routine',
      confidential: false,
      confidentialityRef: null,
      unitId: await idOf('org_units', 'Solrosens förskola'),
    },
  });
  const hanna = await actor(HANNA);
  await assignCase(deps, { actor: await actor(SARA), number, handlerId: hanna.id });
  return { number, token };
}

const ASA = { name: 'Åsa Öberg', email: 'asa@example.se', phone: '0701-23 45 67', address: 'Ängsvägen 4\n123 45 Exempelstad', replyChannel: 'email' as const };

const signedIn = (email: string) => new Session(t.app).signIn(email);
const answer = (s: Session, number: string, fields: Record<string, string>) => s.post(`/handlaggning/arenden/${number}/svara`, fields, { csrfFrom: '/handlaggning/ny' });
const caseRow = (number: string) => t.db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
const messagesOf = async (number: string) => t.db.selectFrom('messages').selectAll().where('case_id', '=', (await caseRow(number)).id).orderBy('created_at').execute();
const versionIn = (html: string) => html.match(/name="version" value="(\d+)"/)![1]!;

describe('the answer form', () => {
  it('preselects the channel the submitter asked for and offers the templates for the kind', async () => {
    const { number } = await caseForHanna({ ...ASA, replyChannel: 'letter' });
    const s = await signedIn(HANNA);
    const res = await s.get(`/handlaggning/arenden/${number}/svara`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<title>Svara på ärende ${number}`);
    expect(res.body).toMatch(/<input type="radio" id="channel-letter" name="channel" value="letter" checked/);
    expect(res.body).toContain('Svar på klagomål – åtgärd vidtagen');
    expect(res.body).not.toContain('Tack för beröm');
    expect(res.body).toContain('<form method="get"');
    expect(res.body).toContain('Använd mallen');
    for (const name of ['channel', 'subject', 'body', 'callDate', 'mall']) expect(res.body).toContain(`<label for="${name}"`);
  });

  it('fills a template’s placeholders from the case, editable before sending', async () => {
    const { number } = await caseForHanna(ASA);
    const template = await t.db.selectFrom('response_templates').select('id').where('title', '=', 'Svar på klagomål – åtgärd vidtagen').executeTakeFirstOrThrow();
    const s = await signedIn(HANNA);
    const res = await s.get(`/handlaggning/arenden/${number}/svara?mall=${template.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.body.match(/<textarea id="body"[^>]*>([\s\S]*?)<\/textarea>/)![1]!;
    expect(body).toContain('Hej Åsa Öberg!');
    expect(body).toContain('kom in 15 december 2026');
    expect(body).toContain(`ärendenummer ${number}`);
    expect(body).toContain('Hanna Handläggare\nBarn och utbildning');
    expect(body).not.toMatch(/\{[a-z]+\}/);
    expect(res.body).toMatch(new RegExp(`<option value="${template.id}" selected`));

    const unknown = await s.get(`/handlaggning/arenden/${number}/svara?mall=finns-inte`);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('Mallen finns inte längre');
  });

  it('does not exist for someone who may not answer the case', async () => {
    const { number } = await caseForHanna(ASA);
    const gustav = await signedIn(GUSTAV);
    expect((await gustav.get(`/handlaggning/arenden/${number}/svara`)).statusCode).toBe(404);
    const res = await answer(gustav, number, { channel: 'email', subject: '', body: 'Hej', callDate: '', version: '1' });
    expect(res.statusCode).toBe(404);
    expect(await messagesOf(number)).toHaveLength(0);
  });
});

describe('answering', () => {
  it('by e-mail: queued for sending, status answered, first answer time set', async () => {
    const { number } = await caseForHanna(ASA);
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara`);
    const res = await answer(s, number, { channel: 'email', subject: '', body: 'Hej Åsa! Vi har lagat grinden.', callDate: '', version: versionIn(form.body) });
    expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/arenden/${number}?klart=besvarad`);

    const c = await caseRow(number);
    expect(c.status).toBe('answered');
    expect(c.first_answered_at?.toISOString()).toBe('2026-12-22T09:00:00.000Z');
    const [m, ...rest] = await messagesOf(number);
    expect(rest).toHaveLength(0);
    expect(m).toMatchObject({ purpose: 'answer', channel: 'email', status: 'queued', recipient: 'asa@example.se', subject: `Svar på din synpunkt ${number}` });
    // The handler's text, then the frame: which case, where to follow it, how to add something.
    expect(m!.body).toMatch(new RegExp(`^Hej Åsa! Vi har lagat grinden\\.\\n\\n-- \\nÄrende ${number} hos Exempelkommun\\nFölj ditt ärende: http://localhost:3000/arende/[A-Za-z0-9_-]{43}\\nVill du lägga till något\\? Svara på det här meddelandet\\.$`));
  });

  it('by letter: recorded, and printable as a PDF with the letterhead', async () => {
    const { number } = await caseForHanna({ ...ASA, replyChannel: 'letter' });
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara`);
    const res = await answer(s, number, { channel: 'letter', subject: 'Svar om grinden', body: 'Hej Åsa!\n\nGrinden är lagad. Tack för att du hörde av dig.', callDate: '', version: versionIn(form.body) });
    expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    const [m] = await messagesOf(number);
    expect(m).toMatchObject({ channel: 'letter', status: 'recorded', recipient: 'Åsa Öberg\nÄngsvägen 4\n123 45 Exempelstad' });

    const pdf = await s.get(`/handlaggning/arenden/${number}/meddelanden/${m!.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`${number}-brev.pdf`);
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);

    // Someone who may not see the case gets nothing; a made-up message id neither.
    const gustav = await signedIn(GUSTAV);
    expect((await gustav.get(`/handlaggning/arenden/${number}/meddelanden/${m!.id}.pdf`)).statusCode).toBe(404);
    expect((await s.get(`/handlaggning/arenden/${number}/meddelanden/${crypto.randomUUID()}.pdf`)).statusCode).toBe(404);
    expect((await s.get(`/handlaggning/arenden/${number}/meddelanden/inte-ett-id.pdf`)).statusCode).toBe(404);
  });

  it('by phone: recorded as a note with the day of the call', async () => {
    const { number } = await caseForHanna({ ...ASA, replyChannel: 'phone' });
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara`);
    expect(form.body).toMatch(/id="channel-phone" name="channel" value="phone" checked/);
    const future = await answer(s, number, { channel: 'phone', subject: '', body: 'Vi pratade om grinden.', callDate: '2026-12-23', version: versionIn(form.body) });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('href="#callDate"');
    expect(future.body).toContain('Vi pratade om grinden.');

    const res = await answer(s, number, { channel: 'phone', subject: '', body: 'Berättade att grinden lagas på måndag.', callDate: '2026-12-21', version: versionIn(form.body) });
    expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    const [m] = await messagesOf(number);
    expect(m).toMatchObject({ channel: 'phone', status: 'recorded', occurred_on: '2026-12-21', recipient: '0701-23 45 67', body: 'Berättade att grinden lagas på måndag.' });
    expect((await caseRow(number)).status).toBe('answered');
  });

  it('refuses a channel the submitter left no detail for, keeping the text', async () => {
    const { number } = await caseForHanna({ name: 'Bo Ek', email: 'bo@example.se', phone: null, address: null, replyChannel: 'email' });
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara`);
    const res = await answer(s, number, { channel: 'letter', subject: '', body: 'Ett brev.', callDate: '', version: versionIn(form.body) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fel: Svara på ärende');
    expect(res.body).toContain('Personen har inte lämnat någon postadress');
    expect(res.body).toContain('Ett brev.');
    expect(await messagesOf(number)).toHaveLength(0);
  });

  it('refuses a template with its [instructions] or {placeholders} left in, naming them and keeping the text', async () => {
    const { number } = await caseForHanna(ASA);
    const template = await t.db.selectFrom('response_templates').select('id').where('title', '=', 'Svar på klagomål – åtgärd vidtagen').executeTakeFirstOrThrow();
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara?mall=${template.id}`);
    const filled = form.body.match(/<textarea id="body"[^>]*>([\s\S]*?)<\/textarea>/)![1]!.replaceAll('&amp;', '&');
    expect(filled).toContain('[beskriv åtgärden och när den gäller från]');
    const res = await answer(s, number, { channel: 'email', subject: '', body: filled, callDate: '', version: versionIn(form.body) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fel: Svara på ärende');
    expect(res.body).toContain('Fyll i eller ta bort det som står inom hakparentes innan du skickar: ”[beskriv åtgärden och när den gäller från]”');
    expect(res.body).toContain('Hej Åsa Öberg!');
    const typo = await answer(s, number, { channel: 'email', subject: 'Svar till {namm}', body: 'Grinden är lagad.', callDate: '', version: versionIn(form.body) });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('”{namm}”');
    expect(await messagesOf(number)).toHaveLength(0);
    expect((await caseRow(number)).status).not.toBe('answered');
  });

  it('keeps the handler’s text when the case is reassigned or sent away while they write, sending nothing', async () => {
    const { number } = await caseForHanna(ASA);
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara`);
    await assignCase(deps, { actor: await actor(SARA), number, handlerId: (await actor(SARA)).id });
    const text = 'Hej Åsa! Grinden får ett nytt lås på måndag.';
    const res = await answer(s, number, { channel: 'email', subject: '', body: text, callDate: '', version: versionIn(form.body) });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Ärendet har fått en annan handläggare');
    expect(res.body).toContain(text);
    expect(await messagesOf(number)).toHaveLength(0);

    // Sent to another förvaltning: the case is gone from Hanna's sight (404), her text is not.
    await routeCase(deps, { actor: await actor(REGISTRAR), number, unitId: await idOf('org_units', 'Gata och park') });
    const gone = await answer(s, number, { channel: 'email', subject: '', body: text, callDate: '', version: versionIn(form.body) });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('<title>Fel: Svaret har inte skickats');
    expect(gone.body).toContain(text);
    expect(await messagesOf(number)).toHaveLength(0);
  });

  it('refuses a stale version with 409 and the clear message, keeping the text and storing nothing', async () => {
    const { number } = await caseForHanna(ASA);
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara`);
    const seen = versionIn(form.body);
    // Meanwhile the coordinator reassigns the case to the same handler: a new version.
    await assignCase(deps, { actor: await actor(SARA), number, handlerId: (await actor(HANNA)).id });
    const before = await caseRow(number);

    const res = await answer(s, number, { channel: 'email', subject: '', body: 'Mitt svar som inte får försvinna.', callDate: '', version: seen });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('<title>Fel: ');
    expect(res.body).toContain(STALE_MESSAGE);
    expect(res.body).toContain('Mitt svar som inte får försvinna.');
    expect(versionIn(res.body)).toBe(String(before.version));
    expect(await messagesOf(number)).toHaveLength(0);
    expect((await caseRow(number)).status).toBe(before.status);
  });

  it('explains instead of offering a form when the submitter wants no answer', async () => {
    const { number } = await caseForHanna({ ...ASA, replyChannel: 'none' });
    const s = await signedIn(HANNA);
    const res = await s.get(`/handlaggning/arenden/${number}/svara`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('inte vill ha något svar');
    expect(res.body).not.toContain('name="body"');
  });
});

describe('the letter PDF text', () => {
  it('keeps Swedish and Latin-1 letters and degrades others readably', () => {
    expect(toWinAnsi('Åsa Öberg, Ängsvägen – ”citat” é ü')).toBe('Åsa Öberg, Ängsvägen – ”citat” é ü');
    expect(toWinAnsi('Wałęsa, Dvořák')).toBe('Wa?esa, Dvorák');
    expect(toWinAnsi('مرحبا')).toBe('?????');
    expect(toWinAnsi('rad1\r\nrad2')).toBe('rad1\nrad2');
  });
});

describe('the citizen’s status page', () => {
  it('shows the answer, the history and the handler’s name, but no internal note and no other staff', async () => {
    const { number, token } = await caseForHanna({ ...ASA, replyChannel: 'phone' });
    await addNote(deps, { actor: await actor(SARA), number, text: 'HEMLIG ANTECKNING om rektorns bedömning' });
    const s = await signedIn(HANNA);
    const form = await s.get(`/handlaggning/arenden/${number}/svara`);
    await answer(s, number, { channel: 'phone', subject: '', body: 'Vi berättade att grinden lagas på måndag.', callDate: '2026-12-21', version: versionIn(form.body) });

    const res = await t.app.inject(`/arende/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(number);
    expect(res.body).toContain('Vi ringde dig');
    expect(res.body).toContain('21 december 2026');
    expect(res.body).toContain('Vi berättade att grinden lagas på måndag.');
    expect(res.body).toContain('Hanna Handläggare');
    expect(res.body).toContain('Vi tog emot din synpunkt');
    expect(res.body).toContain('En handläggare fick ansvar för din synpunkt');
    expect(res.body).toContain('Vi svarade dig');
    // Received by phone on the 15th, registered later: the history shows when the person called.
    expect(res.body).toContain('15 december 2026 kl. 09:00');

    expect(res.body).not.toContain('HEMLIG ANTECKNING');
    expect(res.body).not.toContain('Sara Samordnare');
    expect(res.body).not.toContain('Rebecka Registrator');
    expect(res.body).not.toContain('0701-23 45 67');
  });
});
