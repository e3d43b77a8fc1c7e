import { expect } from 'vitest';
import { assignCase, registerCase, type CaseDeps } from '../src/modules/cases/commands.ts';
import type { Actor } from '../src/modules/cases/policy.ts';
import { grantsOf } from '../src/modules/auth/queries.ts';
import { installationSecret } from '../src/platform/secrets.ts';
import { FORM, form, type TestContext, VALID_SUBMISSION } from './app.ts';

/**
 * Cases for the staff page tests, made the way they arrive in real life: a citizen posts the
 * public form; registering and assigning (when a test only needs them as a starting point) go
 * through the same commands the pages use.
 */

export const DEMO = {
  registrar: 'registrator@exempelkommun.se',
  coordinatorBou: 'samordnare.bou@exempelkommun.se',
  coordinatorSbf: 'samordnare.sbf@exempelkommun.se',
  handlerForskola: 'handlaggare.forskola@exempelkommun.se',
  handlerGata: 'handlaggare.gata@exempelkommun.se',
  unitAdmin: 'superanvandare.bou@exempelkommun.se',
  reader: 'lasare@exempelkommun.se',
  admin: 'admin@exempelkommun.se',
} as const;

export async function caseDeps(t: TestContext): Promise<CaseDeps> {
  return { db: t.db, clock: t.clock, tokenSecret: await installationSecret(t.db, 'status-token') };
}

/** A demo staff member as the commands see them. */
/** The test organization's user with this address (other organizations a test seeds may have the same demo addresses). */
export async function actorFor(t: TestContext, email: string): Promise<Actor> {
  const u = await t.db.selectFrom('users').select(['id', 'name', 'organization_id']).where('organization_id', '=', t.orgId).where('email', '=', email).executeTakeFirstOrThrow();
  return { kind: 'user', id: u.id, name: u.name, organizationId: u.organization_id, grants: await grantsOf(t.db, u.id) };
}

export async function unitId(t: TestContext, name: string): Promise<string> {
  return (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export async function categoryId(t: TestContext, name: string): Promise<string> {
  return (await t.db.selectFrom('categories').select('id').where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** The form as a staff member fills it in after a phone call. */
export const PHONE_CALL = {
  mode: 'normal',
  channel: 'phone',
  receivedAt: '2026-12-21T14:30',
  kind: 'klagomal',
  description: 'Ringde om att grinden vid förskolan inte går att stänga.',
  unit: 'vet-inte',
  anonymous: 'false',
  name: 'Örjan Ådahl',
  phone: '0123-45 67 89',
  email: '',
  address: '',
  replyChannel: 'phone',
  confirmed: 'ja',
};

/** A citizen's submission through the public form; returns the case number and status token. */
export async function submitCase(t: TestContext, fields: Record<string, string> = {}): Promise<{ number: string; token: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/synpunkt',
    headers: FORM,
    payload: form({ ...VALID_SUBMISSION, ...fields }),
  });
  expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
  const token = res.headers.location!.split('/').pop()!;
  const receipt = await t.app.inject(res.headers.location!);
  return { number: receipt.body.match(/SYN-\d{4}-\d{5}/)![0], token };
}

/** Registers (classifies and routes) a case as the registrar would. */
export async function registerTo(t: TestContext, number: string, unitName: string, opts: { subcategory?: string; confidentialityRef?: string; area?: string } = {}) {
  const { kind } = await caseRow(t, number);
  await registerCase(await caseDeps(t), {
    actor: await actorFor(t, DEMO.registrar),
    number,
    classification: {
      kind,
      areaId: await categoryId(t, opts.area ?? 'Tjänster'),
      subcategoryId: opts.subcategory ? await categoryId(t, opts.subcategory) : null,
      significance: 'routine',
      confidential: !!opts.confidentialityRef,
      confidentialityRef: opts.confidentialityRef ?? null,
      unitId: await unitId(t, unitName),
    },
  });
}

/** Registers and assigns in one go: a case ready for its handler. */
export async function assignedTo(t: TestContext, number: string, unitName: string, handlerEmail: string, opts: { subcategory?: string; confidentialityRef?: string } = {}) {
  await registerTo(t, number, unitName, opts);
  const handler = await actorFor(t, handlerEmail);
  await assignCase(await caseDeps(t), { actor: await actorFor(t, DEMO.admin), number, unitId: await unitId(t, unitName), handlerId: handler.id });
}

/** The case version a page's forms carry. */
export function versionIn(html: string): string {
  const m = html.match(/name="version" value="(\d+)"/);
  if (!m) throw new Error('No version field on the page');
  return m[1]!;
}

/** The error summary's messages, in order. */
export function errorSummary(html: string): string[] {
  const box = html.match(/<div class="error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
  return [...box.matchAll(/<a href="#[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

export async function caseRow(t: TestContext, number: string) {
  return t.db.selectFrom('cases').selectAll().where('organization_id', '=', t.orgId).where('number', '=', number).executeTakeFirstOrThrow();
}

export async function eventTypes(t: TestContext, number: string): Promise<string[]> {
  const c = await caseRow(t, number);
  const rows = await t.db.selectFrom('case_events').select('type').where('case_id', '=', c.id).orderBy('id').execute();
  return rows.map((r) => r.type);
}
