/**
 * Malformed requests for the route fuzz test (test/malformedInput.test.ts): hostile values for
 * path parameters, and request bodies and query strings no form or client of ours sends. All
 * fixed, so a failure is reproduced by running the test again.
 */

/** Marks personal data in the requests: none of these may show in the server's log. */
export const PERSONAL = { name: 'Fuzzbertha Lögnström', email: 'fuzz.marker@example.se', phone: '070-987 65 43' };

/** Values for a path parameter, already percent-encoded as a client would put them in the URL. */
export const HOSTILE_PARAMS: [string, string][] = [
  ['not an id', 'inte-ett-id'],
  ['long', 'x'.repeat(3000)],
  ['NUL', 'a%00b'],
  ['dot segments', '..%2F..%2Fetc%2Fpasswd'],
  ['unicode', '%C3%85sa%F0%9F%98%80%E2%80%AE'],
  ['invalid UTF-8', '%FF%FE'],
  ['broken percent', '%E0%A4%A'],
  ['unknown UUID', '00000000-0000-4000-8000-000000000000'],
  ['upper-case UUID', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF'],
  ['huge number', '99999999999999999999999999'],
  ['case number out of range', 'SYN-2026-99999999999'],
  ['case number of year 0', 'SYN-0000-00001'],
];

export interface Body {
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const urlencoded = (pairs: [string, string][]): Body => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
});

const json = (payload: string): Body => ({ headers: { 'content-type': 'application/json' }, payload });

/** Each known field set to one value (the CSRF token kept, so the request reaches its handler). */
const everyField = (fields: readonly string[], csrf: string, value: (f: string) => string | string[]): [string, string][] => [
  ['_csrf', csrf],
  ...fields.flatMap((f): [string, string][] => {
    const v = value(f);
    return (Array.isArray(v) ? v : [v]).map((x) => [f, x]);
  }),
];

const BOUNDARY = '----LyhordFuzzBoundary';
const multipartBody = (pairs: [string, string][], tail = `--${BOUNDARY}--\r\n`): Buffer =>
  Buffer.concat([...pairs.map(([k, v]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)), Buffer.from(tail)]);
const MULTIPART = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

/** A value that looks like what a field's name asks for, but is not a valid one (two sets). */
function wrongButPlausible(field: string, set = 0): string {
  if (/date|datum|day|dag|fran|till|from|to$|at$|on$|by$/i.test(field)) return ['2026-02-30', '0000-01-01'][set]!;
  if (/time|tid/i.test(field)) return ['25:61', '23:59:60.5'][set]!;
  if (/email|e-?post/i.test(field)) return ['inte@@en.adress', '"a"@[::1]'][set]!;
  if (/id$|Id$/.test(field)) return ['00000000-0000-0000-0000-00000000000g', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF'][set]!;
  return ['1e999', '-0'][set]!;
}

/**
 * Bodies for a state-changing request. `fields`: every form field and JSON property the app
 * knows of (read from its pages and its OpenAPI document), so each handler finds its own
 * fields among them, with values of the wrong shape.
 */
export function bodyVariants(fields: readonly string[], csrf: string): [string, Body][] {
  const all = (value: (f: string) => string | string[]) => urlencoded(everyField(fields, csrf, value));
  const jsonAll = (value: unknown) => json(JSON.stringify(Object.fromEntries([['_csrf', csrf], ...fields.map((f) => [f, value])])));
  const personal = (f: string) => (/mail/i.test(f) ? PERSONAL.email : /phone|telefon/i.test(f) ? PERSONAL.phone : PERSONAL.name);
  return [
    ['no body', { headers: {} }],
    ['empty urlencoded', urlencoded([['_csrf', csrf]])],
    ['text/plain', { headers: { 'content-type': 'text/plain' }, payload: 'hej' }],
    ['unknown content type', { headers: { 'content-type': 'application/xml' }, payload: '<a/>' }],
    ['urlencoded with an unknown charset', { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=ebcdic' }, payload: `_csrf=${csrf}` }],
    ['JSON garbage', json('{"kind": "klagomal", ')],
    ['JSON null', json('null')],
    ['JSON huge number', json('1e999')],
    ['JSON __proto__', json(`{"_csrf":"${csrf}","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}`)],
    ['JSON fields as objects', jsonAll({ a: { b: [1, null] } })],
    ['JSON fields as arrays', jsonAll(['1', '2'])],
    ['JSON fields as huge numbers', jsonAll(1e308)],
    ['JSON fields as null', jsonAll(null)],
    ['JSON fields plausible but wrong', json(JSON.stringify(Object.fromEntries([['_csrf', csrf], ...fields.map((f) => [f, wrongButPlausible(f)])])))],
    ['urlencoded arrays for scalar fields', all(() => ['1', '2'])],
    ['urlencoded CSRF token twice', urlencoded([['_csrf', csrf], ['_csrf', csrf], ...fields.map((f): [string, string] => [f, '1'])])],
    ['urlencoded empty fields', all(() => '')],
    ['urlencoded huge numbers', all(() => '9'.repeat(40))],
    ['urlencoded plausible but wrong', all((f) => wrongButPlausible(f))],
    ['urlencoded plausible but wrong (2)', all((f) => wrongButPlausible(f, 1))],
    ['urlencoded long text', all(() => 'å'.repeat(12000))],
    ['urlencoded unicode', all(() => '\u202Eå😀\uFFFF\u0301')],
    ['urlencoded personal data', all(personal)],
    ['urlencoded NUL', all(() => 'a\u0000b')],
    ['urlencoded broken percent', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${csrf}&${fields.map((f) => `${f}=%E0%A4%A%FF`).join('&')}` }],
    ['multipart without boundary', { headers: { 'content-type': 'multipart/form-data' }, payload: multipartBody([['_csrf', csrf]]) }],
    ['multipart cut off', { headers: MULTIPART, payload: multipartBody([['_csrf', csrf], ['description', 'Hej']], `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\nhalv`) }],
    ['multipart with every field', { headers: MULTIPART, payload: multipartBody(everyField(fields, csrf, () => '1')) }],
    ['multipart with a stray file', { headers: MULTIPART, payload: multipartBody([['_csrf', csrf]], `--${BOUNDARY}\r\nContent-Disposition: form-data; name="text"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhej\r\n--${BOUNDARY}--\r\n`) }],
  ];
}

/** Query strings for a GET request: every known field with a value of the wrong shape. */
export function queryVariants(fields: readonly string[]): [string, string][] {
  const q = (value: (f: string) => string | string[]) =>
    fields.flatMap((f) => (([] as string[]).concat(value(f))).map((v) => `${encodeURIComponent(f)}=${encodeURIComponent(v)}`)).join('&');
  return [
    ['arrays', q(() => ['1', '2'])],
    ['huge numbers', q(() => '9'.repeat(40))],
    ['plausible but wrong', q((f) => wrongButPlausible(f))],
    ['plausible but wrong (2)', q((f) => wrongButPlausible(f, 1))],
    ['long text', q(() => 'x'.repeat(300))],
    ['broken percent', fields.map((f) => `${f}=%E0%A4%A%FF`).join('&')],
    ['brackets', fields.map((f) => `${f}[a][b]=1&${f}[]=2`).join('&')],
  ];
}
