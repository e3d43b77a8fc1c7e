import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat, type Formats, type PrimitiveType } from 'intl-messageformat';
import { TIME_ZONE } from '../clock.ts';
import type { StaffKey } from './staffKeys.ts';

/**
 * The message catalogues: one JSON file per language in /locales, ICU MessageFormat strings
 * (plurals, select, numbers and dates through Intl). Adding a language is adding a file; Swedish
 * (sv.json) is the reference every other file is checked against (catalogue.test.ts). Keys that
 * start with "_" describe the language itself: `_name` (the language named in itself), `_locale`
 * (the Intl locale used for numbers and dates) and `_order` (its place in the language menu).
 *
 * The staff pages speak Swedish but take their words from the same catalogue, so they can be
 * translated later: locales/staff/<language>/<area>.json, one file per area of the staff side
 * (its keys start with "<area>."), kept apart so that a citizen language is complete without them.
 * A language without staff files shows staff text in Swedish.
 */
export type MessageKey = Exclude<keyof typeof import('../../../locales/sv.json'), `_${string}`> | StaffKey;
export type Values = Record<string, PrimitiveType>;

export const DEFAULT_LANGUAGE = 'sv';
export const LOCALES_DIR = new URL('../../../locales/', import.meta.url);

export interface Language {
  /** The BCP 47 code used in `lang`, `?lang=` and on the case: 'sv', 'ar'. */
  code: string;
  /** The language named in itself: 'Svenska', 'العربية'. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** The Intl locale for numbers and dates ('sv-SE', 'fa-IR-u-ca-gregory'). */
  locale: string;
}

/** Everything a page or a message needs to speak one language. Built once per language and shared. */
export interface Translator extends Language {
  t(key: MessageKey, values?: Values): string;
  /** A message with tags (`<link>…</link>`), each tag rendered by the function given for it. */
  rich<T>(key: MessageKey, values: Record<string, PrimitiveType | T | ((chunks: (string | T)[]) => T)>): string | T | (string | T)[];
  /** 22 december 2026; a 'YYYY-MM-DD' string is a calendar day. */
  date(d: Date | string): string;
  /** 22 december 2026 10:00 */
  dateTime(d: Date): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** A cached Intl.DateTimeFormat for this language (building one per call is costly). */
  dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat;
  /** Plain text that must read left to right (a case number in a title or an e-mail), isolated in right-to-left languages. */
  ltr(s: string): string;
}

/** Formats named in messages ({d, date, long}); dates are Swedish time whatever the language. */
const FORMATS: Partial<Formats> = {
  date: {
    long: { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE },
    monthYear: { month: 'long', year: 'numeric', timeZone: 'UTC' },
    month: { month: 'long', timeZone: 'UTC' },
  },
  time: { short: { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE } },
};

const dayAt = (d: Date | string) => (typeof d === 'string' ? new Date(`${d.slice(0, 10)}T12:00:00Z`) : d);

