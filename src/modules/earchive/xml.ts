/**
 * A small XML writer for the package's metadata: elements from name, attributes and children,
 * text always escaped, characters XML 1.0 does not allow removed. Children are XML already made
 * by el() or text().
 */
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function text(s: string | number): string {
  return String(s).replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const attr = (s: string | number) => text(s).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');

export type Child = string | null | undefined | false | Child[];

const flat = (c: Child): string[] => (Array.isArray(c) ? c.flatMap(flat) : c ? [c] : []);

export function el(name: string, attrs: Record<string, string | number | null | undefined | false> = {}, ...children: Child[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => ` ${k}="${attr(v as string | number)}"`)
    .join('');
  const inner = flat(children);
  if (inner.length === 0) return `<${name}${a}/>`;
  const block = inner.some((c) => c.startsWith('<'));
  return block ? `<${name}${a}>\n${inner.join('\n').replace(/^/gm, '  ')}\n</${name}>` : `<${name}${a}>${inner.join('')}</${name}>`;
}

/** An element with text content only, or nothing when the value is empty. */
export const leaf = (name: string, value: string | number | null | undefined, attrs: Record<string, string | number | null | undefined | false> = {}) =>
  value === null || value === undefined || value === '' ? null : el(name, attrs, text(value));

export const document = (root: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
