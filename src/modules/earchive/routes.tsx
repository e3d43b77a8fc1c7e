import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { field, recordsArea, refusal, UUID } from '../retention/area.ts';
import { buildPackage } from './build.ts';
import { confirmReceipt, listPackages } from './confirm.ts';
import { ArchivePage } from './views/ArchivePage.tsx';
import { zipPackage } from './write.ts';


/** /admin/arkiv/e-arkiv: build a delivery (downloaded as zip) and record the archive's receipt. */
export const earchiveRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const { actorOf, frame } = recordsArea(app);

  async function page(req: FastifyRequest, reply: FastifyReply, extra: { year?: string; receipt?: { id: string; value: string }; errors?: FieldErrors; notice?: string } = {}, status = 200) {
    const packages = await listPackages(db, actorOf(req).organizationId);
    const notice = extra.notice ?? ((req.query as Record<string, string>).klart === 'kvitterat' ? req.i18n.t('earchive.receipt.saved') : undefined);
    return sendPage(reply, <ArchivePage {...frame(req, reply, '/admin/arkiv/e-arkiv')} packages={packages} year={extra.year ?? ''} receipt={extra.receipt ?? null} errors={extra.errors} notice={notice} />, status);
  }

  app.get('/admin/arkiv/e-arkiv', (req, reply) => page(req, reply));

  app.post('/admin/arkiv/e-arkiv', async (req, reply) => {
    const year = field(req, 'year').trim();
    const now = clock.now();
    const thisYear = Number(now.toISOString().slice(0, 4));
    if (!/^\d{4}$/.test(year) || Number(year) < 1990 || Number(year) > thisYear) return page(req, reply, { year, errors: { year: req.i18n.t('earchive.create.yearError', { thisYear: String(thisYear), example: String(thisYear - 5) }) } }, 400);
    const r = await buildPackage(db, actorOf(req), { id: actorOf(req).organizationId, name: req.org.name }, Number(year), now);
    if (r.kind === 'empty') {
      const message = r.held.length ? req.i18n.t('earchive.create.emptyHeld', { year, held: r.held.join(', ') }) : req.i18n.t('earchive.create.empty', { year });
      return page(req, reply, { year, notice: message });
    }
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${r.id}.zip"`)
      .header('cache-control', 'no-store')
      .send(await zipPackage(r.id, r.files));
  });

  app.post<{ Params: { id: string } }>('/admin/arkiv/e-arkiv/:id/kvittens', async (req, reply) => {
    if (!UUID.test(req.params.id)) throw notFound('Paketet');
    const value = field(req, 'receipt');
    try {
      await confirmReceipt(db, actorOf(req), actorOf(req).organizationId, req.params.id, value, clock.now());
    } catch (err) {
      const { errors, status } = refusal(err, 'receipt');
      return page(req, reply, { receipt: { id: req.params.id, value }, errors }, status);
    }
    return reply.code(303).header('location', '/admin/arkiv/e-arkiv?klart=kvitterat').send();
  });
};
