import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';
import { translator } from './i18n/catalogue.ts';
import { PRODUCT_NAME } from './product.ts';
import { rewriteHtml } from './tenant.ts';
import { ErrorPage } from './views/ErrorPage.tsx';
import { renderPage } from './views/render.ts';

type ErrorHandler = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => unknown;

export interface FrameworkErrorOptions {
  /** The same security headers every other answer gets from @fastify/helmet. */
  security: FastifyHelmetOptions;
  /** Sets the request's organization, as the tenant hook does (platform/tenant.ts tenantResolver). */
  resolveTenant: (req: FastifyRequest) => Promise<void>;
  /** Prefixes with an error answer of their own (the API's JSON, Open311's errors); every other path is a page. */
  answers: readonly (readonly [prefix: string, handler: ErrorHandler])[];
}

/** The headers helmet would set, taken once: helmet only calls setHeader and removeHeader. */
function securityHeaders(options: FastifyHelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  // The same options; @fastify/helmet sees helmet's CommonJS types, this file its ESM ones.
  helmet(options as HelmetOptions)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);

/**
 * A mangled address (it does not decode, a value is too long, the request line does not parse) leads
 * nowhere: a person gets the not-found page, whatever the status says to machines. Headers too large
 * or a request too slow are about what was sent.
 */
function errorPage(status: number, orgName: string, req?: Pick<FastifyRequest, 'i18n' | 'menuPath'>): string {
  const view = status >= 500 ? 500 : status === 400 || status === 414 ? 404 : 400;
  return renderPage(<ErrorPage status={view} orgName={orgName} />, req);
}

/**
 * Fastify's `frameworkErrors`: errors it meets while routing, before any hook or handler runs, so
 * far answered with its own JSON that echoes the address. A percent-encoding that does not decode
 * (400) and a path value over maxParamLength (414) are a mangled or made-up link: a page gets the
 * not-found page in the organization's layout, in Swedish (the language hooks have not run); the
 * API and Open311 get their own error answers. Never the address itself.
 */
export function frameworkErrors(options: FrameworkErrorOptions): NonNullable<FastifyServerOptions['frameworkErrors']> {
  const headers = securityHeaders(options.security);
  const answer = async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    reply.headers(headers);
    const own = options.answers.find(([prefix]) => under(req.url, prefix));
    if (own) return own[1](err, req, reply);
    // An organization that does not exist (or a database that does not answer) still gets a page, the installation's.
    await options.resolveTenant(req).catch(() => undefined);
    req.i18n = translator();
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    const html = rewriteHtml(errorPage(status, req.org?.name ?? PRODUCT_NAME, req), req.org ? req.basePath : '');
    return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };
  const handle = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    answer(err, req, reply).catch((e: unknown) => {
      req.log.error({ err: e, code: err.code }, 'framework error answer failed');
      if (!reply.sent) reply.code(500).send();
    });
  };
  // The option is generic over route types; before routing there are none.
  return handle as NonNullable<FastifyServerOptions['frameworkErrors']>;
}

/** The path of the request the parser stopped in: the one after the last blank line before where it stopped (requests may be pipelined). */
function pathOf(err: Error & { rawPacket?: Buffer; bytesParsed?: number }): string {
  const raw = err.rawPacket?.toString('latin1') ?? '';
  const stop = err.bytesParsed ?? raw.length;
  const start = raw.lastIndexOf('\r\n\r\n', stop - 1);
  return /^\S+ (\/\S*)/.exec(raw.slice(start < 0 ? 0 : start + 4))?.[1] ?? '/';
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (a method it does not know,
 * a space in the path, headers too large, too slow). There is no request to route, so no
 * organization: a page gets the installation's not-found page, the API and Open311 the API's JSON
 * error (`json`).
 */
export function clientErrors(options: Pick<FrameworkErrorOptions, 'security' | 'answers'> & { json: (status: number) => object }) {
  const headers = securityHeaders(options.security);
  const pages = new Map([400, 408, 431].map((status) => [status, errorPage(status, PRODUCT_NAME)]));
  return function (this: { log: FastifyRequest['log'] }, err: Error & { code?: string }, socket: Socket): void {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    this.log.trace({ err }, 'client error');
    const json = options.answers.some(([prefix]) => under(pathOf(err), prefix));
    const body = json ? JSON.stringify(options.json(status)) : pages.get(status)!;
    const head = { ...headers, 'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
    if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(head).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
    socket.destroy();
  };
}
