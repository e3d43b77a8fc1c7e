import type PDFKit from 'pdfkit';

/**
 * Right-to-left text (Arabic, Persian) in pdfkit. fontkit shapes each word (joined letter forms,
 * lam-alef) and lays an Arabic word's glyphs out right to left, but pdfkit itself knows nothing
 * of direction: it puts the words of a line left to right in the order they were written. So a
 * paragraph that contains right-to-left letters is wrapped here and each line's words reordered
 * the way the Unicode Bidirectional Algorithm orders them (rules W–N–I–L2, applied to whole words,
 * which is enough for words separated by spaces): in a right-to-left paragraph the words run from
 * the right, while a case number, a link or a Swedish name inside it stays left to right.
 * Known limit: a single word that mixes scripts ("SYN-2026-00042،") is not reordered inside.
 */

type Doc = PDFKit.PDFDocument;
export type Direction = 'ltr' | 'rtl';

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
// Direction marks and isolates (i18n.ltr wraps a case number in them): their work is done here, and the font has no glyph for some.
const CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/gu;

export const hasRtl = (text: string) => RTL_LETTER.test(text);

/** A paragraph's direction from its first letter (rule P2), else the document's. */
export function paragraphDirection(text: string, fallback: Direction): Direction {
  for (const ch of text) {
    if (RTL_LETTER.test(ch)) return 'rtl';
    if (LETTER.test(ch)) return 'ltr';
  }
  return fallback;
}

type Kind = 'R' | 'L' | 'N' | 'ON';
const kindOf = (word: string): Kind => {
  for (const ch of word) {
    if (RTL_LETTER.test(ch)) return 'R';
    if (LETTER.test(ch)) return 'L';
  }
  return DIGIT.test(word) ? 'N' : 'ON';
};

/** The words of one line, in the order they are seen from left to right. */
export function visualOrder(words: string[], base: Direction): string[] {
  const kinds = words.map(kindOf);
  const baseLevel = base === 'rtl' ? 1 : 0;
  // Numbers: left to right, and after a right-to-left word they belong to it (W2).
  const strong = (i: number, step: 1 | -1): Kind | undefined => {
    for (let j = i + step; j >= 0 && j < kinds.length; j += step) if (kinds[j] === 'R' || kinds[j] === 'L') return kinds[j];
    return undefined;
  };
  const levels = kinds.map((k, i) => {
    if (k === 'R') return 1;
    if (k === 'L') return baseLevel === 1 ? 2 : 0;
    if (k === 'N') return baseLevel === 1 ? 2 : strong(i, -1) === 'R' ? 2 : 0;
    // A neutral takes the direction of its neighbours when they agree (numbers count as right to left, N1), else the paragraph's.
    const side = (step: 1 | -1) => {
      for (let j = i + step; j >= 0 && j < kinds.length; j += step) if (kinds[j] !== 'ON') return kinds[j] === 'L' ? 'L' : 'R';
      return base === 'rtl' ? 'R' : 'L';
    };
    const [before, after] = [side(-1), side(1)];
    if (before === after) return before === 'R' ? 1 : baseLevel === 1 ? 2 : 0;
    return baseLevel;
  });
  // L2: from the highest level down to 1, reverse every run at that level or higher.
  const order = words.map((_, i) => i);
  for (let level = Math.max(0, ...levels); level >= 1; level--) {
    for (let i = 0; i < order.length; ) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < order.length && levels[order[end]!]! >= level) end++;
      order.splice(i, end - i, ...order.slice(i, end).reverse());
      i = end;
    }
  }
  return order.map((i) => words[i]!);
}

/**
 * Draws text at x within width, paragraph by paragraph, each in its own direction (right-aligned
 * when right to left). Text without right-to-left letters goes to pdfkit as it is.
 */
export function bidiText(doc: Doc, text: string, x: number, width: number, options: { fallback: Direction; lineGap?: number; /** Every paragraph in this direction, whatever its first letter. */ dir?: Direction }) {
  const clean = text.replace(CONTROLS, '');
  if (options.fallback === 'ltr' && options.dir !== 'rtl' && !hasRtl(clean)) {
    doc.text(clean, x, undefined, { width, lineGap: options.lineGap });
    return;
  }
  for (const paragraph of clean.split('\n')) {
    const dir = options.dir ?? paragraphDirection(paragraph, options.fallback);
    const words = paragraph.split(/ +/).filter(Boolean);
    if (!words.length) {
      doc.y += doc.currentLineHeight(true) + (options.lineGap ?? 0);
      continue;
    }
    // Wrapped here, since the words of a line are then placed one by one.
    const lines: string[][] = [[]];
    for (const word of words) {
      const line = lines.at(-1)!;
      if (line.length && doc.widthOfString([...line, word].join(' ')) > width) lines.push([word]);
      else line.push(word);
    }
    // Word by word at computed places: pdfkit keeps the space after a word with it, and fontkit would
    // turn that space to the word's left along with its letters, gluing two right-to-left words.
    const space = doc.widthOfString(' ');
    for (const line of lines) {
      const visual = visualOrder(line, dir);
      const widths = visual.map((w) => doc.widthOfString(w));
      const total = widths.reduce((a, b) => a + b, 0) + space * (visual.length - 1);
      if (doc.y + doc.currentLineHeight(true) > doc.page.maxY()) doc.addPage();
      const y = doc.y;
      let at = dir === 'rtl' ? x + Math.max(0, width - total) : x;
      visual.forEach((word, i) => {
        doc.text(word, at, y, { lineBreak: false });
        at += widths[i]! + space;
      });
      doc.x = x;
      doc.y = y + doc.currentLineHeight(true) + (options.lineGap ?? 0);
    }
  }
}
