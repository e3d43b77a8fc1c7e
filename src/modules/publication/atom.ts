/**
 * The Atom feed (RFC 4287) of new answers. Written by hand: a dozen elements, every text
 * escaped, and characters XML 1.0 forbids removed, since published text comes from people.
 */

export interface FeedEntry {
  url: string;
  title: string;
  question: string;
  answer: string;
  area: string | null;
  published: Date;
  updated: Date;
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function atomFeed(f: { title: string; selfUrl: string; archiveUrl: string; author: string; entries: FeedEntry[]; now: Date }): string {
  const updated = f.entries.reduce((max, e) => (e.updated > max ? e.updated : max), f.entries[0]?.updated ?? f.now);
  const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlEscape(text)}</${name}>`;
  const entries = f.entries.map((e) =>
    [
      '  <entry>',
      `    ${el('title', e.title)}`,
      `    ${el('id', e.url)}`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>`,
      `    ${el('published', e.published.toISOString())}`,
      `    ${el('updated', e.updated.toISOString())}`,
      ...(e.area ? [`    <category term="${xmlEscape(e.area)}"/>`] : []),
      `    ${el('summary', e.question, ' type="text"')}`,
      `    ${el('content', `${e.question}\n\nSvar:\n${e.answer}`, ' type="text"')}`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
    `  ${el('title', f.title)}`,
    `  ${el('id', f.archiveUrl)}`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(f.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(f.archiveUrl)}"/>`,
    `  ${el('updated', updated.toISOString())}`,
    `  <author>${el('name', f.author)}</author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
