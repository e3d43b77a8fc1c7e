import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { visibleCase } from '../cases/caseRoutes.tsx';
import { frame, staffActor } from '../cases/staffRequest.ts';
import { ConflictPage } from '../cases/views/ConflictPage.tsx';
import { mayChangeSignificance } from './policy.ts';
import { changeSignificance } from './significance.ts';
import { SignificancePage } from './views/SignificancePage.tsx';

type NumberRequest = FastifyRequest<{ Params: { number: string } }>;
const field = (req: FastifyRequest, k: string) => String((req.body as Record<string, unknown> | undefined)?.[k] ?? '');

/** /handlaggning/arenden/:number/betydelse: change a case's significance after registration. */
export const significanceRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; tokenSecret: Buffer }> = async (app, deps) => {
  staffArea(app);

  async function load(req: NumberRequest) {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    if (!mayChangeSignificance(actor, detail.policy)) throw notFound('Sidan');
    return { actor, detail };
  }

  app.get('/handlaggning/arenden/:number/betydelse', async (req: NumberRequest, reply) => {
    const { detail } = await load(req);
    const c = detail.case;
    return sendPage(reply, <SignificancePage {...frame(req, reply)} number={c.number} version={c.version} value={c.significance ?? ''} />);
  });

  app.post('/handlaggning/arenden/:number/betydelse', async (req: NumberRequest, reply) => {
    const { actor, detail } = await load(req);
    const c = detail.case;
    const value = field(req, 'significance');
    const version = /^\d+$/.test(field(req, 'version')) ? Number(field(req, 'version')) : undefined;
    try {
      await changeSignificance(deps.db, actor, c.number, value, version, deps.clock.now());
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === 'invalid') return sendPage(reply, <SignificancePage {...frame(req, reply)} number={c.number} version={c.version} value={value} errors={err.details} />, 400);
      if (err.code === 'conflict') return sendPage(reply, <ConflictPage {...frame(req, reply)} number={c.number} message={err.message} what={req.i18n.t('retention.routes.changeSignificance')} input={[[req.i18n.t('retention.routes.significance'), value]]} />, 409);
      throw err;
    }
    return reply.code(303).header('location', `/handlaggning/arenden/${c.number}?klart=betydelse`).send();
  });
};
