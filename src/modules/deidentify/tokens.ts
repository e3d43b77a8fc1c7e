/** A word of the text with what the name rules need to know about it. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Starts with an upper-case letter. */
  capital: boolean;
  /** All letters upper case and longer than one letter (IKEA, ABC). */
  upper: boolean;
  /** First word of a sentence, a line or the text, where every word is capitalized. */
  sentenceStart: boolean;
  arabic: boolean;
  /** The characters between the previous token and this one. */
  gap: string;
}

const WORD = /[\p{L}][\p{L}\p{M}'’]*(?:[-‐][\p{L}][\p{L}\p{M}'’]*)*\.?/gu;
const ARABIC = /[\u0600-\u06FF]/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    // A full stop belongs to an initial (Anna S.) but not to a word ending a sentence.
    if (word.endsWith('.') && word.length > 2) word = word.slice(0, -1);
    const start = m.index!;
    const gap = text.slice(prevEnd, start);
    const before = out.length === 0 ? '' : gap;
    const sentenceStart = out.length === 0 || /[.!?:;\n"“”«»(\-–—]\s*$/.test(before) || gap.includes('\n');
    out.push({
      text: word,
      start,
      end: start + word.length,
      capital: /^\p{Lu}/u.test(word),
      upper: word.replace(/\.$/, '').length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word),
      sentenceStart,
      arabic: ARABIC.test(word),
      gap,
    });
    prevEnd = start + word.length;
  }
  return out;
}

/** Two tokens written next to each other, separated by one space or a line break at most. */
export function adjacent(b: Token): boolean {
  return /^[ \t]{1,2}$/.test(b.gap);
}
