import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../src/db/database.ts';
import type { Role } from '../src/db/schema.ts';
import { createApiKey } from '../src/modules/api/keys.ts';
import { openApiDocument } from '../src/modules/api/openapi.ts';

/** A new API key for an organization; the key itself, as the caller would hold it. */
export async function newApiKey(db: Db, organizationId: string, role: Role, name = `Test ${role}`): Promise<string> {
  const { key } = await createApiKey(db, { organizationId, name, role, createdBy: null, now: new Date() });
  return key;
}

/** A small JSON client for the API over app.inject. */
export function apiClient(app: FastifyInstance, key: string | null) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra });
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => {
    const res = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : undefined, headers: res.headers, raw: res };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body),
    delete: (url: string) => call('DELETE', url),
    /** A transition, as integrations send it. */
    transition: (number: string, body: Record<string, unknown>) => call('POST', `/cases/${number}/transitions`, body),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** Ids by name from the demo organization, for request bodies. */
export async function demoIds(db: Db, organizationId: string) {
  const unit = async (name: string) => (await db.selectFrom('org_units').select('id').where('organization_id', '=', organizationId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  const area = async (name: string) =>
    (await db.selectFrom('categories').select('id').where('organization_id', '=', organizationId).where('level', '=', 'area').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const user = async (email: string) => (await db.selectFrom('users').select('id').where('organization_id', '=', organizationId).where('email', '=', email).executeTakeFirstOrThrow()).id;
  return { unit, area, user };
}

export const NEW_CASE = {
  kind: 'klagomal',
  description: 'Gatlyktan utanför Storgatan 5 har varit trasig i två veckor.',
  channel: 'phone',
  receivedAt: '2026-12-22T10:00:00+01:00',
  contact: { name: 'Eva Exempel', email: 'eva@example.se', phone: '0123-45 67 89', address: null, replyChannel: 'email' },
};

// ajv-formats is CommonJS with a default export; under NodeNext the import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * For tests: checks a response against the OpenAPI document's own schema, with a JSON Schema
 * 2020-12 validator (what OpenAPI 3.1 specifies), so the document, the route schemas and what
 * the API really sends are held to each other.
 */
const doc = openApiDocument();
const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: doc.components } as object);

export function expectSchema(component: string, value: unknown): void {
  const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
  if (!validate) throw new Error(`No schema ${component}`);
  const ok = validate(value);
  expect(ok ? [] : validate.errors, `response matches ${component}`).toEqual([]);
}
