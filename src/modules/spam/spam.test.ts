import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, startTestApp, VALID_SUBMISSION, type TestContext } from '../../../test/app.ts';
import { DEFAULT_SPAM } from './guard.ts';

/**
 * The citizen form's protection with its real settings: a person without JavaScript gets
 * through; a filled honeypot, a form sent within seconds, a forged or replayed proof of work and
 * a burst from one address do not – each refused with the form shown again, text kept.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ spam: DEFAULT_SPAM });
});
afterAll(() => t?.close());

const START = new Date('2026-12-22T09:00:00Z').getTime();
let address = 0;
/** A fresh address per test, so the tests' counts stay apart. */
const nextAddress = () => `10.1.${Math.floor(++address / 250)}.${address % 250}`;

async function openForm(at: number, lang = 'sv') {
  t.clock.set(new Date(at));
  const page = await t.app.inject({ url: `/synpunkt?lang=${lang}` });
  return /name="formStarted" value="([^"]+)"/.exec(page.body)![1]!;
}

async function send(fields: Record<string, string>, opts: { at: number; from: string }) {
  t.clock.set(new Date(opts.at));
  return t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, remoteAddress: opts.from, payload: form({ ...VALID_SUBMISSION, webbplats: '', ...fields }) });
}

const cases = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function solved(): Promise<string> {
  const challenge = (await t.app.inject({ url: '/synpunkt/utmaning' })).json() as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

describe('a person without JavaScript', () => {
  it('gets through with the honeypot empty and a few seconds spent on the form', async () => {
    const formStarted = await openForm(START);
    const res = await send({ formStarted }, { at: START + 20_000, from: nextAddress() });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  });

  it('is asked to check and send again when the form went off within seconds; the text is kept', async () => {
    const before = await cases();
    const formStarted = await openForm(START, 'fi');
    const res = await send({ formStarted, lang: 'fi', description: 'Liian nopea mutta aito palaute' }, { at: START + 1_000, from: nextAddress() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Lomake lähetettiin vain muutama sekunti sivun avaamisen jälkeen');
    expect(res.body).toContain('Liian nopea mutta aito palaute');
    expect(res.body).toContain('href="#skicka"');
    expect(await cases()).toBe(before);
    // The page comes back with a new time, so sending again a moment later works.
    const again = /name="formStarted" value="([^"]+)"/.exec(res.body)![1]!;
    expect((await send({ formStarted: again, lang: 'fi' }, { at: START + 6_000, from: nextAddress() })).statusCode).toBe(303);
  });

  it('refuses a missing or forged form time', async () => {
    const real = await openForm(START);
    const [time, mac] = real.split('.');
    for (const formStarted of ['', 'x', `${Number(time) - 60_000}.${mac}`, `${time}.${'A'.repeat(22)}`]) {
      expect((await send({ formStarted }, { at: START + 30_000, from: nextAddress() })).statusCode, formStarted).toBe(400);
    }
  });

  it('refuses a filled honeypot, without a case', async () => {
    const before = await cases();
    const formStarted = await openForm(START);
    const res = await send({ formStarted, webbplats: 'https://spam.example' }, { at: START + 30_000, from: nextAddress() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Vi kunde inte ta emot formuläret');
    expect(await cases()).toBe(before);
  });
});

describe('the proof of work (ALTCHA)', () => {
  it('accepts a solved challenge once, and refuses it replayed, forged or malformed', async () => {
    const payload = await solved();
    const formStarted = await openForm(START);
    expect((await send({ formStarted, altcha: payload }, { at: START + 10_000, from: nextAddress() })).statusCode).toBe(303);
    const replay = await send({ formStarted, altcha: payload }, { at: START + 12_000, from: nextAddress() });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Kontrollen av att formuläret skickades av en människa gick inte igenom');

    const fresh = JSON.parse(Buffer.from(await solved(), 'base64').toString());
    const forged = { ...fresh, challenge: { ...fresh.challenge, parameters: { ...fresh.challenge.parameters, cost: 1 } } };
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    const wrong = { ...fresh, solution: { ...fresh.solution, derivedKey: flip(fresh.solution.derivedKey) } };
    const unsigned = { ...fresh, challenge: { parameters: fresh.challenge.parameters } };
    const bads = { forged, wrong, unsigned };
    for (const [what, bad] of Object.entries(bads).map(([k, p]) => [k, Buffer.from(JSON.stringify(p)).toString('base64')]).concat([['not json', 'bm90IGpzb24='], ['too long', 'x'.repeat(20_000)]])) {
      expect((await send({ formStarted, altcha: bad! }, { at: START + 14_000, from: nextAddress() })).statusCode, what).toBe(400);
    }
  });

  it('serves the challenge without caching, and the widget from our own origin', async () => {
    const res = await t.app.inject({ url: '/synpunkt/utmaning' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ parameters: { algorithm: 'PBKDF2/SHA-256', cost: DEFAULT_SPAM.altcha.cost }, signature: expect.any(String) });
    for (const file of ['altcha.js', 'altcha.css', 'pbkdf2.js', 'setup.js']) expect((await t.app.inject({ url: `/assets/altcha/${file}` })).statusCode, file).toBe(200);
    const page = await t.app.inject({ url: '/synpunkt' });
    expect(page.body).toContain('<script type="module" src="/assets/altcha/setup.js">');
    expect(page.body).not.toMatch(/src="https?:/);
  });
});

describe('rate limits', () => {
  it('turns a burst of 40 from one address away after the first 10, in the page language, keeping the text', async () => {
    const from = nextAddress();
    const at = START + 3_600_000 + 10_000;
    const formStarted = await openForm(at - 8_000, 'ar');
    const before = await cases();
    const statuses: number[] = [];
    let last = { body: '', headers: {} as Record<string, unknown> };
    for (let i = 0; i < 40; i++) {
      const res = await send({ formStarted, lang: 'ar', description: `رسالة رقم ${i}` }, { at: at + i * 1000, from });
      statuses.push(res.statusCode);
      last = res;
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses.slice(10)).toEqual(Array(30).fill(429));
    expect(await cases()).toBe(before + 10);
    expect(last.body).toContain('<html lang="ar" dir="rtl">');
    expect(last.body).toContain('أُرسلت ملاحظات كثيرة من اتصالك خلال وقت قصير');
    expect(last.body).toContain('رسالة رقم 39');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held up by it.
    expect((await send({ formStarted }, { at: at + 41_000, from: nextAddress() })).statusCode).toBe(303);
  });

  it('turns away a burst that straddles the turn of a minute after the first 10 too', async () => {
    const from = nextAddress();
    const at = Math.floor((START + 2 * 3_600_000) / 60_000) * 60_000 + 55_000;
    const formStarted = await openForm(at - 8_000);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await send({ formStarted, description: `Nummer ${i}` }, { at: at + i * 1000, from })).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses.slice(10)).toEqual(Array(30).fill(429));
  });

  it('does not count forms sent back for corrections: a person who gets it wrong 15 times can still send', async () => {
    const from = nextAddress();
    const at = START + 3 * 3_600_000 + 10_000;
    const formStarted = await openForm(at - 8_000);
    for (let i = 0; i < 15; i++) expect((await send({ formStarted, description: '' }, { at: at + i * 1000, from })).statusCode).toBe(400);
    expect((await send({ formStarted }, { at: at + 16_000, from })).statusCode).toBe(303);
  });

  it("lets a school behind one address send a normal day's feedback", async () => {
    const from = nextAddress();
    const day = START + 5 * 24 * 3_600_000;
    const statuses = new Set<number>();
    // 45 pupils and staff over a school day, a few at a time in the breaks.
    for (let i = 0; i < 45; i++) {
      const at = day + Math.floor(i / 3) * 30 * 60_000 + (i % 3) * 20_000;
      const formStarted = await openForm(at - 120_000);
      statuses.add((await send({ formStarted }, { at, from })).statusCode);
    }
    expect([...statuses]).toEqual([303]);
  });

  it('limits the organization as a whole, whatever the addresses', async () => {
    const at = START + 10 * 24 * 3_600_000;
    const formStarted = await openForm(at - 10_000);
    const statuses: number[] = [];
    for (let i = 0; i <= DEFAULT_SPAM.rate.perOrganizationPerMinute; i++) statuses.push((await send({ formStarted }, { at, from: nextAddress() })).statusCode);
    expect(statuses.filter((s) => s === 303)).toHaveLength(DEFAULT_SPAM.rate.perOrganizationPerMinute);
    expect(statuses.at(-1)).toBe(429);
  });
});
