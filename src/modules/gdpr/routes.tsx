import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { field, recordsArea, refusal, UUID } from '../retention/area.ts';
import { closeReview, listRequests, loadReview, openErasureReview, OpenReviewExists, pseudonymiseForReview } from './erasure.ts';
import { markHandedOut, registerExtract } from './extract.ts';
import { IDENTIFIER_KINDS, parseIdentifier } from './identifier.ts';
import { renderExtractPdf } from './pdf.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { GdprPage } from './views/GdprPage.tsx';
import { ReviewPage } from './views/ReviewPage.tsx';
import { RecordsSettingsPage, type SettingsInput } from './views/SettingsPage.tsx';

const NOTICES: Record<string, StaffKey> = {
  pseudonymiserad: 'gdpr.notice.pseudonymised',
  granskad: 'gdpr.notice.reviewed',
  finns: 'gdpr.notice.alreadyOpen',
  utlamnat: 'gdpr.notice.handedOut',
  sparad: 'gdpr.notice.saved',
};

/** GDPR requests and the records settings, under /admin/arkiv, for the records officer. */
export const gdprRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const { actorOf, frame } = recordsArea(app);
  const notice = (req: FastifyRequest) => {
    const key = NOTICES[(req.query as Record<string, string>).klart ?? ''];
    return key && req.i18n.t(key);
  };

  async function page(req: FastifyRequest, reply: FastifyReply, input = { kind: '', value: '', what: '' }, errors?: FieldErrors, status = 200) {
    const requests = await listRequests(db, actorOf(req).organizationId);
    return sendPage(reply, <GdprPage {...frame(req, reply, '/admin/arkiv/registerutdrag')} requests={requests} input={input} errors={errors} notice={notice(req)} />, status);
  }

  app.get('/admin/arkiv/registerutdrag', (req, reply) => page(req, reply));

  // A POST, never a GET: the person's e-mail, phone or personnummer stays out of addresses and logs.
  app.post('/admin/arkiv/registerutdrag', async (req, reply) => {
    const actor = actorOf(req);
    const input = { kind: field(req, 'kind'), value: field(req, 'value'), what: field(req, 'what') };
    const errors: FieldErrors = {};
    const id = parseIdentifier(input.kind, input.value);
    if ('error' in id) errors[(IDENTIFIER_KINDS as readonly string[]).includes(input.kind) ? 'value' : 'kind'] = id.error;
    if (input.what !== 'extract' && input.what !== 'erasure') errors.what = req.i18n.t('gdpr.requests.whatError');
    if (Object.keys(errors).length || 'error' in id) return page(req, reply, input, errors, 400);
    const now = clock.now();
    if (input.what === 'erasure') {
      try {
        const reviewId = await openErasureReview(db, actor, actor.organizationId, id, now);
        return reply.code(303).header('location', `/admin/arkiv/registerutdrag/granskning/${reviewId}`).send();
      } catch (err) {
        // The same person's request again: no second review, the open one is where to go on.
        if (err instanceof OpenReviewExists) return reply.code(303).header('location', `/admin/arkiv/registerutdrag/granskning/${err.reviewId}?klart=finns`).send();
        throw err;
      }
    }
    const extract = await registerExtract(db, actor, { id: actor.organizationId, name: req.org.name }, id, 'admin', now);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="registerutdrag-${swedishDate(now)}.pdf"`)
      .header('cache-control', 'no-store')
      .send(await renderExtractPdf(extract));
  });

  app.post<{ Params: { id: string } }>('/admin/arkiv/registerutdrag/:id/utlamnat', async (req, reply) => {
    if (!UUID.test(req.params.id)) throw notFound('Registerutdraget');
    try {
      await markHandedOut(db, actorOf(req), actorOf(req).organizationId, req.params.id, clock.now());
    } catch (err) {
      const { errors, status } = refusal(err, 'kind');
      return page(req, reply, undefined, errors, status);
    }
    return reply.code(303).header('location', '/admin/arkiv/registerutdrag?klart=utlamnat').send();
  });

  async function reviewPage(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, extra: { note?: string; decision?: string; errors?: FieldErrors } = {}, status = 200) {
    if (!UUID.test(req.params.id)) throw notFound('Granskningen');
    const data = await loadReview(db, actorOf(req).organizationId, req.params.id, swedishDate(clock.now()));
    return sendPage(reply, <ReviewPage {...frame(req, reply, '/admin/arkiv/registerutdrag')} data={data} note={extra.note ?? ''} decision={extra.decision} errors={extra.errors} notice={notice(req)} />, status);
  }

  app.get<{ Params: { id: string } }>('/admin/arkiv/registerutdrag/granskning/:id', (req, reply) => reviewPage(req, reply));

  app.post<{ Params: { id: string } }>('/admin/arkiv/registerutdrag/granskning/:id', async (req, reply) => {
    if (!UUID.test(req.params.id)) throw notFound('Granskningen');
    const note = field(req, 'note');
    try {
      await closeReview(db, actorOf(req), actorOf(req).organizationId, req.params.id, note, clock.now());
    } catch (err) {
      const { errors, status } = refusal(err, 'note');
      return reviewPage(req, reply, { note, errors }, status);
    }
    return reply.code(303).header('location', `/admin/arkiv/registerutdrag/granskning/${req.params.id}?klart=granskad`).send();
  });

  app.post<{ Params: { id: string } }>('/admin/arkiv/registerutdrag/granskning/:id/pseudonymisera', async (req, reply) => {
    if (!UUID.test(req.params.id)) throw notFound('Granskningen');
    const decision = field(req, 'decision');
    try {
      await pseudonymiseForReview(db, actorOf(req), actorOf(req).organizationId, req.params.id, decision, clock.now());
    } catch (err) {
      const { errors, status } = refusal(err, 'decision');
      return reviewPage(req, reply, { decision, errors }, status);
    }
    return reply.code(303).header('location', `/admin/arkiv/registerutdrag/granskning/${req.params.id}?klart=pseudonymiserad`).send();
  });

  // ─────────────── settings

  app.get('/admin/arkiv/installningar', async (req, reply) => {
    const s = await loadSettings(db, actorOf(req).organizationId);
    const input: SettingsInput = { pseudonymiseOnRequest: s.pseudonymise_on_request, months: s.pseudonymise_after_months?.toString() ?? '', archiveName: s.archive_name ?? '' };
    return sendPage(reply, <RecordsSettingsPage {...frame(req, reply, '/admin/arkiv/installningar')} input={input} notice={notice(req)} />);
  });

  app.post('/admin/arkiv/installningar', async (req, reply) => {
    const input: SettingsInput = { pseudonymiseOnRequest: ['ja', 'on'].includes(field(req, 'pseudonymiseOnRequest')), months: field(req, 'months').trim(), archiveName: field(req, 'archiveName').trim() };
    try {
      await saveSettings(db, actorOf(req), actorOf(req).organizationId, input, clock.now());
    } catch (err) {
      const { errors, status } = refusal(err, 'months');
      return sendPage(reply, <RecordsSettingsPage {...frame(req, reply, '/admin/arkiv/installningar')} input={input} errors={errors} />, status);
    }
    return reply.code(303).header('location', '/admin/arkiv/installningar?klart=sparad').send();
  });
};
