import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { DomainError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { fieldErrors, invalid } from './validation.ts';

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
  /** 410 disposed: when, and under which decision. */
  disposedAt?: string;
  decision?: string;
}

/** Conflicts carry why in details.reason (set by the transition function); the API passes it on as the code. */
const CONFLICT_CODES = new Set(['illegal_transition', 'guard_failed', 'stale_version']);

/**
 * Messages from the citizen catalogue that reach the API through shared checks, as an integration
 * should read them: the form's words tell a person what to do in the browser.
 */
const FOR_API: Partial<Record<MessageKey, string>> = {
  'error.nulCharacter': 'Det som skickades innehöll ett nolltecken (U+0000, i JSON \\u0000, i adressen %00), som inte kan sparas. Ta bort det och skicka igen.',
};

function fromDomain(domainError: DomainError): { status: number; body: ApiErrorBody } {
  const apiMessage = domainError.messageKey && FOR_API[domainError.messageKey.key];
  const err = apiMessage ? new DomainError(domainError.code, apiMessage, domainError.details) : domainError;
  const { reason, ...details } = err.details ?? {};
  if (err.code === 'conflict' && reason === 'not_permitted') return { status: 403, body: { code: 'forbidden', message: err.message } };
  if (err.code === 'conflict') return { status: 409, body: { code: reason && CONFLICT_CODES.has(reason) ? reason : 'conflict', message: err.message } };
  // Pages answer "forbidden" with 404 so nothing hidden is revealed; an integration is better
  // served by 403 for something it may not do at all (a reader key registering a case).
  if (err.code === 'forbidden') return { status: 403, body: { code: 'forbidden', message: err.message } };
  if (err.code === 'gone') return { status: 410, body: { code: 'disposed', message: err.message, ...details } };
  if (err.code === 'invalid') {
    // The commands name a few fields as the staff forms do; the API calls the unit unitId.
    const fields = Object.fromEntries(Object.entries(details).map(([k, v]) => [k === 'unit' ? 'unitId' : k, v]));
    return { status: 400, body: { code: 'invalid', message: err.message, fields } };
  }
  return { status: err.status, body: { code: err.code, message: err.message } };
}

const BY_STATUS: Record<number, [string, string]> = {
  400: ['invalid', 'Begäran gick inte att läsa.'],
  401: ['unauthorized', 'Ange en giltig API-nyckel: Authorization: Bearer <nyckel>.'],
  404: ['not_found', 'Det finns inget här.'],
  405: ['method_not_allowed', 'Metoden stöds inte här.'],
  406: ['not_acceptable', 'Svaret kan bara ges som JSON.'],
  413: ['payload_too_large', 'Innehållet är för stort.'],
  // Fastify's maxParamLength: no id, number or token is that long.
  414: ['uri_too_long', 'Ett värde i adressen är för långt.'],
  415: ['unsupported_media_type', 'Skicka innehållet som JSON med Content-Type: application/json.'],
  429: ['too_many_requests', 'För många anrop. Vänta en stund och försök igen.'],
  // Node's HTTP parser refused the request (platform/frameworkErrors.tsx clientErrors).
  408: ['request_timeout', 'Begäran kom inte fram i tid.'],
  431: ['headers_too_large', 'Begärans huvuden är för stora.'],
};

/** The API's answer to a status without more to say: for requests no handler saw. */
export function apiErrorBody(status: number): ApiErrorBody {
  const [code, message] = BY_STATUS[status] ?? ['error', 'Begäran kunde inte utföras.'];
  return { code, message };
}

/**
 * JSON errors for everything under the API prefix, never an HTML page: domain errors, schema
 * validation, unparseable JSON, wrong content type, unknown paths and crashes. 5xx are logged
 * without the body or query, which may hold personal data.
 */
export function installJsonErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ code: 'not_found', message: 'Det finns ingen sådan resurs i API:t. Se /api/v1/openapi.json.' } satisfies ApiErrorBody));
  app.setErrorHandler<FastifyError>(apiErrorHandler);
}

/** The API's error answer; also for errors Fastify meets before routing (platform/frameworkErrors.tsx). */
export function apiErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    const { status, body } = fromDomain(err);
    return reply.code(status).send(body);
  }
  if (err.validation) {
    // Query string and path errors name the parameter; body errors the field path.
    const e = invalid(fieldErrors(err.validation as unknown as ErrorObject[]));
    return reply.code(400).send(fromDomain(e).body);
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 500) {
    req.log.error({ err: { message: err.message, stack: err.stack, code: err.code }, url: req.url.split('?')[0] }, 'api request failed');
    return reply.code(500).send({ code: 'internal', message: 'Något gick fel hos oss. Försök igen om en stund.' } satisfies ApiErrorBody);
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
    return reply.code(400).send({ code: 'invalid_json', message: 'Innehållet är inte giltig JSON.' } satisfies ApiErrorBody);
  }
  if (err.code === 'FST_ERR_BAD_URL') {
    return reply.code(400).send({ code: 'invalid', message: 'Adressen går inte att avkoda: en procentkodning är ofullständig eller inte UTF-8.' } satisfies ApiErrorBody);
  }
  return reply.code(status).send(apiErrorBody(status));
}
