import type { FastifyPluginAsync } from 'fastify';
import { DomainError, notFound } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Organization } from '../../db/schema.ts';
import { cachedForOrg } from '../../platform/orgCache.ts';
import { listActiveForvaltningar } from '../organizations/queries.ts';
import { hashStatusToken } from '../cases/statusToken.ts';
import { newFormId, submitCase, type IntakeDeps } from './commands.ts';
import { findCaseForSubmitter } from './queries.ts';
import { LOST_FILES, readMultipartForm, type UploadedFile } from './attachments.ts';
import { emptySubmissionInput, readSubmissionInput, validateSubmission } from './validation.ts';
import { FormPage } from './views/FormPage.tsx';
import { ReceiptPage } from './views/ReceiptPage.tsx';
import { StartPage } from './views/StartPage.tsx';
import { StatusPage } from './views/StatusPage.tsx';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const emptyInput = () => emptySubmissionInput(newFormId());

export const intakeRoutes: FastifyPluginAsync<IntakeDeps> = async (app, deps) => {
  const forvaltningarOf = (org: Organization) => cachedForOrg(org, 'forvaltningar', () => listActiveForvaltningar(deps.db, org.id));

  app.get('/', async (req, reply) => sendPage(reply, <StartPage org={req.org} />));

  app.get('/synpunkt', async (req, reply) => {
    const units = await forvaltningarOf(req.org);
    return sendPage(reply, <FormPage org={req.org} units={units} input={emptyInput()} />);
  });

  app.post('/synpunkt', async (req, reply) => {
    const type = req.headers['content-type'] ?? '';
    const multipart = type.startsWith('multipart/form-data') && req.isMultipart();
    if (!multipart && !type.startsWith('application/x-www-form-urlencoded')) {
      throw new DomainError('unsupported_media_type', 'Synpunkten ska skickas med formuläret på sidan. Gå tillbaka till formuläret och försök igen.');
    }
    const org = req.org;
    // Without files the urlencoded body is already parsed; with them every part is read here.
    const form = multipart ? await readMultipartForm(req) : { fields: req.body, files: [] as UploadedFile[], fileError: null };
    const units = await forvaltningarOf(org);
    const read = readSubmissionInput(form.fields);
    const result = validateSubmission(read, new Set(units.map((u) => u.id)));
    if (!result.ok || form.fileError) {
      const errors = result.ok ? {} : result.errors;
      // A browser cannot refill a file input, so chosen files are lost with the page.
      if (form.fileError) errors.attachments = form.fileError;
      else if (form.files.length > 0) errors.attachments = `Du hade valt ${form.files.length === 1 ? 'en fil' : `${form.files.length} filer`}. ${LOST_FILES}`;
      const input = { ...read.input, formId: read.input.formId || newFormId() };
      return sendPage(reply, <FormPage org={org} units={units} input={input} errors={errors} />, 400);
    }
    const { token } = await submitCase(deps, org, result.value, read.input.formId, form.files);
    return reply.code(303).header('location', `/synpunkt/kvitto/${token}`).send();
  });

  app.get<{ Params: { token: string } }>('/synpunkt/kvitto/:token', async (req, reply) => {
    const c = await loadByToken(req.params.token, req.org.id);
    const statusUrl = `${publicOrigin(req)}/arende/${req.params.token}`;
    return sendPage(reply, <ReceiptPage org={req.org} number={c.number} statusUrl={statusUrl} anonymous={c.anonymous} />);
  });

  app.get<{ Params: { token: string } }>('/arende/:token', async (req, reply) => {
    const c = await loadByToken(req.params.token, req.org.id);
    return sendPage(reply, <StatusPage org={req.org} c={c} />);
  });

  async function loadByToken(token: string, organizationId: string) {
    if (!TOKEN.test(token)) throw notFound('Ärendet');
    const c = await findCaseForSubmitter(deps.db, organizationId, hashStatusToken(token));
    if (!c) throw notFound('Ärendet');
    return c;
  }
};

function publicOrigin(req: { protocol: string; host: string; basePath: string }): string {
  // The organization's own base path (/o/<slug>) is part of every absolute link.
  return `${req.protocol}://${req.host}${req.basePath}`;
}
