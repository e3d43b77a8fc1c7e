import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, Session, startTestApp, VALID_SUBMISSION, type TestContext } from '../../../test/app.ts';
import { assignedTo, caseDeps, caseRow, DEMO, submitCase } from '../../../test/staffCases.ts';
import { createAcknowledgement } from '../notifications/acknowledgement.ts';
import { answeredCase, publishedCase } from '../publication/testFixture.ts';

/**
 * Walk-through 2, defect 9. What staff wrote in Swedish (unit and area names, answers, the public
 * version) carries lang="sv" on a page in another language, as WCAG 3.1.2 asks; and the language
 * of our messages is the submitter's choice on the form, not only the language of their browser.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const select = (html: string, name: string) => html.match(new RegExp(`<select id="${name}"[\\s\\S]*?</select>`))?.[0] ?? '';

describe('Swedish content on a page in another language', () => {
  it('the form names the units in Swedish, marked as Swedish', async () => {
    const units = select((await get('/synpunkt?lang=en')).body, 'unit');
    expect(units).toContain('<option value="vet-inte" selected>');
    expect(units).toMatch(/<option value="[0-9a-f-]{36}" lang="sv">Samhällsbyggnad<\/option>/);
    expect(units).not.toMatch(/<option value="[0-9a-f-]{36}">/);
    // On a Swedish page the page's own lang says it: nothing added.
    expect(select((await get('/synpunkt?lang=sv')).body, 'unit')).not.toContain('lang="sv"');
  });

  it('the public answer and the archive mark the public version and the names as Swedish', async () => {
    const { number } = await publishedCase(t, { title: 'Snöröjning på Ågatan', question: 'Det är inte plogat.', answer: 'Nu är det plogat.' }, { close: true });
    const page = (await get(`/svar/${number}?lang=fi`)).body;
    expect(page).toMatch(/<h1 class="user-text" dir="auto" lang="sv">Snöröjning på Ågatan<\/h1>/);
    expect(page).toMatch(/<p class="user-text" dir="auto" lang="sv">Det är inte plogat.<\/p>/);
    expect(page).toMatch(/<p class="user-text" dir="auto" lang="sv">Nu är det plogat.<\/p>/);
    const archive = (await get('/svar?lang=ar')).body;
    expect(archive).toMatch(new RegExp(`<a href="/svar/${number}" class="user-text" dir="auto" lang="sv">Snöröjning på Ågatan</a>`));
    expect(select(archive, 'omrade')).toMatch(/<option value="[0-9a-f-]{36}" lang="sv">Bemötande<\/option>/);
    expect(select(archive, 'forvaltning')).toMatch(/<option value="[0-9a-f-]{36}" lang="sv">Samhällsbyggnad<\/option>/);
  });

  it("the status page marks the handler's answer as Swedish", async () => {
    const { token } = await answeredCase(t, { answer: 'Lyktan är lagad nu.' });
    const page = (await get(`/arende/${token}?lang=en`)).body;
    expect(page).toMatch(/<p class="user-text" dir="auto" lang="sv">Lyktan är lagad nu.\s*<\/p>/);
  });

  it('the outbox marks an acknowledgement in the submitter’s language with its language and direction', async () => {
    const admin = await new Session(t.app).signIn(DEMO.admin);
    for (const [language, dir] of [
      ['en', 'ltr'],
      ['ar', 'rtl'],
    ]) {
      const { number } = await submitCase(t, { lang: language! });
      await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
      const { id } = await caseRow(t, number);
      const deps = await caseDeps(t);
      await t.db.transaction().execute((tx) => createAcknowledgement(tx, { clock: t.clock, tokenSecret: deps.tokenSecret, publicUrl: 'http://localhost:3000' }, id, t.clock.now()));
      const m = await t.db.selectFrom('messages').select('id').where('case_id', '=', id).where('purpose', '=', 'acknowledgement').executeTakeFirstOrThrow();
      const page = (await admin.get(`/admin/utkorg/${m.id}`)).body;
      expect(page, language).toContain(`<div class="inset user-text" lang="${language}" dir="${dir}">`);
      expect(page, language).toContain(`<h1 class="break" lang="${language}" dir="${dir}">`);
    }
  });
});

describe('the language of our messages', () => {
  const post = (fields: Record<string, string>) => t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form({ ...VALID_SUBMISSION, ...fields }) });
  const languageOf = async (res: { statusCode: number; headers: Record<string, unknown> }) => {
    expect(res.statusCode).toBe(303);
    const receipt = await t.app.inject(String(res.headers.location));
    return (await caseRow(t, receipt.body.match(/SYN-\d{4}-\d{5}/)![0])).language;
  };

  it('is offered on the form, each language named in itself, the page’s chosen', async () => {
    const languages = select((await get('/synpunkt?lang=en')).body, 'replyLanguage');
    expect(languages).toContain('<option value="en" selected>English</option>');
    expect(languages).toContain('<option value="sv" lang="sv" dir="ltr">Svenska</option>');
    expect(languages).toContain('<option value="ar" lang="ar" dir="rtl">العربية</option>');
    expect((await get('/synpunkt?lang=en')).body).toContain('Which language would you like our replies in?');
  });

  it('is what the submitter chose, not the language of their browser', async () => {
    expect(await languageOf(await post({ lang: 'en', replyLanguage: 'sv' }))).toBe('sv');
    expect(await languageOf(await post({ lang: 'sv', replyLanguage: 'fi' }))).toBe('fi');
    // Not chosen, or not a language we offer: the page's.
    expect(await languageOf(await post({ lang: 'en' }))).toBe('en');
    expect(await languageOf(await post({ lang: 'en', replyLanguage: 'xx' }))).toBe('en');
  });

  it('is kept when the form comes back with errors', async () => {
    const res = await post({ lang: 'en', replyLanguage: 'so', description: '' });
    expect(res.statusCode).toBe(400);
    expect(select(res.body, 'replyLanguage')).toContain('<option value="so" selected lang="so" dir="ltr">Soomaali</option>');
  });
});
