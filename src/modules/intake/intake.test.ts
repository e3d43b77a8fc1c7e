import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, startTestApp, type TestContext, VALID_SUBMISSION } from '../../../test/app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ poolSize: 20 });
});
afterAll(() => t.close());

const valid = VALID_SUBMISSION;

async function post(fields: Record<string, string | string[]>) {
  return t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form(fields) });
}

async function submitValid(fields: Record<string, string> = {}) {
  const res = await post({ ...valid, ...fields });
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  const token = res.headers.location!.split('/').pop()!;
  return { res, token };
}

const errorLinks = (html: string) => [...html.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);

describe('start page and form', () => {
  it('explains what a synpunkt is and is not, the answer time and the GDPR basis', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/synpunkt"');
    expect(res.body).toContain('Felanmälan');
    expect(res.body).toContain('Överklagande');
    expect(res.body).toContain('https://www.exempelkommun.se/felanmalan');
    expect(res.body).toContain('10 arbetsdagar');
    expect(res.body).toContain('artikel 6.1 e');
    expect(res.body).not.toMatch(/samtycker/i);
  });

  it('offers every field, the förvaltningar and "Vet inte"', async () => {
    const res = await t.app.inject('/synpunkt');
    expect(res.statusCode).toBe(200);
    for (const name of ['kind', 'description', 'unit', 'anonymous', 'name', 'email', 'phone', 'address', 'replyChannel', 'formId']) {
      expect(res.body).toContain(`name="${name}"`);
    }
    expect(res.body).toContain('Barn och utbildning');
    expect(res.body).toContain('Vet inte');
    expect(res.body).toMatch(/anonym kan vi inte svara/);
  });
});

describe('submitting', () => {
  it('stores case, contact and received event, and shows the receipt and the status page', async () => {
    const { res, token } = await submitValid();
    expect(res.headers.location).toMatch(/^\/synpunkt\/kvitto\/[A-Za-z0-9_-]{43}$/);

    const receipt = await t.app.inject(res.headers.location!);
    expect(receipt.statusCode).toBe(200);
    const number = receipt.body.match(/SYN-2026-\d{5}/)![0];
    expect(receipt.body).toContain(`/arende/${token}`);

    const c = await t.db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ kind: 'klagomal', channel: 'web', status: 'received', anonymous: false, organization_id: t.orgId });
    expect(c.received_at.toISOString()).toBe('2026-12-22T09:00:00.000Z');
    expect(c.status_token_hash.toString('base64url')).not.toBe(token);
    const contact = await t.db.selectFrom('case_contacts').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Åsa Öberg', email: 'asa@example.se', reply_channel: 'email' });
    const events = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', c.id).execute();
    expect(events.map((e) => e.type)).toEqual(['received']);

    const status = await t.app.inject(`/arende/${token}`);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(number);
    expect(status.body).toContain('Klagomål');
    expect(status.body).toContain('22 december 2026');
    expect(status.body).toContain('Mottagen');
    expect(status.body).toContain('Gatlyktan vid skolan');
    expect(status.body).not.toContain('asa@example.se');
  });

  it('keeps an anonymous submission without any contact row', async () => {
    const { token } = await submitValid({ anonymous: 'true', name: '', email: '', replyChannel: '' });
    const status = await t.app.inject(`/arende/${token}`);
    const number = status.body.match(/SYN-2026-\d{5}/)![0];
    const c = await t.db.selectFrom('cases').select(['id', 'anonymous']).where('number', '=', number).executeTakeFirstOrThrow();
    expect(c.anonymous).toBe(true);
    expect(await t.db.selectFrom('case_contacts').where('case_id', '=', c.id).selectAll().execute()).toEqual([]);
  });

  it('routes to a chosen förvaltning as a suggestion', async () => {
    const unit = await t.db.selectFrom('org_units').select('id').where('name', '=', 'Kultur och fritid').executeTakeFirstOrThrow();
    const { token } = await submitValid({ unit: unit.id, kind: 'forslag' });
    const number = (await t.app.inject(`/arende/${token}`)).body.match(/SYN-2026-\d{5}/)![0];
    const c = await t.db.selectFrom('cases').select('suggested_unit_id').where('number', '=', number).executeTakeFirstOrThrow();
    expect(c.suggested_unit_id).toBe(unit.id);
  });

  it('stores text exactly as written and escapes it on output', async () => {
    const description = 'Hej!\r\nå ä ö Å Ä Ö — مرحبا بكم في البلدية 🎉👩🏽‍🦰\r\n<script>alert("x")</script> & "citat"';
    const { token } = await submitValid({ description, name: '<b>Namn</b>' });
    const status = await t.app.inject(`/arende/${token}`);
    expect(status.body).not.toContain('<script>alert');
    expect(status.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; &quot;citat&quot;');
    const number = status.body.match(/SYN-2026-\d{5}/)![0];
    const c = await t.db.selectFrom('cases').select('description').where('number', '=', number).executeTakeFirstOrThrow();
    expect(c.description).toBe(description);
  });

  it('accepts exactly 10 000 characters, counting emoji as one character each', async () => {
    await submitValid({ description: '😀'.repeat(10_000) });
  });

  it('creates one case when the same form is posted twice (double-click)', async () => {
    const fields = { ...valid, formId: 'dubbelklick-formular-0001', description: 'Dubbelklick' };
    const [a, b] = [await post(fields), await post(fields)];
    expect(a.statusCode).toBe(303);
    expect(b.statusCode).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
    const rows = await t.db.selectFrom('cases').select('id').where('description', '=', 'Dubbelklick').execute();
    expect(rows).toHaveLength(1);
  });

  it('creates one case when the same form is posted twice at the same moment', async () => {
    const fields = { ...valid, formId: 'samtidigt-formular-00002', description: 'Samtidigt' };
    const [a, b] = await Promise.all([post(fields), post(fields)]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect(b.headers.location).toBe(a.headers.location);
    expect(await t.db.selectFrom('cases').select('id').where('description', '=', 'Samtidigt').execute()).toHaveLength(1);
  });

  it('makes a new case when the same form id comes back with different text (edited after going back)', async () => {
    const a = await post({ ...valid, formId: 'tillbaka-formular-000003', description: 'Första' });
    const b = await post({ ...valid, formId: 'tillbaka-formular-000003', description: 'Andra' });
    expect(b.headers.location).not.toBe(a.headers.location);
  });

  it('gives 50 concurrent submissions 50 distinct numbers in sequence', async () => {
    const last = await t.db.selectFrom('cases').select((eb) => eb.fn.max('number').as('n')).where('organization_id', '=', t.orgId).where('number', 'like', 'SYN-2026-%').executeTakeFirst();
    const start = last?.n ? Number(String(last.n).slice(-5)) : 0;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => post({ ...valid, description: `Samtidig ${i}` })));
    expect(results.every((r) => r.statusCode === 303)).toBe(true);
    const rows = await t.db.selectFrom('cases').select('number').where('description', 'like', 'Samtidig %').execute();
    const numbers = rows.map((r) => r.number).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `SYN-2026-${String(start + i + 1).padStart(5, '0')}`));
  });

  it('numbers per year: a case received in a new year starts again at 00001', async () => {
    t.clock.set('2027-01-04T08:00:00Z');
    try {
      const { token } = await submitValid({ description: 'Nytt år' });
      expect((await t.app.inject(`/arende/${token}`)).body).toContain('SYN-2027-00001');
    } finally {
      t.clock.set('2026-12-22T09:00:00Z');
    }
  });
});

