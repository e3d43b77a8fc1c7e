import type { FastifyReply, FastifyRequest, RawRequestDefaultExpression } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import { findOrganizationBySlug, findOrganizationForHost } from '../modules/organizations/queries.ts';
import { DomainError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    org: Organization;
    /**
     * Where this organization's pages live as seen from outside: '' for the default organization
     * and for one bound to its own host name, '/o/<slug>' otherwise. Views never use it: every
     * path they write is the organization-relative one ("/synpunkt"), and the onSend hook below
     * puts the base path in front of links, form actions and redirects on the way out.
     */
    basePath: string;
    /**
     * Where links that leave the page start (mail, receipts, OIDC, feeds): PUBLIC_URL, or the
     * organization's own host name, plus its base path. Never a header the client chose
     * (Host, X-Forwarded-Host), so nobody can have us send a link to their own site.
     */
    publicBase: string;
    /** PUBLIC_URL (or, without it, the address asked for): the start of links to other organizations. */
    publicUrl: string;
  }
}

/** `/o/<slug>` at the start of a path; the slug rule is the organizations table's CHECK. */
const ORG_PREFIX = /^\/o\/([a-z0-9][a-z0-9-]{1,62})(?=[/?#]|$)/;
const SLUG = Symbol('lyhord.orgSlug');
type RawWithSlug = RawRequestDefaultExpression & { [SLUG]?: string };

/**
 * Fastify's `rewriteUrl`: `/o/<slug>/handlaggning` is routed as `/handlaggning`, and the slug
 * is remembered on the raw request for the tenant hook. Every route is declared once, without
 * any organization in it.
 */
export function rewriteOrgUrl(raw: RawRequestDefaultExpression): string {
  const url = raw.url ?? '/';
  const m = ORG_PREFIX.exec(url);
  if (!m) return url;
  (raw as RawWithSlug)[SLUG] = m[1];
  const rest = url.slice(m[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Puts the base path in front of an organization-relative path ("/x" → "/o/slug/x"); leaves anything else alone. */
export function withBase(basePath: string, path: string): string {
  if (!basePath || !path.startsWith('/') || path.startsWith('//')) return path;
  if (path === basePath || path.startsWith(`${basePath}/`) || path.startsWith(`${basePath}?`)) return path;
  if (path.startsWith('/assets/')) return path;
  return basePath + path;
}

/** The absolute URL of an organization-relative path, for links that leave the page (mail, receipts, OIDC). */
export function absoluteUrl(req: Pick<FastifyRequest, 'publicBase'>, path: string): string {
  // Normalized ("http://x:80/" → "http://x/"), so the same URL reads the same everywhere (OIDC compares them exactly).
  return new URL(`${req.publicBase}${path}`).href;
}

/** The absolute URL of a path of another organization than the request's. */
export function orgUrl(req: Pick<FastifyRequest, 'publicUrl'>, org: Pick<Organization, 'host_name' | 'is_default' | 'slug'>, path: string): string {
  return new URL(`${orgPublicBase(org, req.publicUrl)}${path}`).href;
}

/**
 * The public address of an organization's pages: its own host name (with PUBLIC_URL's scheme), else PUBLIC_URL
 * with /o/<slug>. The one place organization links start: pages, mail, webhook payloads.
 */
export function orgPublicBase(org: Pick<Organization, 'host_name' | 'is_default' | 'slug'>, publicUrl: string): string {
  if (org.host_name) return `${new URL(publicUrl).protocol}//${org.host_name}`;
  return org.is_default ? publicUrl : `${publicUrl}/o/${org.slug}`;
}

// href="/…", action="/…", src="/…", formaction="/…" as preact-render-to-string writes them.
const URL_ATTRIBUTE = /(\s(?:href|action|src|formaction)=")(\/(?!\/)[^"]*)"/g;

export function rewriteHtml(html: string, basePath: string): string {
  return html.replace(URL_ATTRIBUTE, (_m, attr: string, path: string) => `${attr}${withBase(basePath, path)}"`);
}

function resolveBasePath(reply: FastifyReply, req: FastifyRequest, payload: unknown): unknown {
  const base = req.basePath;
  if (!base) return payload;
  const location = reply.getHeader('location');
  if (typeof location === 'string') reply.header('location', withBase(base, location));
  const type = reply.getHeader('content-type');
  if (typeof payload === 'string' && typeof type === 'string' && type.startsWith('text/html')) return rewriteHtml(payload, base);
  return payload;
}

/** Operations endpoints and assets belong to the installation, not to an organization. */
const UNTENANTED = /^\/(?:health(?:\/(?:live|ready))?|metrics|favicon\.ico|assets\/[^?]*)(?:\?|$)/;

/**
 * Resolves which organization a request belongs to: `/o/<slug>/…` names it; otherwise a host
 * name bound to an organization; otherwise the installation's default organization. The tenant
 * hook below, and the error pages Fastify answers before any hook runs (platform/frameworkErrors.tsx).
 */
export function tenantResolver(db: Db, publicUrl: string | undefined): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    await resolveOrganization(req);
    if (!req.org) return;
    // Without PUBLIC_URL (tests that build the app alone) the address asked for stands in.
    req.publicUrl = publicUrl ?? `${req.protocol}://${req.host}`;
    req.publicBase = publicUrl ? orgPublicBase(req.org, publicUrl) : `${req.publicUrl}${req.basePath}`;
  };
  async function resolveOrganization(req: FastifyRequest) {
    if (UNTENANTED.test(req.url)) return;
    const slug = (req.raw as RawWithSlug)[SLUG];
    if (slug) {
      const org = await findOrganizationBySlug(db, slug);
      if (!org || !org.active) throw new DomainError('not_found', 'Det finns ingen organisation med den adressen.');
      req.org = org;
      req.basePath = `/o/${slug}`;
      return;
    }
    const host = req.host.toLowerCase();
    const hostname = req.hostname.toLowerCase();
    const org = await findOrganizationForHost(db, host, hostname);
    if (!org) {
      throw new DomainError('not_found', 'Ingen organisation är uppsatt ännu. En administratör kan lägga in demodata med npm run cli -- seed-demo.');
    }
    req.org = org;
  }
}

export const tenantPlugin = fp<{ db: Db; publicUrl?: string }>(async (app, { db, publicUrl }) => {
  app.decorateRequest('org', null as unknown as Organization);
  app.decorateRequest('basePath', '');
  app.decorateRequest('publicBase', '');
  app.decorateRequest('publicUrl', '');
  app.addHook('onRequest', tenantResolver(db, publicUrl));
  app.addHook('onSend', async (req, reply, payload) => resolveBasePath(reply, req, payload));
});
