import type { FastifyReply } from 'fastify';

/**
 * GeoReport v2 output. JSON is the spec's "Spark convention" mapping of its XML: a list is an
 * array in JSON and, in XML, an element named for the list holding one element per item, named
 * in the singular (services/service, attributes/attribute, values/value, service_requests/request,
 * errors/error, endpoints/endpoint, formats/format). null and '' are empty elements.
 */
export type Format = 'json' | 'xml';
export const isFormat = (f: string): f is Format => f === 'json' || f === 'xml';

export const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** The element name of one item of each list, as in the specification's XML examples. */
const ITEM: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

const escape = (s: string) =>
  s
    // Characters XML 1.0 cannot carry at all (control characters but tab, newline, carriage return).
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function element(name: string, value: Value, indent: string): string {
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    return `${indent}<${name}>\n${value.map((v) => element(item, v, `${indent}  `)).join('')}${indent}</${name}>\n`;
  }
  if (value !== null && typeof value === 'object') {
    return `${indent}<${name}>\n${Object.entries(value)
      .map(([k, v]) => element(k, v, `${indent}  `))
      .join('')}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${value === null || value === undefined ? '' : escape(String(value))}</${name}>\n`;
}

/** The XML document for a root element and its content (a list or an object). */
export function toXml(root: string, value: Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}`;
}

export function send(reply: FastifyReply, format: Format, root: string, value: Value, status = 200): FastifyReply {
  const body = format === 'json' ? JSON.stringify(value) : toXml(root, value);
  return reply.code(status).header('content-type', CONTENT_TYPE[format]).send(body);
}

/**
 * An Open311 error: the HTTP status the specification gives (403 for a missing or wrong
 * api_key, 404 for what does not exist, 400 for anything else) and, in the body, a more
 * specific code where one helps (413: too large, 415: wrong content type).
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly errors: { code: number; description: string }[],
  ) {
    super(errors.map((e) => e.description).join(' '));
  }
}

export const open311Error = (status: 400 | 403 | 404, description: string, code: number = status) => new Open311Error(status, [{ code, description }]);

export function sendErrors(reply: FastifyReply, format: Format, err: Open311Error): FastifyReply {
  return send(reply, format, 'errors', err.errors, err.status);
}
