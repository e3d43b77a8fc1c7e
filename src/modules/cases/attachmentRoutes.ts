import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { ATTACHMENT_TYPES } from '../intake/attachments.ts';
import { visibleCase } from './caseRoutes.tsx';
import type { CaseDeps } from './commands.ts';
import { can } from './policy.ts';
import { findAttachment } from './queries.ts';
import { staffActor } from './staffRequest.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 5987/6266: an ASCII fallback and the exact name as UTF-8, so å, ä and ö survive. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The files that came with a case, for the people who may see its personal data: what a
 * citizen attaches is as personal as what they write. Everyone else gets 404, as for the case.
 */
export function attachmentRoutes(app: FastifyInstance, deps: CaseDeps) {
  app.get('/handlaggning/arenden/:number/bilagor/:id', async (req: FastifyRequest<{ Params: { number: string; id: string } }>, reply) => {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    if (!can(actor, 'view_contact', detail.policy) || !UUID.test(req.params.id)) throw notFound('Bilagan');
    const file = await findAttachment(deps.db, detail.case.id, req.params.id);
    if (!file) throw notFound('Bilagan');
    return reply
      .header('content-type', ATTACHMENT_TYPES.has(file.content_type) ? file.content_type : 'application/octet-stream')
      .header('content-disposition', contentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(file.content);
  });
}
