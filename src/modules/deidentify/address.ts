import { before } from './context.ts';
import type { Finding } from './types.ts';

/**
 * Street addresses with a number (Storgatan 12 B, Karl Johans gata 3, lgh 1101), box addresses
 * (Box 123) and postal codes (544 31 Hjo). Where someone lives is personal data; where a pothole is
 * is not: an address right after a place preposition (utanför, vid, mitt emot …) in a sentence
 * that says nothing about living there is a location and stays.
 */
const SUFFIXES = 'gatan|gata|vägen|väg|gränden|gränd|stigen|stig|backen|backe|allén|allé|torget|torg|platsen|plats|leden|gången|kajen|esplanaden|promenaden|slingan|stråket|plan|hagen|ängen|liden|höjden|katu|tie|kuja|polku|väylä|raitti|ranta|tori';
const NUMBER = String.raw`\d{1,4}(?:\s?[A-Fa-f](?![\p{L}]))?(?:\s?-\s?\d{1,4})?`;
const FLAT = String.raw`(?:,?\s(?:lgh|lägenhet|lägenhetsnummer|lgh\.|nb|n\.b\.|\d\s?tr\.?|tr\s?\d)\s?\d{0,4})?`;
/**
 * The end of a street address: a street word's ending and the number (…gatan 12 B, lgh 1101). The
 * start is found by walking back over the word and up to two capitalized words before it (Östra
 * Långgatan, Karl Johans gata): cheaper than trying a full pattern at every position.
 */
const STREET_END = new RegExp(String.raw`(?:${SUFFIXES})\s${NUMBER}${FLAT}(?![\d\p{L}])`, 'giu');
const LETTER = /[\p{L}-]/u;
const CAPITAL_WORD_BEFORE = /(?:^|[^\p{L}])(\p{Lu}[\p{L}-]*) $/u;

function streetStart(text: string, suffixAt: number): number | null {
  let start = suffixAt;
  while (start > 0 && LETTER.test(text[start - 1]!)) start--;
  const ownWord = start < suffixAt; // Storgatan, not "gata" on its own
  let words = 0;
  for (;;) {
    const m = CAPITAL_WORD_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
    if (!m || words === 2) break;
    start -= m[1]!.length + 1;
    words++;
  }
  if (!ownWord && words === 0) return null;
  return start;
}

/** Storg. 12, Kungsv. 5: the street word shortened (with its full stop; "Ring 112" is no street). */
const SHORT_STREET = /(?<![\p{L}\d])\p{Lu}\p{L}{2,}(?:g|v)\.\s\d{1,3}(?:\s?[A-Fa-f](?![\p{L}]))?(?![\d\p{L}])/gu;
const ENGLISH_STREET = /(?<![\p{L}\d])(?:(?:flat|apt\.?|apartment)\s\d{1,4}[A-Za-z]?,\s)?\d{1,4}[A-Za-z]?\s(?:\p{Lu}[\p{L}'-]*\s){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Drive|Way|Close|Court|Place|Gardens|Terrace)(?![\p{L}])/gu;
const BOX = /(?<![\p{L}\d])(?:Box|BOX|box|Postbox|Postfack)\s\d{1,6}(?![\d])/gu;
// 544 31 Hjo, 54431 Hjo, SE-544 31: five digits followed by a place name, or after "postnummer".
const POSTAL = /(?<![\p{L}\d-])(?:SE-?\s?)?\d{3}\s?\d{2}(?=,?\s\p{Lu}[\p{L}]+|\s*$)(?![\d])/gu;
const POSTAL_CONTEXT = /(?<![\p{L}\d])(?:SE-?\s?)?\d{3}\s?\d{2}(?![\d])/gu;

const RESIDENCE = /(?:\bbor\b|granne|grannen|grannar|neighbou?r|\bboende\b|\bbott\b|\bflyttat?\b|adress|hemma|bostad|lägenhet|hyresgäst|min fastighet|mitt hus|vårt hus|villa|\blive\b|\blives\b|\bliving\b|address|\basun\b|\basumme\b|osoite|أسكن|عنوان)/iu;
const LOCATION_BEFORE = /(?:utanför|utmed|längs|vid|mitt\s?emot|korsningen|i höjd med|framför|bakom|bredvid|nära|hörnet av|i hörnet|outside|near|opposite|in front of|at the corner of|by)\s*$/iu;
/** "… Bergsgatan 15 där vi bor": the address is a home after all. */
const LIVES_THERE = /^[\s,]*(?:där|som|dit|where)\s(?:jag|vi|han|hon|de|mamma|pappa|I|we)\s(?:\p{L}+\s)?(?:bor|bott|live|lives|lived)/iu;
const LOCATED_ON = /(?:på|i|on|at)\s*$/iu;
const PUBLIC_THING = /(?:hål|grop|gatlampa|gatlyktan?|lampa|lampan|belysning|sopor|soptunn|skräp|träd|grenar|klotter|parkering|snö|is\b|halka|vatten|trottoar|övergångsställe|hållplats|container|lekplats|väg(?:en)?\b|asfalt|gupp|skylt|cykelbana|gångbana|brunn|pothole|streetlight|rubbish|bin)/iu;

/** The sentence before index (back to the last full stop, question mark or line break). */
function sentenceBefore(text: string, index: number): string {
  const b = before(text, index, 160);
  const cut = Math.max(b.lastIndexOf('. '), b.lastIndexOf('!'), b.lastIndexOf('?'), b.lastIndexOf('\n'));
  return cut === -1 ? b : b.slice(cut + 1);
}

/** True when the street address at index is where something is, not where someone lives. */
export function isLocation(text: string, index: number, end: number): boolean {
  const sentence = sentenceBefore(text, index);
  const rest = text.slice(end, end + 80).split(/[.!?\n]/)[0] ?? '';
  if (RESIDENCE.test(sentence) || LIVES_THERE.test(rest)) return false;
  if (LOCATION_BEFORE.test(sentence)) return true;
  return LOCATED_ON.test(sentence) && PUBLIC_THING.test(sentence + rest);
}

export function findAddresses(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(STREET_END)) {
    const start = streetStart(text, m.index!);
    if (start === null) continue;
    const end = m.index! + m[0].replace(/[\s,]+$/, '').length;
    if (!isLocation(text, start, end)) out.push({ kind: 'address', start, end });
  }
  for (const re of [ENGLISH_STREET, SHORT_STREET]) for (const m of text.matchAll(re)) {
    const end = m.index! + m[0].length;
    if (!isLocation(text, m.index!, end)) out.push({ kind: 'address', start: m.index!, end });
  }
  for (const m of text.matchAll(BOX)) out.push({ kind: 'address', start: m.index!, end: m.index! + m[0].length });
  const postal = new Set<number>();
  for (const m of text.matchAll(POSTAL)) {
    postal.add(m.index!);
    out.push({ kind: 'postal_code', start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(POSTAL_CONTEXT)) {
    const b = before(text, m.index!, 40);
    const afterAddress = /(?:\d\s?[A-Fa-f]?|Box \d+),\s*$/u.test(b) && /^\s\p{L}{2,}/u.test(text.slice(m.index! + m[0].length));
    if (!postal.has(m.index!) && (afterAddress || /post(?:nummer|nr|adress)|postal code|zip|postinumero/iu.test(b.slice(-25)))) {
      out.push({ kind: 'postal_code', start: m.index!, end: m.index! + m[0].length });
    }
  }
  return out;
}
