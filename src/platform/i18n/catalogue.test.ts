import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGES, readCatalogues, translator } from './catalogue.ts';

/**
 * Every catalogue says everything Swedish says, with the same arguments, in valid ICU
 * MessageFormat, and with every plural form its language has: a missing key, a dropped
 * {placeholder} or an Arabic plural with only "one" and "other" fails here.
 */

const catalogues = readCatalogues();
const reference = catalogues.get(DEFAULT_LANGUAGE)!;
const others = [...catalogues].filter(([code]) => code !== DEFAULT_LANGUAGE);

interface Shape {
  /** argument name → kind (plain, number, date, plural, select, tag). */
  args: Map<string, string>;
  plurals: { name: string; options: string[] }[];
}

function shapeOf(elements: MessageFormatElement[], shape: Shape = { args: new Map(), plurals: [] }): Shape {
  for (const e of elements) {
    if (e.type === TYPE.argument) shape.args.set(e.value, 'plain');
    else if (e.type === TYPE.number) shape.args.set(e.value, 'number');
    else if (e.type === TYPE.date || e.type === TYPE.time) shape.args.set(e.value, 'date');
    else if (e.type === TYPE.tag) {
      shape.args.set(e.value, 'tag');
      shapeOf(e.children, shape);
    } else if (e.type === TYPE.select || e.type === TYPE.plural) {
      shape.args.set(e.value, e.type === TYPE.select ? 'select' : 'plural');
      if (e.type === TYPE.plural && e.pluralType === 'cardinal') shape.plurals.push({ name: e.value, options: Object.keys(e.options) });
      for (const o of Object.values(e.options)) shapeOf(o.value, shape);
    }
  }
  return shape;
}

const parsed = (code: string, key: string, message: string) => {
  try {
    return parse(message);
  } catch (err) {
    throw new Error(`locales/${code}.json "${key}": ${(err as Error).message}`);
  }
};

describe('the message catalogues', () => {
  it('offer Swedish and at least English, each named in itself, with an Intl locale the runtime has', () => {
    expect(LANGUAGES[0]!.code).toBe('sv');
    expect(LANGUAGES.map((l) => l.code)).toContain('en');
    for (const l of LANGUAGES) {
      expect(l.name, l.code).not.toBe(l.code);
      expect(Intl.DateTimeFormat.supportedLocalesOf([l.locale]), `${l.code}: ${l.locale}`).toHaveLength(1);
      expect(Intl.PluralRules.supportedLocalesOf([l.locale]), `${l.code}: ${l.locale}`).toHaveLength(1);
    }
  });

  it.each(others)('%s has every key of sv.json and no other', (code, messages) => {
    const missing = Object.keys(reference).filter((k) => !(k in messages));
    const extra = Object.keys(messages).filter((k) => !(k in reference));
    expect(missing, `keys missing in locales/${code}.json`).toEqual([]);
    expect(extra, `keys in locales/${code}.json that sv.json does not have`).toEqual([]);
  });

  it.each([...catalogues])('%s: every message is valid ICU with the arguments Swedish has and every plural form of the language', (code, messages) => {
    const categories = new Intl.PluralRules(messages._locale ?? code).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [key, message] of Object.entries(messages)) {
      if (key.startsWith('_')) continue;
      if (message.trim() === '') problems.push(`${key}: empty`);
      const shape = shapeOf(parsed(code, key, message));
      const want = shapeOf(parsed(DEFAULT_LANGUAGE, key, reference[key] ?? ''));
      const args = (s: Shape) => JSON.stringify([...s.args].sort());
      if (args(shape) !== args(want)) problems.push(`${key}: arguments ${args(shape)}, Swedish has ${args(want)}`);
      for (const p of shape.plurals) {
        const missing = categories.filter((c) => !p.options.includes(c));
        const foreign = p.options.filter((o) => !o.startsWith('=') && !categories.includes(o as Intl.LDMLPluralRule));
        if (missing.length) problems.push(`${key}: {${p.name}, plural} lacks ${missing.join(', ')}`);
        if (foreign.length) problems.push(`${key}: {${p.name}, plural} has ${foreign.join(', ')}, which ${code} does not use`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('formats plurals, numbers and dates through Intl in each language', () => {
    const days = (code: string, n: number) => translator(code).t('attachments.hadChosen', { count: n });
    expect(days('sv', 1)).toBe('Du hade valt en fil.');
    expect(days('sv', 3)).toBe('Du hade valt 3 filer.');
    expect(days('en', 1)).toBe('You had chosen one file.');
    expect(translator('sv').t('validation.description.tooLong', { max: 10_000, length: 10_001 })).toBe('Synpunkten får vara högst 10\u00a0000 tecken – du har skrivit 10\u00a0001');
    expect(translator('sv').date('2026-12-22')).toBe('22 december 2026');
    expect(translator('en').date(new Date('2026-12-22T09:00:00Z'))).toBe('22 December 2026');
  });

  it('isolates left-to-right text only in right-to-left languages, and falls back to Swedish for a language not offered', () => {
    expect(translator('sv').ltr('SYN-2026-00042')).toBe('SYN-2026-00042');
    for (const l of LANGUAGES.filter((x) => x.dir === 'rtl')) expect(translator(l.code).ltr('SYN-2026-00042')).toBe('\u2066SYN-2026-00042\u2069');
    expect(translator('xx').code).toBe('sv');
  });
});
