/**
 * Which language a citizen's page is in, as a pure function of what the request carries:
 * `?lang=xx` (chosen now), else the `lyhord_lang` cookie (chosen before), else the language of
 * the case the page is about, else the browser's Accept-Language, else the organization's
 * default. Anything not offered is passed over quietly.
 */
export interface LanguageSignals {
  query?: unknown;
  cookie?: string;
  /** The submitter's language, on pages about their case (receipt, status page). */
  caseLanguage?: string | null;
  acceptLanguage?: string;
  orgDefault: string;
}

export function chooseLanguage(s: LanguageSignals, offered: (code: string) => boolean): { code: string; chosen: boolean } {
  const query = Array.isArray(s.query) ? s.query[0] : s.query;
  // A link may carry a regional tag (?lang=fi-FI, ?lang=ar-SA); it means the language, as in Accept-Language.
  const asked = typeof query === 'string' ? [query.toLowerCase(), query.toLowerCase().split('-')[0]!].find(offered) : undefined;
  if (asked) return { code: asked, chosen: true };
  if (s.cookie && offered(s.cookie)) return { code: s.cookie, chosen: false };
  if (s.caseLanguage && offered(s.caseLanguage)) return { code: s.caseLanguage, chosen: false };
  const accepted = fromAcceptLanguage(s.acceptLanguage, offered);
  if (accepted) return { code: accepted, chosen: false };
  return { code: offered(s.orgDefault) ? s.orgDefault : 'sv', chosen: false };
}

/** The most preferred offered language in an Accept-Language header ('ar-SE,ar;q=0.9,sv;q=0.8' → 'ar'). */
export function fromAcceptLanguage(header: string | undefined, offered: (code: string) => boolean): string | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0 && /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(r.tag))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranges) {
    if (offered(tag)) return tag;
    const primary = tag.split('-')[0]!;
    if (offered(primary)) return primary;
  }
  return undefined;
}
