/** A language named in Swedish for staff pages ('ar' → 'arabiska'); the code itself when Intl does not know it. */
const names = new Intl.DisplayNames(['sv'], { type: 'language', fallback: 'code' });
export const swedishLanguageName = (code: string): string => names.of(code) ?? code;