describe('validation', () => {
  const cases: [string, Record<string, string | string[]>, string, RegExp][] = [
    ['missing kind', { kind: '' }, 'kind', /Välj om det är/],
    ['unknown kind', { kind: 'hot' }, 'kind', /Välj en av de fyra/],
    ['empty description', { description: '   ' }, 'description', /Skriv din synpunkt/],
    ['too long description', { description: 'a'.repeat(10_001) }, 'description', /högst 10\s000 tecken – du har skrivit 10\s001/],
    ['unknown unit', { unit: '00000000-0000-0000-0000-000000000000' }, 'unit', /Välj en förvaltning i listan/],
    ['anonymous not chosen', { anonymous: '' }, 'anonymous', /Välj om du vill vara anonym/],
    ['anonymous with contact details', { anonymous: 'true', replyChannel: '' }, 'anonymous', /valt att vara anonym men fyllt i/],
    ['missing name', { name: '' }, 'name', /Skriv ditt namn/],
    ['missing reply channel', { replyChannel: '' }, 'replyChannel', /Välj hur du vill få svar/],
    ['unknown reply channel', { replyChannel: 'fax' }, 'replyChannel', /Välj hur du vill få svar/],
    ['invalid e-mail', { email: 'asa@' }, 'email', /rätt format/],
    ['e-mail missing for e-mail answer', { email: '' }, 'email', /Skriv din e-postadress/],
    ['phone missing for phone answer', { replyChannel: 'phone' }, 'phone', /Skriv ditt telefonnummer/],
    ['invalid phone', { phone: 'ring mig' }, 'phone', /med siffror/],
    ['address missing for letter', { replyChannel: 'letter' }, 'address', /Skriv din postadress/],
    ['no way to reach them at all', { replyChannel: 'none', email: '' }, 'email', /minst ett sätt att nå dig/],
    ['a field sent twice', { kind: ['klagomal', 'berom'] }, 'kind', /mer än en gång/],
  ];

  for (const [name, override, field, message] of cases) {
    it(`refuses ${name} with a message linked to the field, keeping the input`, async () => {
      const res = await post({ ...valid, description: 'Min text <med> å ä ö', ...override });
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/<title>Fel: /);
      const links = errorLinks(res.body);
      expect(links.map(([f]) => f)).toContain(field);
      expect(links.find(([f]) => f === field)![1]).toMatch(message);
      expect(res.body).toContain(`id="${field}"`);
      if (!('description' in override)) expect(res.body).toContain('Min text &lt;med> å ä ö');
      if (field !== 'name') expect(res.body).toContain('value="Åsa Öberg"');
    });
  }

  it('reports every problem at once, in form order', async () => {
    const res = await post({ formId: 'x' });
    expect(res.statusCode).toBe(400);
    expect(errorLinks(res.body).map(([f]) => f)).toEqual(['kind', 'description', 'anonymous']);
    expect(res.body).toMatch(/name="formId" value="[A-Za-z0-9_-]+"/);
  });

  it('stores nothing when the input is invalid', async () => {
    const before = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await post({ ...valid, email: 'fel' });
    const after = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('answers a JSON body with 415 and a clear page', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(valid) });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('formuläret');
  });

  it('answers an unknown body type with 415 and a clear page', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: { 'content-type': 'application/xml' }, payload: '<x/>' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers an over-large body with 413 and a clear page', async () => {
    const res = await post({ ...valid, description: 'x'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('för stor');
  });
});

describe('status page', () => {
  it('answers an unknown token with a 404 page', async () => {
    const res = await t.app.inject(`/arende/${'A'.repeat(43)}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Sidan finns inte');
  });

  it('answers a malformed token with a 404 page', async () => {
    expect((await t.app.inject('/arende/kort')).statusCode).toBe(404);
    expect((await t.app.inject('/synpunkt/kvitto/kort')).statusCode).toBe(404);
  });
});

describe('health', () => {
  it('is ok while the database answers', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});
