import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { isLanguage, translator } from '../../platform/i18n/catalogue.ts';
import { citizenArea, useCitizenLanguage } from '../../platform/i18n/plugin.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Organization } from '../../db/schema.ts';
import { cachedForOrg } from '../../platform/orgCache.ts';
import { listActiveForvaltningar } from '../organizations/queries.ts';
import { hashStatusToken, STATUS_TOKEN } from '../cases/statusToken.ts';
import { KINDS } from '../cases/labels.ts';
import { newFormId, submitCase, type IntakeDeps } from './commands.ts';
import { findCaseForSubmitter } from './queries.ts';
import { statusLink } from '../notifications/outbox.ts';
import { MAX_REPLY, replyToQuestion } from '../cases/submitterQuestion.ts';
import { fileErrorText, readMultipartForm, type FileProblem, type UploadedFile } from './attachments.ts';
import { emptySubmissionInput, nulOutsideText, publicationOptOut, readSubmissionInput, validateSubmission } from './validation.ts';
import { nulRefused } from '../../platform/inputGuards.ts';
import { FormPage } from './views/FormPage.tsx';
import type { SpamGuard, SpamRefusal } from '../spam/guard.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { ReceiptPage } from './views/ReceiptPage.tsx';
import { StartPage } from './views/StartPage.tsx';
import { StatusPage } from './views/StatusPage.tsx';
import { absoluteUrl } from '../../platform/tenant.ts';

const TOKEN = new RegExp(`^${STATUS_TOKEN}$`);

const emptyInput = () => emptySubmissionInput(newFormId());

