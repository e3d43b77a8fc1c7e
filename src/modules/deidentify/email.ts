import type { Finding } from './types.ts';

/**
 * E-mail addresses, also the spam-shy ways people write them: name(at)domain.se, name [at] domain.se,
 * name at domain dot se is left alone (too many false hits in English prose).
 */
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[([]\s?(?:at|a|snabel-a)\s?[)\]]\s?)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/giu;

export function findEmails(text: string): Finding[] {
  const out: Finding[] = [];
  if (!/@|[([]\s?(?:at|a|snabel-a)\s?[)\]]/i.test(text)) return out;
  for (const m of text.matchAll(EMAIL)) {
    out.push({ kind: 'email', start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}
