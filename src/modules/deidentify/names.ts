import { arabicName, isAlsoWord, isFirstName, isKnownName, isSurname, looksLikeSurname, lower } from './lexicon.ts';
import { ARABIC_TRIGGERS, NAME_PARTICLES, NAME_WORDS, NOT_NAMES, PERSON_VERBS_AFTER, PERSON_BEFORE, PLACE_NOUNS, PLACE_PREFIXES, PLACE_PREPOSITIONS, PLACES, SIGNOFF_TRIGGERS, STRONG_TRIGGERS } from './nameContext.ts';
import { adjacent, tokenize, type Token } from './tokens.ts';
import type { Finding } from './types.ts';

/**
 * Person names. A word is a name by the name lists and by its context: a capitalized listed first
 * name anywhere; a listed name that is also a word (Bo, Per, Berg) only mid-sentence or next to
 * another name; any capitalized word after "jag heter", a relation (min son) or a title (rektor);
 * lower-case listed names after such words or next to another name. A name followed by a place
 * noun (Gustav Adolfs torg) or after a place preposition (i Lund) is a place.
 */
type Trigger = 'strong' | 'signoff' | null;

/**
 * Anna, Annas, Anna's and Anna:s are all Anna, and so are the Finnish Annalle, Annalla, Annasta;
 * Karl-Johan is a name when both parts are.
 */
