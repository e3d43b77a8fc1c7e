/** A form or query field as one string: its first value when it was sent more than once, '' when it is absent or not text. */
export const firstString = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
