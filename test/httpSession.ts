import { DEMO_PASSWORD } from '../src/modules/organizations/demoStaff.ts';
import type { Db } from '../src/db/database.ts';
import { form } from './app.ts';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * A browser in miniature over real HTTP (the same shape as Session in test/app.ts, which uses
 * inject): keeps cookies and fetches the CSRF token from a page before each form post. The base
 * URL can be changed between requests, to walk one session across app instances.
 */
export class HttpSession {
  private cookies = new Map<string, string>();
  private signedIn = false;

  constructor(public base: string) {}

  /** The same browser (cookies shared) talking to another base URL, such as another app instance. */
  at(base: string): HttpSession {
    const other = new HttpSession(base);
    other.cookies = this.cookies;
    other.signedIn = this.signedIn;
    return other;
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...init.headers },
      body: init.body,
    });
    this.keep(res);
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  async csrf(fromPath = this.signedIn ? '/handlaggning/arenden' : '/logga-in'): Promise<string> {
    const res = await this.get(fromPath);
    const m = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (!m) throw new Error(`No CSRF token on ${fromPath} (status ${res.status})`);
    return m[1]!;
  }

  async post(path: string, fields: Record<string, string | string[]>, opts: { csrfFrom?: string; csrf?: string | false } = {}) {
    const token = opts.csrf === false ? undefined : (opts.csrf ?? (await this.csrf(opts.csrfFrom)));
    return this.request('POST', path, {
      body: form(token ? { _csrf: token, ...fields } : fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    const res = await this.post('/logga-in', { email, password }, { csrfFrom: '/logga-in' });
    if (res.status !== 303) throw new Error(`Sign-in failed for ${email}: ${res.status}`);
    this.signedIn = true;
    return this;
  }
}

/** Registers a case through the registrar's form, as a person would (ids looked up by name). */
export async function registerOverHttp(s: HttpSession, db: Db, organizationId: string, number: string, unitName = 'Gata och park'): Promise<HttpResponse> {
  const page = await s.get(`/handlaggning/arenden/${number}/registrera`);
  const version = page.body.match(/name="version" value="(\d+)"/)?.[1];
  if (!version) throw new Error(`No registration form for ${number} (status ${page.status})`);
  const id = async (table: 'org_units' | 'categories', name: string) =>
    (await db.selectFrom(table).select('id').where('organization_id', '=', organizationId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  return s.post(`/handlaggning/arenden/${number}/registrera`, {
    version,
    kind: 'klagomal',
    areaId: await id('categories', 'Tjänster'),
    unitId: await id('org_units', unitName),
    subcategoryId: '',
    significance: 'routine',
    confidentialityRef: '',
  });
}
