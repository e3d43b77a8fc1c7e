import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, startTestApp, VALID_SUBMISSION, type TestContext } from '../../../test/app.ts';
import { LANGUAGES, readCatalogues } from './catalogue.ts';
import { LANG_COOKIE } from './plugin.ts';

/**
 * Every citizen page in every language: the right lang and dir on <html>, the language menu
 * with each language named in itself, and no Swedish left on a page in another language (no
 * catalogue message rendered in Swedish, no Swedish letters outside the organization's own
 * names and texts).
 */

let t: TestContext;
let token: string;
let unitNames: string[];

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form({ ...VALID_SUBMISSION, lang: 'sv' }) });
  token = res.headers.location!.split('/').pop()!;
  unitNames = (await t.db.selectFrom('org_units').select('name').execute()).map((u) => u.name);
});
afterAll(() => t?.close());

const catalogues = readCatalogues();
const sv = catalogues.get('sv')!;

type Res = { statusCode: number; body: string };
const PAGES: [string, (headers: Record<string, string>) => Promise<Res>][] = [
  ['start page', (headers) => t.app.inject({ url: '/', headers })],
  ['form', (headers) => t.app.inject({ url: '/synpunkt', headers })],
  ['form with errors', (headers) => t.app.inject({ method: 'POST', url: '/synpunkt', headers: { ...FORM, ...headers }, payload: form({ formId: 'x'.repeat(22) }) })],
  ['receipt', (headers) => t.app.inject({ url: `/synpunkt/kvitto/${token}`, headers })],
  ['status page', (headers) => t.app.inject({ url: `/arende/${token}`, headers })],
  ['public statistics', (headers) => t.app.inject({ url: '/statistik/publik', headers })],
  ['archive of answers', (headers) => t.app.inject({ url: '/svar', headers })],
  ['archive search with errors', (headers) => t.app.inject({ url: `/svar?typ=x&q=${'x'.repeat(201)}`, headers })],
  ['accessibility statement', (headers) => t.app.inject({ url: '/tillganglighet', headers })],
  ['page not found', (headers) => t.app.inject({ url: '/finns-inte', headers })],
  ['case not found', (headers) => t.app.inject({ url: `/arende/${'A'.repeat(43)}`, headers })],
];

