import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { field, recordsArea, refusal, UUID } from '../retention/area.ts';
import { buildPackage, rebuildPackage } from './build.ts';
import { confirmReceipt, listPackages } from './confirm.ts';
import type { PackageFile } from './premis.ts';
import { ArchivePage } from './views/ArchivePage.tsx';
import { zipPackage } from './write.ts';

/** /admin/arkiv/e-arkiv: build a delivery (downloaded as zip) and record the archive's receipt. */
async function sendZip(reply: FastifyReply, id: string, files: PackageFile[]) {
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="${id}.zip"`)
    .header('cache-control', 'no-store')
    .send(await zipPackage(id, files));
}

export const earchiveRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const { actorOf, frame } = recordsArea(app);

  async function page(req: FastifyRequest, reply: FastifyReply, extra: { year?: string; receipt?: { id: string; value: string }; errors?: FieldErrors; notice?: string; info?: string } = {}, status = 200) {
    const packages = await listPackages(db, actorOf(req).organizationId);
    const notice = extra.notice ?? ((req.query as Record<string, string>).klart === 'kvitterat' ? req.i18n.t('earchive.receipt.saved') : undefined);
    return sendPage(reply, <ArchivePage {...frame(req, reply, '/admin/arkiv/e-arkiv')} packages={packages} year={extra.year ?? ''} receipt={extra.receipt ?? null} errors={extra.errors} notice={notice} info={extra.info} />, status);
  }

  app.get('/admin/arkiv/e-arkiv', (req, reply) => page(req, reply));

  app.post('/admin/arkiv/e-arkiv', async (req, reply) => {
    const year = field(req, 'year').trim();
    const now = clock.now();
    const thisYear = Number(now.toISOString().slice(0, 4));
    if (!/^\d{4}$/.test(year) || Number(year) < 1990 || Number(year) > thisYear) return page(req, reply, { year, errors: { year: req.i18n.t('earchive.create.yearError', { thisYear: String(thisYear), example: String(thisYear - 5) }) } }, 400);
    const r = await buildPackage(db, actorOf(req), { id: actorOf(req).organizationId, name: req.org.name }, Number(year), now);
    if (r.kind === 'empty') {
      const { t } = req.i18n;
      const held = r.held.join(', ');
      const message = r.waiting.length
        ? [t('earchive.create.waiting', { year, ids: r.waiting.join(', ') }), ...(r.held.length ? [t('earchive.create.waitingHeld', { held })] : [])].join(' ')
        : r.held.length
          ? t('earchive.create.emptyHeld', { year, held })
          : t('earchive.create.empty', { year });
      return page(req, reply, { year, info: message });
    }
    return sendZip(reply, r.id, r.files);
  });

  // The same package again (its id, date and cases), for a download that was lost.
  app.post<{ Params: { id: string } }>('/admin/arkiv/e-arkiv/:id/ladda-ner', async (req, reply) => {
    if (!UUID.test(req.params.id)) throw notFound('Paketet');
    try {
      const r = await rebuildPackage(db, actorOf(req), { id: actorOf(req).organizationId, name: req.org.name }, req.params.id, clock.now());
      return await sendZip(reply, r.id, r.files);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'conflict') throw err;
      return page(req, reply, { errors: { package: err.message } }, 409);
    }
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
