/**
 * Links that open one person's case: the submitter's status page (`/arende/<token>`, see
 * cases/statusToken.ts). Whoever holds such a link reads the whole case with its personal data,
 * so it must never be in a public text, whatever host or scheme it was written with.
 */
const STATUS_LINK = /(?:https?:\/\/[^\s/]+)?\/arende\/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

export function findPrivateLinks(text: string): { start: number; end: number; value: string }[] {
  return [...text.matchAll(STATUS_LINK)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0] }));
}

export const hasPrivateLink = (text: string) => findPrivateLinks(text).length > 0;