/** The page's text as a reader sees it, without what the organization wrote itself in Swedish. */
function readerText(html: string): string {
  let s = html
    .replace(/<(script|style|svg|option)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(\w+)\b[^>]*\blang="sv"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    // What the submitter wrote, in whatever language they wrote it.
    .replace(/<(\w+)\b[^>]*\bclass="user-text"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ');
  for (const name of [...unitNames, 'Lyhörd']) s = s.split(name).join(' ');
  return s;
}

describe.each(LANGUAGES.map((l) => [l.code, l] as const))('in %s', (code, language) => {
  it.each(PAGES)('%s', async (_name, page) => {
    // As after choosing the language with ?lang=: the cookie that choice set.
    const res = await page({ cookie: `${LANG_COOKIE}=${code}` });
    expect([200, 400, 404]).toContain(res.statusCode);
    expect(res.body).toContain(`<html lang="${code}" dir="${language.dir}">`);
    for (const l of LANGUAGES) {
      expect(res.body).toMatch(new RegExp(`<a href="[^"]*lang=${l.code}" lang="${l.code}" hreflang="${l.code}" dir="${l.dir}"[^>]*>${l.name}</a>`));
    }
    expect(res.body).toMatch(new RegExp(`lang="${code}"[^>]*aria-current="true"`));
    if (code === 'sv') return;
    const own = catalogues.get(code)!;
    const text = readerText(res.body);
    const leftovers = Object.entries(sv)
      .filter(([k, m]) => !k.startsWith('_') && !/[{<]/.test(m) && m.length >= 10 && own[k] !== m)
      .filter(([, m]) => text.includes(m))
      .map(([k]) => k);
    expect(leftovers, 'Swedish catalogue messages on the page').toEqual([]);
    // Finnish has ä and ö of its own.
    const swedish = code === 'fi' ? /[åÅ]/ : /[åäöÅÄÖ]/;
    expect(text.match(new RegExp(`.{0,40}${swedish.source}.{0,40}`))?.[0], `Swedish letters on the page: ${text.match(new RegExp(`.{0,40}${swedish.source}.{0,40}`))?.[0]}`).toBeUndefined();
  });
});

describe('choosing a language', () => {
  it('remembers ?lang= in a cookie, and the cookie wins over the browser', async () => {
    const first = await t.app.inject({ url: '/synpunkt?lang=ar', headers: { 'accept-language': 'en' } });
    expect(first.body).toContain('<html lang="ar" dir="rtl">');
    const cookie = first.cookies.find((c) => c.name === LANG_COOKIE)!;
    expect(cookie).toMatchObject({ value: 'ar', path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie.maxAge).toBeGreaterThan(300 * 24 * 3600);
    const next = await t.app.inject({ url: '/', headers: { cookie: `${LANG_COOKIE}=ar`, 'accept-language': 'en' } });
    expect(next.body).toContain('<html lang="ar" dir="rtl">');
    expect(next.cookies.find((c) => c.name === LANG_COOKIE)).toBeUndefined();
  });

  it('follows Accept-Language, and falls back quietly to Swedish for what it does not offer', async () => {
    expect((await t.app.inject({ url: '/', headers: { 'accept-language': 'de-DE,fi-FI;q=0.9,sv;q=0.8' } })).body).toContain('<html lang="fi" dir="ltr">');
    for (const url of ['/?lang=xx', '/?lang=', '/?lang=%22%3E%3Cscript%3E', '/?lang=sv&lang=en']) {
      const res = await t.app.inject({ url, headers: { 'accept-language': 'de' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<html lang="sv" dir="ltr">');
      expect(res.body).not.toContain('<script>');
    }
  });

  it('keeps other query parameters in the menu links and never shows the menu on staff pages', async () => {
    const res = await t.app.inject('/statistik/publik?ar=2025&lang=en');
    expect(res.body).toContain('href="/statistik/publik?ar=2025&amp;lang=sv"');
    expect(res.headers.vary).toMatch(/accept-language/);
    const login = await t.app.inject({ url: '/logga-in', headers: { cookie: `${LANG_COOKIE}=en` } });
    expect(login.body).toContain('<html lang="sv" dir="ltr">');
    expect(login.body).not.toContain('class="language-menu"');
  });

  it('answers a staff address that does not exist in Swedish, like every staff page, whatever the browser prefers', async () => {
    for (const url of ['/admin/meddelandemallar', '/handlaggning/finns-inte', '/statistik/finns-inte', '/konto/finns-inte']) {
      const res = await t.app.inject({ url, headers: { 'accept-language': 'en', cookie: `${LANG_COOKIE}=en` } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('<html lang="sv" dir="ltr">');
      expect(res.body, url).not.toContain('class="language-menu"');
    }
    // A citizen's mistyped address is still answered in their language.
    expect((await t.app.inject({ url: '/finns-inte', headers: { 'accept-language': 'en' } })).body).toContain('<html lang="en" dir="ltr">');
    expect((await t.app.inject({ url: '/statistik/publik/finns-inte', headers: { 'accept-language': 'en' } })).body).toContain('<html lang="en" dir="ltr">');
  });

  it('stores the language the form was filled in on the case, and the receipt and status page follow it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form({ ...VALID_SUBMISSION, lang: 'fa', description: 'چراغ خیابان خاموش است 🙁 ‏(RTL mark) و شماره ۱۲۳' }) });
    expect(res.statusCode).toBe(303);
    const c = await t.db.selectFrom('cases').select(['language', 'description']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(c).toEqual({ language: 'fa', description: 'چراغ خیابان خاموش است 🙁 ‏(RTL mark) و شماره ۱۲۳' });
    const receipt = await t.app.inject({ url: res.headers.location!, headers: { 'accept-language': 'en' } });
    expect(receipt.body).toContain('<html lang="fa" dir="rtl">');
    // The case number reads left to right inside the Persian page and its title.
    const number = /SYN-2026-\d{5}/.exec(receipt.body)![0];
    expect(receipt.body).toContain(`<bdi dir="ltr" class="case-number">${number}</bdi>`);
    expect(receipt.body).toContain(`\u2066${number}\u2069`);
    const status = await t.app.inject({ url: res.headers.location!.replace('/synpunkt/kvitto/', '/arende/'), headers: { 'accept-language': 'en' } });
    expect(status.body).toContain('<html lang="fa" dir="rtl">');
    expect(status.body).toContain(`<bdi dir="ltr">${number}</bdi>`);
    expect(status.body).toContain('چراغ خیابان خاموش است 🙁 ‏(RTL mark) و شماره ۱۲۳');
    // The reader may still choose another language for the page.
    expect((await t.app.inject(`${res.headers.location!}?lang=sv`)).body).toContain('<html lang="sv" dir="ltr">');
  });

  it('takes a phone number typed in Arabic or Persian digits, and answers a failed post in the language of the form', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form({ ...VALID_SUBMISSION, lang: 'ar', replyChannel: 'phone', email: '', phone: '۰۷۰-١٢٣ ٤٥ ۶۷' }) });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
    const contact = await t.db.selectFrom('case_contacts').select('phone').orderBy('case_id', 'desc').where('phone', 'is not', null).execute();
    expect(contact.map((c) => c.phone)).toContain('070-123 45 67');
    const bad = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: { ...FORM, 'accept-language': 'sv' }, payload: form({ lang: 'so', description: 'Nal waddada ayaa jaban' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<html lang="so" dir="ltr">');
    expect(bad.body).toContain('Nal waddada ayaa jaban');
    expect(bad.body).toContain('<title>Khalad: ');
  });
});