function build(code: string, raw: Record<string, string>, reference: Record<string, string>): Translator {
  const language: Language = {
    code,
    name: raw._name ?? code,
    locale: raw._locale ?? code,
    dir: ((new Intl.Locale(code) as unknown as { getTextInfo?: () => { direction: 'ltr' | 'rtl' } }).getTextInfo?.().direction ?? 'ltr'),
  };
  // A key missing in this language falls back to Swedish at run time; the tests fail on it.
  const source = { ...reference, ...raw };
  const compile = (key: string, message: string) => {
    try {
      return new IntlMessageFormat(message, language.locale, FORMATS, { ignoreTag: false });
    } catch (err) {
      throw new Error(`locales/${code}.json: "${key}" is not valid ICU MessageFormat: ${(err as Error).message}`);
    }
  };
  // Each language's own messages are compiled once here, so a bad one stops the start (the Swedish
  // fallbacks are checked when Swedish is built), but a compiled message is kept only from its
  // first use: all of them, in every language, held some 30 MB of heap in every process.
  for (const [key, message] of Object.entries(raw)) if (!key.startsWith('_')) compile(key, message);
  const compiled = new Map<string, IntlMessageFormat>();
  const message = (key: string) => {
    let mf = compiled.get(key);
    if (!mf) {
      const text = key.startsWith('_') || !Object.hasOwn(source, key) ? undefined : source[key];
      if (text === undefined) throw new Error(`No message "${key}" in any catalogue`);
      compiled.set(key, (mf = compile(key, text)));
    }
    return mf;
  };
  const longDate = new Intl.DateTimeFormat(language.locale, FORMATS.date!.long);
  const dateTime = new Intl.DateTimeFormat(language.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
  const numbers = new Map<string, Intl.NumberFormat>();
  const dates = new Map<string, Intl.DateTimeFormat>();
  return {
    ...language,
    t: (key, values) => String(message(key).format(values)),
    rich: (key, values) => message(key).format(values as never) as never,
    date: (d) => longDate.format(dayAt(d)),
    dateTime: (d) => dateTime.format(d),
    number: (n, options) => {
      const k = options ? JSON.stringify(options) : '';
      let f = numbers.get(k);
      if (!f) numbers.set(k, (f = new Intl.NumberFormat(language.locale, options)));
      return f.format(n);
    },
    dateFormat: (options) => {
      const k = JSON.stringify(options);
      let f = dates.get(k);
      if (!f) dates.set(k, (f = new Intl.DateTimeFormat(language.locale, options)));
      return f;
    },
    ltr: (s) => (language.dir === 'rtl' ? `\u2066${s}\u2069` : s),
  };
}

function readCatalogue(file: string): Record<string, string> {
  const parsed: unknown = JSON.parse(readFileSync(new URL(file, LOCALES_DIR), 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`locales/${file} must be one JSON object of strings`);
  for (const [k, v] of Object.entries(parsed)) if (typeof v !== 'string') throw new Error(`locales/${file}: "${k}" is not a string`);
  return parsed as Record<string, string>;
}

export const STAFF_DIR = new URL('staff/', LOCALES_DIR);

/** The staff messages of one language by area ('admin' → its messages), as written. */
export function readStaffCatalogue(code: string): Map<string, Record<string, string>> {
  const dir = new URL(`${code}/`, STAFF_DIR);
  if (!existsSync(dir)) return new Map();
  const areas = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return new Map(areas.map((f) => [f.replace(/\.json$/, ''), readCatalogue(`staff/${code}/${f}`)]));
}

function withStaff(code: string, citizen: Record<string, string>): Record<string, string> {
  const merged = { ...citizen };
  for (const [area, messages] of readStaffCatalogue(code)) {
    for (const [key, message] of Object.entries(messages)) {
      if (!key.startsWith(`${area}.`)) throw new Error(`locales/staff/${code}/${area}.json: "${key}" must start with "${area}."`);
      if (key in citizen) throw new Error(`locales/staff/${code}/${area}.json: "${key}" is also a citizen message`);
      merged[key] = message;
    }
  }
  return merged;
}

/** Every catalogue as written, by language code (for the tests that compare them). */
export function readCatalogues(): Map<string, Record<string, string>> {
  const files = readdirSync(LOCALES_DIR).filter((f) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*\.json$/.test(f));
  return new Map(files.map((f) => [f.replace(/\.json$/, ''), readCatalogue(f)]));
}

const catalogues = readCatalogues();
const reference = catalogues.get(DEFAULT_LANGUAGE);
if (!reference) throw new Error(`locales/${DEFAULT_LANGUAGE}.json is missing`);

const staffReference = withStaff(DEFAULT_LANGUAGE, reference);
const translators = new Map([...catalogues].map(([code, raw]) => [code, build(code, withStaff(code, raw), staffReference)]));

/** The languages offered, in menu order: Swedish first, then by `_order`. */
export const LANGUAGES: readonly Language[] = [...catalogues]
  .sort(([a, x], [b, y]) => (a === DEFAULT_LANGUAGE ? -1 : b === DEFAULT_LANGUAGE ? 1 : Number(x._order ?? 99) - Number(y._order ?? 99) || a.localeCompare(b)))
  .map(([code]) => {
    const { t: _t, rich: _r, date: _d, dateTime: _dt, number: _n, dateFormat: _f, ltr: _l, ...language } = translators.get(code)!;
    return language;
  });

export const isLanguage = (code: unknown): code is string => typeof code === 'string' && translators.has(code);

/** The translator for a language; Swedish for anything not offered. */
export function translator(code: string | null | undefined = DEFAULT_LANGUAGE): Translator {
  return translators.get(code ?? DEFAULT_LANGUAGE) ?? translators.get(DEFAULT_LANGUAGE)!;
}

/**
 * A message as written in the catalogue, not formatted: the e-mail templates that an organization
 * may also write itself ({placeholder} syntax) start from these. Swedish when the language lacks it.
 */
export function rawMessage(code: string, key: MessageKey): string {
  return catalogues.get(code)?.[key] ?? staffReference[key]!;
}

/** Swedish: the staff pages and everything written for staff. */
export const sv = (key: MessageKey, values?: Values) => translator(DEFAULT_LANGUAGE).t(key, values);
