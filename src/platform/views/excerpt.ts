/**
 * The start of a longer text as a list shows it: `text` is its first characters, `cut` says the
 * text goes on. A cut text ends at its last whole word (unless that would drop most of it) and
 * with " …", so a reader never takes a half word, or a cut sentence, for the whole.
 */
export function excerpt(text: string, cut: boolean): string {
  if (!cut) return text;
  const lastSpace = text.search(/\s\S*$/);
  const whole = lastSpace > text.length * 0.7 ? text.slice(0, lastSpace) : text;
  return `${whole.replace(/[\s,;:–-]+$/u, '')} …`;
}