function firstNameForm(word: string): boolean {
  if (isFirstName(word)) return true;
  // "klass" is no genitive of Klas: a name ending in s takes none ("Klas bil"), so -ss is never one.
  const stem = word.replace(/(?:'s|’s|:s|(?<!s)s)$/u, '');
  if (stem !== word && stem.length >= 2 && isFirstName(stem)) return true;
  const finnish = word.replace(/(?:lle|lla|llä|lta|ltä|sta|stä|ssa|ssä|ksi|n)$/u, '');
  if (finnish !== word && finnish.length >= 3 && word.length - finnish.length >= 2 && /^\p{Lu}/u.test(word) && isFirstName(finnish)) return true;
  const parts = word.split(/[-‐]/);
  return parts.length > 1 && parts.every((p) => p.length >= 2 && isFirstName(p));
}

function surnameForm(word: string): boolean {
  return isSurname(word) || isSurname(word.replace(/(?:'s|’s|:s|s)$/u, ''));
}

const isInitial = (t: Token) => /^\p{Lu}\.$/u.test(t.text);

/** Where each trigger phrase ends in the text, found in one pass per kind: offset → kind. */
function triggerEnds(text: string): Map<number, Trigger | 'arabic'> {
  const ends = new Map<number, Trigger | 'arabic'>();
  for (const m of text.matchAll(SIGNOFF_TRIGGERS)) ends.set(m.index! + m[0].length, 'signoff');
  for (const m of text.matchAll(STRONG_TRIGGERS)) ends.set(m.index! + m[0].length, 'strong');
  for (const m of text.matchAll(ARABIC_TRIGGERS)) ends.set(m.index! + m[0].length, 'arabic');
  return ends;
}

/** Nothing but names, initials and punctuation until the end of the line: a signature. */
function restOfLineIsSignature(text: string, tokens: Token[], i: number): boolean {
  const lineEnd = text.indexOf('\n', tokens[i]!.end);
  const stop = lineEnd === -1 ? text.length : lineEnd;
  let words = 0;
  for (let k = i + 1; k < tokens.length && tokens[k]!.start < stop; k++) {
    const t = tokens[k]!;
    if (!(t.capital || isInitial(t))) return false;
    if (++words > 3) return false;
  }
  return true;
}

function canStart(text: string, tokens: Token[], i: number, trigger: Trigger): boolean {
  const t = tokens[i]!;
  const w = lower(t.text);
  if (NOT_NAMES.has(w) || t.upper || w.length < 2) return false;
  const prev = i > 0 && adjacentOrSpace(t) ? lower(tokens[i - 1]!.text) : '';
  const next = tokens[i + 1];
  const nextIsName = !!next && adjacent(next) && next.capital === t.capital && (looksLikeSurname(next.text) || (firstNameForm(next.text) && !isAlsoWord(next.text)));
  // A lone lower-case first name closing the text is a signature: "… på morgonen. jonas".
  const signsOff = !t.capital && ((/^[\s.!/)-]*$/.test(text.slice(t.end)) && (i === 0 || /[.!?\n/]\s*$/.test(t.gap))) || /(?:^|\s)\/{1,2}\s?$/.test(t.gap));
  if (trigger === 'strong') return t.capital || isKnownName(t.text) || firstNameForm(t.text);
  if (trigger === 'signoff') return isKnownName(t.text) || firstNameForm(t.text) || (t.capital && restOfLineIsSignature(text, tokens, i));
  if (PLACES.has(w)) return nextIsName;
  if (t.capital) {
    const placeBefore = PLACE_PREPOSITIONS.has(prev);
    if (firstNameForm(t.text) && !isAlsoWord(t.text)) return !placeBefore || nextIsName;
    const verbAfter = !!next && adjacent(next) && PERSON_VERBS_AFTER.has(lower(next.text));
    if (firstNameForm(t.text)) return nextIsName || (NAME_WORDS.has(w) && verbAfter && w !== 'hans') || (!t.sentenceStart && !placeBefore && (NAME_WORDS.has(w) || PERSON_BEFORE.has(prev)));
    if (surnameForm(t.text) && !isAlsoWord(t.text)) return !placeBefore;
    return false;
  }
  // Lower case: only a listed first name that is no everyday word, with a person word before it or
  // another name after it.
  if (!firstNameForm(t.text) || isAlsoWord(t.text) || w.length < 3) return false;
  return PERSON_BEFORE.has(prev) || signsOff || (nextIsName && !isAlsoWord(next!.text));
}

/** Only white space (no full stop, comma or line break) between this token and the previous one. */
function adjacentOrSpace(t: Token): boolean {
  return /^\s*$/.test(t.gap) && !t.gap.includes('\n');
}

/** After a capitalized first name any capitalized word is a surname (Ewa Strand, Bo Ek). */
function continues(start: Token, t: Token): boolean {
  if (!adjacent(t)) return false;
  const w = lower(t.text);
  if (NOT_NAMES.has(w) || (!t.capital && PLACE_NOUNS.has(w)) || PLACES.has(w) || PLACE_SUFFIX.test(w)) return false;
  if (isInitial(t)) return true;
  if (start.capital) return t.capital && !t.upper;
  return !t.capital && (looksLikeSurname(t.text) || (firstNameForm(t.text) && !isAlsoWord(t.text)));
}

/** Estrid Ericssonskolan, Karl Johansgatan: a compound ending in a place noun. */
const PLACE_SUFFIX = /\p{L}{3,}(?:gatan|vägen|skolan|skola|parken|torget|badet|hallen|kyrkan|gården|platsen|backen|sjön|huset|hemmet|boendet|centret|biblioteket|stadion|plan)$/u;

const ORGANIZATION_SUFFIX = /^(?:AB|HB|KB|Oy|Ab|Ltd|Inc|Aktiebolag|Handelsbolag|Förening|Stiftelse)$/u;

/** Gustav Adolfs torg, Sankt Eriks gata, Anna Lindhs park, Sjöryds Bygg AB: a place or a company. */
function isPlace(tokens: Token[], i: number, j: number): boolean {
  const after = tokens[j];
  if (after && adjacent(after) && !after.capital && PLACE_NOUNS.has(after.text)) return true;
  if (after && adjacent(after) && (ORGANIZATION_SUFFIX.test(after.text) || PLACE_SUFFIX.test(lower(after.text)))) return true;
  const prev = tokens[i - 1];
  return !!prev && adjacent(tokens[i]!) && prev.capital && PLACE_PREFIXES.has(lower(prev.text));
}

/** Arabic script has no capitals: a listed name counts after a trigger or next to another name. */
function arabicSpan(tokens: Token[], i: number, triggered: boolean): number {
  let j = triggered ? i + 1 : i;
  while (j < tokens.length && j - i < 4 && tokens[j]!.arabic && arabicName(tokens[j]!.text) && (j === i || adjacent(tokens[j]!))) j++;
  if (j === i) return i;
  if (triggered || j - i >= 2 || !(ARABIC_COMMON_WORDS.has(tokens[i]!.text) || isAlsoWord(tokens[i]!.text))) return j;
  return i;
}

/** Arabic words that are also given names (hope, light, beautiful, peace…): names only in context. */
const ARABIC_COMMON_WORDS = new Set(
  'أمل نور جميل جميلة كريم سعيد سعيدة حسن حسنة سلام سلامة عادل أمين أمينة منى وفاء هدى إيمان إسلام صباح رحمة نعمة فرح ربيع بدر شمس قمر عزيز عزيزة لطيف حياة سعادة أمان راضي صبر صابر فضل خير ماجد مجد رضا هادي ناجي نجاح عبير شريف طاهر زين وليد'.split(' '),
);

export function findNames(text: string): Finding[] {
  const tokens = tokenize(text);
  const triggers = triggerEnds(text);
  const out: Finding[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.arabic) {
      const j = arabicSpan(tokens, i, triggers.get(t.start) === 'arabic');
      if (j > i) out.push({ kind: 'name', start: t.start, end: tokens[j - 1]!.end });
      i = Math.max(j, i + 1);
      continue;
    }
    const found = triggers.get(t.start);
    const trigger = found === 'arabic' ? null : (found ?? null);
    if (!canStart(text, tokens, i, trigger)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < tokens.length && j - i < 4 && continues(t, tokens[j]!)) j++;
      // Carl von Essen: a particle counts when a capitalized name follows it.
      else if (t.capital && j + 1 < tokens.length && NAME_PARTICLES.has(tokens[j]!.text) && adjacent(tokens[j]!) && adjacent(tokens[j + 1]!) && tokens[j + 1]!.capital) j += 2;
      else break;
    }
    // A trailing initial that ends the sentence keeps its full stop; anything else does not.
    if (isPlace(tokens, i, j)) {
      i = j;
      continue;
    }
    out.push({ kind: 'name', start: t.start, end: tokens[j - 1]!.end });
    i = j;
  }
  return out;
}
