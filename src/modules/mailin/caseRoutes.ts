import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { contentDisposition } from '../cases/attachmentRoutes.ts';
import { visibleCase } from '../cases/caseRoutes.tsx';
import type { CaseDeps } from '../cases/commands.ts';
import { can } from '../cases/policy.ts';
import { staffActor } from '../cases/staffRequest.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Req = FastifyRequest<{ Params: { number: string; id: string } }>;

/** Mail on the case page: the original message as received, and "read" for mail after closing. */
export function mailCaseRoutes(app: FastifyInstance, deps: CaseDeps) {
  // The raw .eml is the original document; as personal as the text, so for the same people.
  app.get('/handlaggning/arenden/:number/e-post/:id.eml', async (req: Req, reply) => {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    if (!can(actor, 'view_contact', detail.policy) || !UUID.test(req.params.id)) throw notFound('Meddelandet');
    const row = await deps.db.selectFrom('inbound_messages').select(['raw', 'received_at']).where('id', '=', req.params.id).where('case_id', '=', detail.case.id).executeTakeFirst();
    if (!row?.raw) throw notFound('Meddelandet');
    return reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', contentDisposition(`${detail.case.number}-${row.received_at.toISOString().slice(0, 10)}.eml`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(row.raw);
  });

  // The handler read the mail that came after closing and keeps the case closed.
  app.post('/handlaggning/arenden/:number/e-post/last', async (req: Req, reply) => {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    if (!can(actor, 'note', detail.policy)) throw notFound('Ärendet');
    await deps.db.transaction().execute(async (tx) => {
      const rows = await tx
        .updateTable('inbound_messages')
        .set({ needs_attention: false, handled_by: actor.kind === 'user' ? actor.id : null, handled_at: deps.clock.now() })
        .where('case_id', '=', detail.case.id)
        .where('outcome', '=', 'reply_after_close')
        .where('needs_attention', '=', true)
        .returning('id')
        .execute();
      if (rows.length) {
        await tx
          .insertInto('case_events')
          .values({ case_id: detail.case.id, type: 'note', actor_user_id: actor.kind === 'user' ? actor.id : null, actor_label: actor.name, occurred_at: deps.clock.now(), data: JSON.stringify({ text: 'E-post efter avslut är läst; ärendet förblir avslutat.' }) })
          .execute();
      }
    });
    return reply.code(303).header('location', `/handlaggning/arenden/${detail.case.number}?klart=epost-last`).send();
  });
}
