import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { formatLongDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { visibleCase } from '../cases/caseRoutes.tsx';
import { can } from '../cases/policy.ts';
import { frame, staffActor } from '../cases/staffRequest.ts';
import { mayHold } from '../retention/policy.ts';
import { activeHold, liftHold, placeHold } from './commands.ts';
import { HoldPage } from './views/HoldPage.tsx';

type NumberRequest = FastifyRequest<{ Params: { number: string } }>;

/** The case page's legal hold: /handlaggning/arenden/:number/bevarandestopp (place) and …/hav (lift). */
export const legalHoldRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; tokenSecret: Buffer }> = async (app, deps) => {
  staffArea(app);

  async function page(req: NumberRequest, reply: FastifyReply, extra: { reason?: string; errors?: Record<string, string> } = {}, status = 200) {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    if (!mayHold(actor, detail.policy)) throw notFound('Sidan');
    const hold = detail.case.legal_hold ? await activeHold(deps.db, detail.case.id) : undefined;
    const shown = hold ? { reason: can(actor, 'view_contact', detail.policy) ? hold.reason : null, by: hold.placed_by_label, at: formatLongDate(hold.placed_at) } : null;
    return sendPage(reply, <HoldPage {...frame(req, reply)} number={detail.case.number} hold={shown} {...extra} />, status);
  }

  app.get('/handlaggning/arenden/:number/bevarandestopp', (req: NumberRequest, reply) => page(req, reply));

  app.post('/handlaggning/arenden/:number/bevarandestopp', async (req: NumberRequest, reply) => {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    const reason = String((req.body as Record<string, unknown> | undefined)?.reason ?? '');
    try {
      await placeHold(deps.db, actor, detail.case.number, reason, deps.clock.now());
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'invalid' || err.code === 'conflict')) return page(req, reply, { reason, errors: err.details ?? { reason: err.message } }, err.code === 'invalid' ? 400 : 409);
      throw err;
    }
    return reply.code(303).header('location', `/handlaggning/arenden/${detail.case.number}?klart=bevarandestopp`).send();
  });

  app.post('/handlaggning/arenden/:number/bevarandestopp/hav', async (req: NumberRequest, reply) => {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    const reason = String((req.body as Record<string, unknown> | undefined)?.reason ?? '');
    try {
      await liftHold(deps.db, actor, detail.case.number, reason, deps.clock.now());
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'invalid' || err.code === 'conflict')) return page(req, reply, { reason, errors: err.details ?? { reason: err.message } }, err.code === 'invalid' ? 400 : 409);
      throw err;
    }
    return reply.code(303).header('location', `/handlaggning/arenden/${detail.case.number}?klart=bevarandestopp-havt`).send();
  });
};
