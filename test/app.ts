import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../src/app.tsx';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { DEMO_PASSWORD, seedDemoStaff } from '../src/modules/organizations/demoStaff.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import type { SpamSettings } from '../src/modules/spam/guard.ts';

export interface TestContext extends TestDatabase {
  app: FastifyInstance;
  clock: ReturnType<typeof fixedClock>;
  orgId: string;
  close(): Promise<void>;
}

/**
 * Tests post the citizen form straight away, from one address, on a clock that stands still: the
 * minimum fill time and the rate limits are off unless a test asks for them (modules/spam tests
 * and the citizen browser tests do). The honeypot and the proof-of-work check stay on.
 */
export const SPAM_CHECKS_FOR_TESTS: Partial<SpamSettings> = {
  minFillSeconds: 0,
  rate: { perAddressPerMinute: Infinity, perAddressPerHour: Infinity, perOrganizationPerMinute: Infinity },
};

/** An app on its own database with the demo organization, and a clock the test controls. */
export async function startTestApp(opts: { now?: string; poolSize?: number; staff?: boolean; spam?: Partial<SpamSettings>; config?: Partial<AppDeps['config']>; logger?: AppDeps['logger'] } = {}): Promise<TestContext> {
  const tdb = await createTestDatabase(opts.poolSize);
  const orgId = await seedDemoOrganization(tdb.db);
  if (opts.staff) await seedDemoStaff(tdb.db, orgId);
  const clock = fixedClock(opts.now ?? '2026-12-22T09:00:00Z');
  const app = await buildApp({ db: tdb.db, clock, config: { demo: true, secureCookies: false, logLevel: 'silent', ...opts.config }, spam: opts.spam ?? SPAM_CHECKS_FOR_TESTS, logger: opts.logger });
  await app.ready();
  return {
    ...tdb,
    app,
    clock,
    orgId,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** Encodes a form body the way a browser does. */
export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * A signed-in browser, in miniature: keeps cookies, and fetches the CSRF token from a page before
 * each form post, as a real form would carry it.
 */
export class Session {
  private cookies = new Map<string, string>();
  /** The address this browser connects from (inject's default is 127.0.0.1): tests of per-address limits. */
  remoteAddress: string | undefined;
  /** `base`: an organization's base path ('/o/<slug>'), put in front of every path this session requests. */
  constructor(
    private app: FastifyInstance,
    private base = '',
  ) {}

  private at(url: string) {
    return this.base && url.startsWith('/') && !url.startsWith(`${this.base}/`) ? `${this.base}${url}` : url;
  }

  /** A cookie this browser holds, by name (tests that tamper with or move cookies). */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The Cookie header this browser sends (tests that make their own requests as it). */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { headers: Record<string, unknown> }) {
    const set = res.headers['set-cookie'];
    for (const c of (Array.isArray(set) ? set : set ? [set] : []) as string[]) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url: this.at(url), headers: { cookie: this.cookieHeader() }, remoteAddress: this.remoteAddress });
    this.keep(res);
    return res;
  }

  private signedIn = false;

  /** The CSRF token from a page's form: the sign-in page, or once signed in the case list. */
  async csrf(fromUrl = this.signedIn ? '/handlaggning/arenden' : '/logga-in'): Promise<string> {
    const res = await this.get(fromUrl);
    const m = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (!m) throw new Error(`No CSRF token on ${fromUrl} (status ${res.statusCode})`);
    return m[1]!;
  }

  async post(url: string, fields: Record<string, string | string[]>, opts: { csrfFrom?: string; csrf?: string | false } = {}) {
    const token = opts.csrf === false ? undefined : (opts.csrf ?? (await this.csrf(opts.csrfFrom)));
    const body = form(token ? { _csrf: token, ...fields } : fields);
    const res = await this.app.inject({ method: 'POST', url: this.at(url), headers: { ...FORM, cookie: this.cookieHeader() }, payload: body, remoteAddress: this.remoteAddress });
    this.keep(res);
    return res;
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    const res = await this.post('/logga-in', { email, password }, { csrfFrom: '/logga-in' });
    if (res.statusCode !== 303) throw new Error(`Sign-in failed for ${email}: ${res.statusCode}`);
    this.signedIn = true;
    return this;
  }
}

export async function signedIn(app: FastifyInstance, email: string): Promise<Session> {
  return new Session(app).signIn(email);
}

export interface TestFile {
  filename: string;
  content: Buffer | string;
  type?: string;
  /** The form field; the public form's file input by default. */
  field?: string;
}

/** Encodes a multipart/form-data body the way a browser does (fields in order, then files). */
export function multipart(fields: Record<string, string | string[]>, files: TestFile[] = []): { headers: Record<string, string>; payload: Buffer } {
  const boundary = '----LyhordTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  const quote = (s: string) => s.replace(/"/g, '%22').replace(/\r?\n/g, ' ');
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${x}\r\n`));
    }
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'attachments'}"; filename="${quote(f.filename)}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(chunks) };
}

/** Small files of their type (a 2×2 PNG without metadata, so the upload keeps it byte for byte). */
export const PNG_FILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQI12N4sYUBiBggFAAwvgZxX9NwggAAAABJRU5ErkJggg==', 'base64');
export const PDF_FILE = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A citizen's form filled in correctly, as a browser posts it; tests override what they try. */
export const VALID_SUBMISSION: Readonly<Record<string, string>> = {
  kind: 'klagomal',
  description: 'Gatlyktan vid skolan har varit släckt i två veckor.',
  unit: 'vet-inte',
  anonymous: 'false',
  name: 'Åsa Öberg',
  email: 'asa@example.se',
  phone: '',
  address: '',
  replyChannel: 'email',
};
