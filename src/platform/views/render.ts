import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { I18nContext } from '../i18n/context.ts';

/** Renders a page in the request's language (Swedish without a request: staff documents, tests). */
export function renderPage(node: VNode, req?: Pick<FastifyRequest, 'i18n' | 'menuPath'>): string {
  const page: VNode = req?.i18n ? (h(I18nContext.Provider, { value: { i18n: req.i18n, menuPath: req.menuPath } }, node) as VNode) : node;
  return '<!doctype html>' + renderToString(page);
}

/** Sends a server-rendered page. Pages carry personal data at times, so nothing is cached. */
export function sendPage(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderPage(node, reply.request));
}
