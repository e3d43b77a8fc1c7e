import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { answerCase, type CaseDeps } from '../cases/commands.ts';
import { loadCaseDetail, type CaseDetail } from '../cases/detailQueries.ts';
import { can, type Actor } from '../cases/policy.ts';
import { orgSettings } from '../organizations/settings.ts';
import { renderMessagePdf } from './messagePdf.ts';
import { casePath } from './paths.ts';
import { listAnswerTemplates, type AnswerTemplate } from './queries.ts';
import { fillTemplate, placeholderValues } from './templates.ts';
import { statusLink } from '../notifications/outbox.ts';
import { submitterI18n } from '../notifications/submitterMail.ts';
import { MESSAGE_CHANNELS, readAnswerInput, recipientFor, validateAnswer, type AnswerFormInput, type Reachability } from './validation.ts';
import { AnswerPage } from './views/AnswerPage.tsx';
import { sv } from '../../platform/i18n/catalogue.ts';
import { LostCasePage } from './views/LostCasePage.tsx';

const REASSIGNED = sv('answers.routes.reassigned');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = { number: string };

export const answersRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  staffArea(app);

  /** The case, if this user may answer it; otherwise it does not exist for them. */
  async function answerable(actor: Actor, number: string): Promise<CaseDetail> {
    const detail = await loadCaseDetail(deps.db, actor, number);
    if (!detail || !can(actor, 'answer', detail.policy)) throw notFound(sv('answers.routes.theCase'));
    return detail;
  }

  async function show(req: FastifyRequest, reply: FastifyReply, detail: CaseDetail, input: AnswerFormInput, extra: { errors?: FieldErrors; conflict?: string; selectedTemplate?: string; templates?: AnswerTemplate[] } = {}, status = 200) {
    const actor = req.actor!;
    const templates = extra.templates ?? (await listAnswerTemplates(deps.db, actor.organizationId, detail.case.kind, detail.policy.unitPath));
    const page = (
      <AnswerPage
        orgName={req.org.name}
        actor={actor}
        csrf={reply.generateCsrf()}
        detail={detail}
        templates={templates}
        selectedTemplate={extra.selectedTemplate}
        input={input}
        errors={extra.errors}
        conflict={extra.conflict}
        blocked={whyNotAnswerable(detail)}
      />
    );
    return sendPage(reply, page, status);
  }

  app.get<{ Params: Params; Querystring: { mall?: string } }>('/handlaggning/arenden/:number/svara', async (req, reply) => {
    const actor = req.actor!;
    const detail = await answerable(actor, req.params.number);
    const input = emptyInput(detail, deps.clock.now());
    const mall = typeof req.query.mall === 'string' ? req.query.mall : '';
    if (!mall) return show(req, reply, detail, input);

    const templates = await listAnswerTemplates(deps.db, actor.organizationId, detail.case.kind, detail.policy.unitPath);
    const template = UUID.test(mall) ? templates.find((t) => t.id === mall) : undefined;
    if (!template) return show(req, reply, detail, input, { templates, errors: { mall: req.i18n.t('answers.routes.templateGone') } });
    const forvaltning = detail.forvaltning?.name ?? detail.case.unit_name ?? req.org.name;
    const values = placeholderValues(detail.case, detail.contact?.name, actor.name, forvaltning);
    return show(req, reply, detail, { ...input, body: fillTemplate(template.body, values) }, { templates, selectedTemplate: template.id });
  });

  app.post<{ Params: Params }>('/handlaggning/arenden/:number/svara', async (req, reply) => {
    const actor = req.actor!;
    const input = readAnswerInput(req.body);
    const detail = await loadCaseDetail(deps.db, actor, req.params.number);
    // Only someone who may see the contact details gets the answer page back (a reader never does).
    if (detail && !can(actor, 'answer', detail.policy) && can(actor, 'view_contact', detail.policy)) {
      // Reassigned (or moved on) while this person wrote: nothing is sent, and their text stays on the page.
      return show(req, reply, detail, { ...input, version: String(detail.case.version) }, { conflict: REASSIGNED }, 409);
    }
    if (!detail || !can(actor, 'answer', detail.policy)) return sendPage(reply, <LostCasePage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} number={req.params.number} text={input.body} />, 404);
    const result = validateAnswer(input, reachOf(detail), detail.case, deps.clock.now());
    if (!result.ok) return show(req, reply, detail, input, { errors: result.errors }, 400);
    try {
      await answerCase(deps, { actor, number: detail.case.number, expectedVersion: result.value.version, message: result.value.message });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // Show the case as it is now, with the person's text kept, so nothing they wrote is lost.
      const current = await loadCaseDetail(deps.db, actor, detail.case.number);
      if (!current || err.code === 'not_found') throw err;
      if (err.code === 'conflict') {
        // Someone saved first (or the case moved on): say so, keep the text, and make sending again
        // a deliberate choice on the version now shown.
        return show(req, reply, current, { ...input, version: String(current.case.version) }, { conflict: err.message }, 409);
      }
      const errors: FieldErrors = {};
      for (const [key, message] of Object.entries(err.details ?? {})) if (key in input) errors[key] = message;
      return show(req, reply, current, input, { errors: Object.keys(errors).length ? errors : { body: err.message } }, 400);
    }
    return reply.code(303).header('location', `${casePath(detail.case.number)}?klart=besvarad`).send();
  });

  app.get<{ Params: Params & { messageId: string } }>('/handlaggning/arenden/:number/meddelanden/:messageId.pdf', async (req, reply) => {
    const actor = req.actor!;
    const detail = UUID.test(req.params.messageId) ? await loadCaseDetail(deps.db, actor, req.params.number) : undefined;
    // A letter holds the submitter's name, address and the answer: personal data, for the roles that see it.
    const message = detail && can(actor, 'view_contact', detail.policy) ? detail.messages.find((m) => m.id === req.params.messageId) : undefined;
    if (!detail || !message) throw notFound('Meddelandet');
    const settings = orgSettings(req.org);
    const pdf = await renderMessagePdf({
      // The letterhead set under /admin/texter, falling back to the organization's contact details.
      orgName: settings.letterhead?.senderName ?? req.org.name,
      unitName: detail.forvaltning?.name ?? null,
      postalAddress: settings.letterhead?.postalAddress ?? settings.postalAddress ?? null,
      contactPhone: settings.letterhead?.phone ?? settings.contactPhone ?? null,
      contactEmail: settings.letterhead?.email ?? settings.contactEmail ?? null,
      caseNumber: detail.case.number,
      channel: message.channel,
      date: message.occurred_on ?? swedishDate(message.created_at),
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      signer: message.author_name ?? req.org.name,
      // A letter goes to the submitter: framed in their language, with the way to their status page.
      language: detail.case.language,
      statusLink: statusLink({ tokenSecret: deps.tokenSecret, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }, req.org, detail.case.id),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${detail.case.number}-${message.channel === 'letter' ? 'brev' : 'meddelande'}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
};

function reachOf(detail: CaseDetail): Reachability {
  return { email: detail.contact?.email ?? null, phone: detail.contact?.phone ?? null, address: detail.contact?.address ?? null };
}

/** The submitter's own wish decides the channel offered first, when we have what it needs. */
function emptyInput(detail: CaseDetail, now: Date): AnswerFormInput {
  const reach = reachOf(detail);
  const wished = detail.contact?.reply_channel;
  const channel = MESSAGE_CHANNELS.find((ch) => ch === wished && recipientFor(ch, reach)) ?? MESSAGE_CHANNELS.find((ch) => recipientFor(ch, reach)) ?? '';
  // The subject, and for a submitter who wrote in another language the greeting and the closing, in their language.
  const i18n = submitterI18n(detail.case.language);
  const body = i18n.code === 'sv' ? '' : `${i18n.t('mail.answer.greeting', { name: detail.contact?.name ?? '' })}\n\n\n\n${i18n.t('mail.answer.closing')}`;
  return { channel, subject: i18n.t('mail.answer.subject', { number: i18n.ltr(detail.case.number) }), body, callDate: swedishDate(now), version: String(detail.case.version) };
}

/** Mirrors the lifecycle's guard, to explain instead of offering a form that cannot succeed. */
function whyNotAnswerable(detail: CaseDetail): string | undefined {
  if (detail.case.anonymous) return sv('answers.routes.anonymous');
  if (detail.contact?.reply_channel === 'none') return sv('answers.routes.noAnswerWanted');
  return undefined;
}
