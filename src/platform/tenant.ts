import fp from 'fastify-plugin';
import type { Db } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import { findDefaultOrganization } from '../modules/organizations/queries.ts';
import { DomainError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    org: Organization;
  }
}

/**
 * Resolves which organization a request belongs to. For now the installation's default
 * organization serves every path; per-slug and per-host routing builds on this.
 */
export const tenantPlugin = fp<{ db: Db }>(async (app, { db }) => {
  app.decorateRequest('org', null as unknown as Organization);
  app.addHook('onRequest', async (req) => {
    if (req.url === '/health' || req.url.startsWith('/assets/')) return;
    const org = await findDefaultOrganization(db);
    if (!org) {
      throw new DomainError('not_found', 'Ingen organisation är uppsatt ännu. En administratör kan lägga in demodata med npm run cli -- seed-demo.');
    }
    req.org = org;
  });
});
