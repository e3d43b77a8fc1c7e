import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { contentDisposition } from '../cases/attachmentRoutes.ts';
import { staffActor } from '../cases/staffRequest.ts';
import { discardHeld, listHeld, listIgnored, releaseHeld } from './held.ts';
import { mayTriageMail } from './policy.ts';
import type { InboundDeps } from './ingest.ts';
import { HeldMailPage } from './views/HeldMailPage.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type IdReq = FastifyRequest<{ Params: { id: string } }>;

/** The registrar's list of held mail, and the decisions on it. */
export function heldMailRoutes(app: FastifyInstance, deps: InboundDeps) {
  const registrar = (req: FastifyRequest) => {
    const actor = staffActor(req);
    if (!mayTriageMail(actor)) throw notFound('Sidan');
    return actor;
  };
  const id = (req: IdReq) => {
    if (!UUID.test(req.params.id)) throw notFound('Meddelandet');
    return req.params.id;
  };

  app.get<{ Querystring: { klart?: string } }>('/handlaggning/e-post', async (req, reply) => {
    const actor = registrar(req);
    const [held, ignored] = await Promise.all([listHeld(deps.db, actor.organizationId), listIgnored(deps.db, actor.organizationId)]);
    const notice = req.query.klart === 'borttaget' ? req.i18n.t('mailin.held.notice.discarded') : undefined;
    return sendPage(reply, <HeldMailPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} held={held} ignored={ignored} notice={notice} />);
  });

  app.get('/handlaggning/e-post/:id.eml', async (req: IdReq, reply) => {
    const actor = registrar(req);
    const row = await deps.db.selectFrom('inbound_messages').select(['raw', 'received_at']).where('id', '=', id(req)).where('organization_id', '=', actor.organizationId).executeTakeFirst();
    if (!row?.raw) throw notFound('Meddelandet');
    return reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', contentDisposition(`e-post-${row.received_at.toISOString().slice(0, 10)}.eml`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(row.raw);
  });

  app.post('/handlaggning/e-post/:id/slapp', async (req: IdReq, reply) => {
    const { number } = await releaseHeld(deps, registrar(req), id(req));
    return reply.code(303).header('location', `/handlaggning/arenden/${number}`).send();
  });

  app.post('/handlaggning/e-post/:id/kasta', async (req: IdReq, reply) => {
    await discardHeld(deps, registrar(req), id(req));
    return reply.code(303).header('location', '/handlaggning/e-post?klart=borttaget').send();
  });
}
