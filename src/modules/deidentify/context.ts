/** The text just before a position, for context words ("tel", "personnummer"). */
export function before(text: string, index: number, width = 40): string {
  return text.slice(Math.max(0, index - width), index);
}

/** The text just after a position. */
export function after(text: string, index: number, width = 40): string {
  return text.slice(index, index + width);
}
