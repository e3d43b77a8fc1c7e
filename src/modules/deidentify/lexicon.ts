import arabicList from './names/arabic.ts';
import firstList from './names/first.ts';
import surnameList from './names/surnames.ts';
import wordList from './names/words.ts';

/**
 * The name lists (see names/README.md), as sets of lower-case names. Built once when the module is
 * first imported: about 30 000 short strings, a few megabytes, a few milliseconds.
 */
const FIRST = new Set(firstList.split('\n'));
const SURNAMES = new Set(surnameList.split('\n'));
const ARABIC = new Set(arabicList.split('\n'));
/** Names that are also everyday words: "bo", "per", "hans", "berg", "will". */
const WORDS = new Set(wordList.split('\n'));

export const lower = (s: string) => s.toLowerCase();

export function isFirstName(word: string): boolean {
  return FIRST.has(lower(word));
}

export function isSurname(word: string): boolean {
  return SURNAMES.has(lower(word));
}

/**
 * For the word after a first name: a listed surname or one of Swedish shape (Lindholm, Ekwall);
 * capitalized, also Finnish, Slavic and Turkish shapes (Virtanen, Petrović, Yılmazoğlu), whose
 * endings lower-case Finnish adjectives share (nälkäinen).
 */
export function looksLikeSurname(word: string, capital = /^\p{Lu}/u.test(word)): boolean {
  const w = lower(word);
  return SURNAMES.has(w) || SWEDISH_SURNAME.test(w) || (capital && FOREIGN_SURNAME.test(w));
}

const FOREIGN_SURNAME = /^\p{L}{2,}(?:nen|oğlu|ović|ovic|ević|ić|ski|ska|sky|enko|uk|yan|ian|zadeh|pour|i)$/u;

export function isKnownName(word: string): boolean {
  return isFirstName(word) || isSurname(word);
}

/** A name that is also a common word needs context before it counts. */
export function isAlsoWord(word: string): boolean {
  return WORDS.has(lower(word));
}

/**
 * Swedish surnames are built from a small set of endings (-sson, -berg, -ström, -qvist …): a word of
 * that shape is a surname even when no list has it. Place names share many of the endings
 * (Stockholm, Helsingborg), so the shape only counts right after a first name.
 */
const SWEDISH_SURNAME =
  /^\p{L}{2,}(?:sson|berg|bergh|ström|strand|qvist|kvist|quist|gren|lund|lind|dahl|dal|holm|blad|blom|bom|borg|bäck|feldt|fors|hammar|lin|löf|löv|mark|sten|stedt|vall|wall|wik|vik|ander|ér|én|ell|ius|man|sköld|skog|roth)$/u;

/** Arabic script: names are looked up without the conjunction or preposition written onto them. */
export function arabicName(word: string): boolean {
  if (ARABIC.has(word)) return true;
  return /^[وبل]/.test(word) && ARABIC.has(word.slice(1));
}
