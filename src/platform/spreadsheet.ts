/**
 * Cells for spreadsheets (CSV and XLSX exports). Text that starts like a formula (= + - @, or a
 * tab or carriage return before one) gets a leading apostrophe, so Excel, LibreOffice and Google
 * Sheets show it instead of running it: a citizen's text or a unit's name must never become a
 * formula on a colleague's machine (CSV injection, OWASP). Numbers stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function defuseFormula<T>(v: T): T | string {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

/** One CSV field: defused, then quoted RFC 4180 style when it holds a separator, a quote or a line break. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v instanceof Date ? v.toISOString() : defuseFormula(v));
  return /[;",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
