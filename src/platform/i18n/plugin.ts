import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_LANGUAGE, isLanguage, translator, type Translator } from './catalogue.ts';
import { chooseLanguage } from './negotiate.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the page is rendered in: Swedish unless the route is a citizen page (citizenArea). */
    i18n: Translator;
    /** On citizen pages: this page's path and query without `lang`, for the language menu. */
    menuPath: string | undefined;
  }
}

export const LANG_COOKIE = 'lyhord_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

/** Every request starts in Swedish; citizen routes switch to the reader's language. */
export const i18nPlugin = fp(async (app) => {
  app.decorateRequest('i18n', null as unknown as Translator);
  app.decorateRequest('menuPath', undefined);
  app.addHook('onRequest', async (req) => {
    req.i18n = translator(DEFAULT_LANGUAGE);
  });
});

export function orgDefaultLanguage(org: { settings: { defaultLanguage?: string } } | null | undefined): string {
  const code = org?.settings?.defaultLanguage;
  return isLanguage(code) ? code : DEFAULT_LANGUAGE;
}

/** `/synpunkt?ar=2025&lang=en` → `/synpunkt?ar=2025`: the page the language menu links to. */
export function pathWithoutLang(url: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.delete('lang');
  return u.pathname + u.search;
}

/**
 * Sets the request's language for a citizen page, and remembers a language chosen with
 * `?lang=` in a cookie (a year; it holds nothing but the language code). `caseLanguage` is the
 * submitter's language on pages about their case.
 */
export function useCitizenLanguage(req: FastifyRequest, reply: FastifyReply, caseLanguage?: string | null): Translator {
  const cookie = req.cookies?.[LANG_COOKIE];
  const choice = chooseLanguage(
    { query: (req.query as Record<string, unknown> | undefined)?.lang, cookie, caseLanguage, acceptLanguage: req.headers['accept-language'], orgDefault: orgDefaultLanguage(req.org) },
    isLanguage,
  );
  if (choice.chosen && cookie !== choice.code) {
    reply.setCookie(LANG_COOKIE, choice.code, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https' });
  }
  req.i18n = translator(choice.code);
  req.menuPath = pathWithoutLang(req.url);
  return req.i18n;
}

/** Makes an encapsulated plugin's pages citizen pages: in the reader's language, with the language menu. */
export function citizenArea(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    useCitizenLanguage(req, reply);
  });
}