export const intakeRoutes: FastifyPluginAsync<IntakeDeps & { spam: SpamGuard }> = async (app, deps) => {
  citizenArea(app);
  const started = (org: Organization) => deps.spam.started(org.id, deps.clock.now());
  const forvaltningarOf = (org: Organization) => cachedForOrg(org, 'forvaltningar', () => listActiveForvaltningar(deps.db, org.id));

  app.get('/', async (req, reply) => sendPage(reply, <StartPage org={req.org} />));

  // ?typ=klagomal presets the kind (the accessibility statement's "report a problem" link); anything else is ignored.
  app.get<{ Querystring: { typ?: string } }>('/synpunkt', async (req, reply) => {
    const units = await forvaltningarOf(req.org);
    const kind = KINDS.find((k) => k === req.query.typ) ?? '';
    return sendPage(reply, <FormPage org={req.org} units={units} input={{ ...emptyInput(), kind }} started={started(req.org)} />);
  });

  app.post('/synpunkt', { config: { nulInBodyHandled: true } }, async (req, reply) => {
    const type = req.headers['content-type'] ?? '';
    const multipart = type.startsWith('multipart/form-data') && req.isMultipart();
    if (!multipart && !type.startsWith('application/x-www-form-urlencoded')) {
      throw DomainError.citizen('unsupported_media_type', 'error.form.mediaType');
    }
    const org = req.org;
    // Without files the urlencoded body is already parsed; with them every part is read here.
    const form = multipart ? await readMultipartForm(req) : { fields: req.body, files: [] as UploadedFile[], fileProblems: [] as FileProblem[] };
    if (nulOutsideText(form.fields)) throw nulRefused();
    // The form says which language it was filled in: the page answers in it.
    const posted = (form.fields as Record<string, unknown> | undefined)?.lang;
    if (isLanguage(posted)) req.i18n = translator(posted);
    const i18n = req.i18n;
    // The language of our messages is the submitter's choice on the form; the page's until they choose.
    const chosen = (form.fields as Record<string, unknown> | undefined)?.replyLanguage;
    const replyLanguage = isLanguage(chosen) ? chosen : i18n.code;
    const units = await forvaltningarOf(org);
    const read = readSubmissionInput(form.fields);
    const optOut = publicationOptOut(form.fields);
    const fields = (form.fields ?? {}) as Record<string, unknown>;
    const now = deps.clock.now();
    // Refused: the same form again, everything written kept, with what to do in the reader's language.
    const refuse = (r: SpamRefusal) => {
      if (r.retryAfterSeconds) reply.header('retry-after', String(r.retryAfterSeconds));
      const message = i18n.t(r.message, { minutes: Math.ceil((r.retryAfterSeconds ?? 60) / 60) });
      const input = { ...read.input, formId: read.input.formId || newFormId() };
      const errors: FieldErrors = { skicka: message };
      if (form.files.length > 0) errors.attachments = fileErrorText([{ key: 'attachments.hadChosen', values: { count: form.files.length } }], i18n);
      return sendPage(reply, <FormPage org={org} units={units} input={input} errors={errors} noPublish={optOut} replyLanguage={replyLanguage} started={started(org)} />, r.status);
    };
    const result = validateSubmission(read, new Set(units.map((u) => u.id)), i18n.t);
    if (!result.ok || form.fileProblems.length > 0) {
      const errors = result.ok ? {} : result.errors;
      // A browser cannot refill a file input, so chosen files are lost with the page.
      if (form.fileProblems.length > 0) errors.attachments = fileErrorText(form.fileProblems, i18n);
      else if (form.files.length > 0) errors.attachments = fileErrorText([{ key: 'attachments.hadChosen', values: { count: form.files.length } }], i18n);
      const input = { ...read.input, formId: read.input.formId || newFormId() };
      return sendPage(reply, <FormPage org={org} units={units} input={input} errors={errors} noPublish={optOut} replyLanguage={replyLanguage} started={started(org)} />, 400);
    }
    // Only what would be stored counts against the limits: a person correcting mistakes in the form is not held up by them.
    const limited = await deps.spam.rate(org.id, req.ip, now);
    if (limited) return refuse(limited);
    const spam = await deps.spam.check(org.id, fields, now);
    if (spam) return refuse(spam);
    const { token } = await submitCase(deps, org, { ...result.value, publicationOptOut: optOut }, read.input.formId, form.files, replyLanguage);
    return reply.code(303).header('location', `/synpunkt/kvitto/${token}`).send();
  });

  app.get<{ Params: { token: string } }>('/synpunkt/kvitto/:token', async (req, reply) => {
    const c = await loadByToken(req, reply, req.params.token);
    const statusUrl = absoluteUrl(req, `/arende/${req.params.token}`);
    return sendPage(reply, <ReceiptPage org={req.org} number={c.number} statusUrl={statusUrl} anonymous={c.anonymous} />);
  });

  app.get<{ Params: { token: string }; Querystring: { svarat?: string } }>('/arende/:token', async (req, reply) => {
    const c = await loadByToken(req, reply, req.params.token);
    return sendPage(reply, <StatusPage org={req.org} c={c} token={req.params.token} replied={req.query.svarat === 'ja'} />);
  });

  // The submitter replies to our question; the token in the address is their only credential.
  app.post<{ Params: { token: string } }>('/arende/:token/svar', async (req, reply) => {
    const c = await loadByToken(req, reply, req.params.token);
    const raw = (req.body as Record<string, unknown> | undefined)?.text;
    const text = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : '';
    const error = !text ? req.i18n.t('status.reply.empty') : text.length > MAX_REPLY ? req.i18n.t('status.reply.tooLong', { max: MAX_REPLY.toLocaleString(req.i18n.code) }) : undefined;
    if (error) return sendPage(reply, <StatusPage org={req.org} c={c} token={req.params.token} reply={{ value: typeof raw === 'string' ? raw : '', error }} />, 400);
    await replyToQuestion(deps, req.org, c.number, text);
    return reply.code(303).header('location', `/arende/${req.params.token}?svarat=ja`).send();
  });

  /** The submitter's case; its pages are in the submitter's language unless the reader chose another. */
  async function loadByToken(req: FastifyRequest, reply: FastifyReply, token: string) {
    if (!TOKEN.test(token)) throw DomainError.citizen('not_found', 'error.caseNotFound');
    const c = await findCaseForSubmitter(deps.db, req.org.id, hashStatusToken(token));
    if (!c) throw DomainError.citizen('not_found', 'error.caseNotFound');
    useCitizenLanguage(req, reply, c.language);
    // The link is right; the case was disposed of under the retention rules. Say that, and nothing of it.
    if (c.disposed_at) throw DomainError.citizen('gone', 'error.caseDisposed');
    // The same person may follow it there: the link they would have got by mail.
    const forwarded =
      c.forwarded_id && c.forwarded_number && c.forwarded_org && c.forwarded_slug
        ? { org: c.forwarded_org, number: c.forwarded_number, link: statusLink({ tokenSecret: deps.tokenSecret, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }, { slug: c.forwarded_slug, host_name: c.forwarded_host, is_default: c.forwarded_default ?? false }, c.forwarded_id) }
        : null;
    return { ...c, forwarded };
  }
};

