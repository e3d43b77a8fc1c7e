import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import type { JsonSchema } from './jsonSchema.ts';
import { CASE_NUMBER_PATTERN } from './schemas.ts';

// ajv-formats is CommonJS with a default export; under NodeNext the import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * Two validators with the same formats. Bodies are JSON and must already have the right types:
 * "5" is not a number and an unknown field is an error, so a typo in an integration is caught.
 * Query strings are text by nature, so numbers and booleans are coerced and a single value
 * becomes a one-element array. Both report every error at once, for field-level messages.
 */
function makeAjv(query: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, coerceTypes: query ? 'array' : false, useDefaults: query, removeAdditional: false });
  addFormats(ajv, ['date-time', 'date', 'uuid', 'email', 'uri']);
  return ajv;
}
const bodyAjv = makeAjv(false);
const queryAjv = makeAjv(true);

/** Strips OpenAPI-only keywords before a schema reaches Ajv's strict mode. */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (k !== 'discriminator' && k !== 'examples') out[k] = forAjv(v);
  return out;
}

export const compileBody = (schema: JsonSchema): ValidateFunction => bodyAjv.compile(forAjv(schema) as object);

/** Fastify's validator compiler for the API's encapsulated context. */
export const apiValidatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : queryAjv).compile(forAjv(schema) as object);

const TYPE_WORDS: Record<string, string> = {
  string: 'en text',
  integer: 'ett heltal',
  number: 'ett tal',
  boolean: 'true eller false',
  object: 'ett objekt',
  array: 'en lista',
  null: 'null',
};

function messageFor(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'Fältet saknas.';
    case 'additionalProperties':
      return 'Okänt fält.';
    case 'type': {
      const types = String(p.type).split(',');
      return `Ska vara ${types.map((t) => TYPE_WORDS[t] ?? t).join(' eller ')}.`;
    }
    case 'enum':
      return `Ska vara något av: ${(p.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'const':
      return `Ska vara ${String(p.allowedValue)}.`;
    case 'format':
      return (
        {
          'date-time': 'Ska vara en tidpunkt med tidszon, till exempel 2026-12-22T10:00:00+01:00.',
          date: 'Ska vara ett datum, till exempel 2026-12-22.',
          uuid: 'Ska vara ett id (UUID).',
          email: 'Ska vara en e-postadress.',
        }[String(p.format)] ?? 'Har fel format.'
      );
    case 'minLength':
      return p.limit === 1 ? 'Får inte vara tomt.' : `Ska vara minst ${String(p.limit)} tecken.`;
    case 'maxLength':
      return `Får vara högst ${Number(p.limit).toLocaleString('sv-SE')} tecken.`;
    case 'minimum':
      return `Ska vara minst ${String(p.limit)}.`;
    case 'maximum':
      return `Får vara högst ${String(p.limit)}.`;
    case 'pattern':
      return p.pattern === CASE_NUMBER_PATTERN ? 'Ska vara ett ärendenummer, till exempel SYN-2026-00042.' : 'Har fel format.';
    default:
      return 'Är inte giltigt.';
  }
}

/** Ajv's errors as field path (a.b) → one message, the first per field. */
export function fieldErrors(errors: readonly ErrorObject[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    // A union type reports the same field once per branch; "type" and "enum" say enough.
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const p = e.params as Record<string, unknown>;
    const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') segments.push(String(p.missingProperty));
    if (e.keyword === 'additionalProperties') segments.push(String(p.additionalProperty));
    const path = segments.join('.');
    fields[path] ??= messageFor(e);
  }
  return fields;
}

/** Validates a body against a schema compiled with compileBody; throws the API's 400 on failure. */
export function check<T>(validate: ValidateFunction, data: unknown): T {
  if (!validate(data)) throw invalid(fieldErrors(validate.errors ?? []));
  return data as T;
}

export function invalid(fields: Record<string, string>): DomainError {
  const whole = fields[''];
  const message = whole ? `Innehållet ${whole.charAt(0).toLowerCase()}${whole.slice(1)}` : 'Uppgifterna är inte giltiga. Se fields för vad som behöver rättas.';
  const { '': _, ...named } = fields;
  return new DomainError('invalid', message, named);
}
