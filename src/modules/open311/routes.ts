import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { absoluteUrl } from '../../platform/tenant.ts';
import { actorForApiKey } from '../api/keys.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { mayRegisterOnBehalf, registerOnBehalf } from '../registration/commands.ts';
import { isFormat, open311Error, Open311Error, send, sendErrors, type Format } from './format.ts';
import { parseRequestFilter } from './query.ts';
import { findRequests, MAX_REQUESTS } from './requests.ts';
import { loadServices, serviceDefinition, serviceJson } from './services.ts';
import { keyProblem, readPost, validatePost } from './submit.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

type FormatParams = { Params: { format: string } };

/** The format the answer should have: the extension asked for, XML (the spec's required one) otherwise. */
const formatOf = (req: FastifyRequest): Format => {
  const f = (req.params as { format?: string } | undefined)?.format ?? /\.(json|xml)(?:\?|$)/.exec(req.url)?.[1] ?? 'xml';
  return isFormat(f) ? f : 'xml';
};

function checkFormat(req: FastifyRequest<FormatParams>): Format {
  if (!isFormat(req.params.format)) throw open311Error(404, `Formatet .${req.params.format} finns inte. Använd .xml eller .json.`);
  return req.params.format;
}

/** Errors in the spec's form; also for errors Fastify meets before routing (platform/frameworkErrors.tsx). */
export function open311ErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const format = formatOf(req);
  if (err instanceof Open311Error) return sendErrors(reply, format, err);
  if (err instanceof DomainError) return sendErrors(reply, format, open311Error(err.status === 404 ? 404 : 400, err.message));
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 413) return sendErrors(reply, format, open311Error(400, 'Begäran är för stor. description får vara högst 10 000 tecken.', 413));
  if (status === 415) return sendErrors(reply, format, open311Error(400, 'Skicka begäran som application/x-www-form-urlencoded, som Open311 GeoReport v2 säger.', 415));
  if (status < 500) return sendErrors(reply, format, open311Error(400, 'Begäran gick inte att läsa.', status));
  req.log.error({ err: { message: err.message, stack: err.stack }, url: req.url.split('?')[0] }, 'open311 request failed');
  return send(reply, format, 'errors', [{ code: 500, description: 'Något gick fel hos oss. Försök igen om en stund.' }], 500);
}

/**
 * Open311 GeoReport v2 at /open311/v2 (and /o/<slug>/open311/v2 for other organizations), every
 * call in XML and JSON. Encapsulated: its own body parser (urlencoded only, as the spec says)
 * and errors in the spec's form, [{code, description}], with 400, 403 and 404.
 */
export const open311Routes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  app.removeContentTypeParser(['application/json', 'text/plain', 'multipart/form-data']);
  app.addHook('onSend', async (_req, reply) => {
    // Service lists may be cached briefly; requests change all the time.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
    reply.header('access-control-allow-origin', '*');
  });

  app.setNotFoundHandler((req, reply) => sendErrors(reply, formatOf(req), open311Error(404, 'Det finns ingen sådan Open311-resurs. Se discovery.xml.')));
  app.setErrorHandler<FastifyError>(open311ErrorHandler);

  app.get<FormatParams>('/discovery.:format', async (req, reply) => {
    const format = checkFormat(req);
    const settings = req.org.settings ?? {};
    const contact = [settings.contactEmail, settings.contactPhone].filter(Boolean).join(', ');
    const changeset = req.org.updated_at.toISOString();
    return send(reply, format, 'discovery', {
      changeset,
      contact: contact ? `${req.org.name}: ${contact}` : req.org.name,
      key_service: `Läsning kräver ingen nyckel. För att lämna synpunkter behövs en API-nyckel från ${req.org.name}${settings.contactEmail ? ` (${settings.contactEmail})` : ''}.`,
      endpoints: [{ specification: SPECIFICATION, url: absoluteUrl(req, '/open311/v2'), changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
    });
  });

  app.get<FormatParams>('/services.:format', async (req, reply) => {
    const format = checkFormat(req);
    reply.header('cache-control', 'public, max-age=300');
    return send(reply, format, 'services', (await loadServices(deps.db, req.org)).map(serviceJson));
  });

  app.get<{ Params: { code: string; format: string } }>('/services/:code.:format', async (req, reply) => {
    const format = checkFormat(req);
    const service = (await loadServices(deps.db, req.org)).find((s) => s.service_code === req.params.code);
    if (!service) throw open311Error(404, `Tjänsten ${req.params.code} finns inte. Se services.${format}.`);
    return send(reply, format, 'service_definition', serviceDefinition(service));
  });

  app.post<FormatParams>('/requests.:format', async (req, reply) => {
    const format = checkFormat(req);
    const fields = readPost(req.body);
    const actor = fields.api_key ? await actorForApiKey(deps.db, fields.api_key.trim()) : undefined;
    const denied = keyProblem(fields.api_key, actor, req.org.id, mayRegisterOnBehalf);
    if (denied) throw denied;
    if (!fields.service_code?.trim()) throw open311Error(400, 'service_code saknas. Välj en tjänst ur services.xml.');
    const service = (await loadServices(deps.db, req.org)).find((s) => s.service_code === fields.service_code!.trim());
    if (!service) throw open311Error(404, `Tjänsten ${fields.service_code} finns inte. Se services.${format}.`);
    const input = await validatePost(deps.db, req.org.id, fields, service, deps.clock.now());
    const created = await registerOnBehalf(deps, actor!, input);
    const c = await deps.db.selectFrom('cases').select(['answer_by', 'anonymous']).where('id', '=', created.id).executeTakeFirstOrThrow();
    const wantsAnswer = !c.anonymous && input.contact?.replyChannel !== 'none';
    const notice = `Tack! Din synpunkt har nummer ${created.number}.${wantsAnswer && c.answer_by ? ` Du får svar senast ${formatLongDate(new Date(`${c.answer_by}T12:00:00Z`))}.` : ''}`;
    return send(reply, format, 'service_requests', [{ service_request_id: created.number, service_notice: notice, account_id: null }]);
  });

  app.get<FormatParams & { Querystring: Record<string, unknown> }>('/requests.:format', async (req, reply) => {
    const format = checkFormat(req);
    const filter = parseRequestFilter(req.query, deps.clock.now());
    const requests = await findRequests(deps.db, req.org.id, filter);
    if (requests.length === MAX_REQUESTS) reply.header('x-open311-truncated', 'true');
    return send(reply, format, 'service_requests', requests);
  });

  app.get<{ Params: { id: string; format: string } }>('/requests/:id.:format', async (req, reply) => {
    const format = checkFormat(req as FastifyRequest<FormatParams>);
    const [request] = await findRequests(deps.db, req.org.id, { numbers: [req.params.id.toUpperCase()] });
    if (!request) throw open311Error(404, `Det finns ingen synpunkt ${req.params.id}.`);
    return send(reply, format, 'service_requests', [request]);
  });

  // We create requests at once (type realtime), so there are never tokens to look up.
  app.get<{ Params: { token: string; format: string } }>('/tokens/:token.:format', async (req: FastifyRequest, reply: FastifyReply) =>
    sendErrors(reply, formatOf(req), open311Error(404, 'Här finns inga token: service_request_id kommer direkt i svaret på POST requests.')),
  );
};
