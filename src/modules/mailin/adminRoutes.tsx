import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { staffActor } from '../cases/staffRequest.ts';
import type { InstallationAddresses } from './addresses.ts';
import { inboundSettings } from './queries.ts';
import { addAddress, listAddresses, mayAdministerMail, removeAddress, saveSettings, validateAddress, validateSettings } from './settings.ts';
import { AdminMailPage } from './views/AdminMailPage.tsx';

type Body = { Body: Record<string, unknown> };
const field = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

const NOTICES: Record<string, StaffKey> = {
  tillagd: 'mailin.admin.notice.added',
  borttagen: 'mailin.admin.notice.removed',
  sparat: 'mailin.admin.notice.saved',
};

/** The organization admin's page for inbound mail: addresses and rules. */
export function mailAdminRoutes(app: FastifyInstance, deps: CaseDeps & { installation: InstallationAddresses }) {
  const admin = (req: FastifyRequest) => {
    const actor = staffActor(req);
    if (!mayAdministerMail(actor)) throw notFound('Sidan');
    return actor;
  };

  async function render(req: FastifyRequest, reply: FastifyReply, o: { status?: number; errors?: Record<string, string>; addressInput?: string; settings?: { newCaseAfterDays: string; senderHourlyLimit: string }; notice?: string } = {}) {
    const actor = admin(req);
    const [addresses, settings] = await Promise.all([listAddresses(deps.db, actor.organizationId), inboundSettings(deps.db, actor.organizationId)]);
    return sendPage(
      reply,
      <AdminMailPage
        orgName={req.org.name}
        actor={actor}
        csrf={reply.generateCsrf()}
        addresses={addresses}
        installationAddress={req.org.is_default ? deps.installation.replyTo : null}
        settings={o.settings ?? { newCaseAfterDays: String(settings.newCaseAfterDays), senderHourlyLimit: String(settings.senderHourlyLimit) }}
        errors={o.errors}
        addressInput={o.addressInput}
        notice={o.notice}
      />,
      o.status ?? 200,
    );
  }

  app.get<{ Querystring: { klart?: string } }>('/admin/e-post-in', async (req, reply) => {
    const notice = NOTICES[req.query.klart ?? ''];
    return render(req, reply, { notice: notice && req.i18n.t(notice) });
  });

  app.post<Body>('/admin/e-post-in/adresser', async (req, reply) => {
    const actor = admin(req);
    const input = field(req.body, 'address');
    const checked = validateAddress(input);
    if ('error' in checked) return render(req, reply, { status: 400, errors: { address: checked.error }, addressInput: input });
    try {
      await addAddress(deps, actor, checked.address);
    } catch (err) {
      if (err instanceof DomainError && err.details) return render(req, reply, { status: 400, errors: err.details, addressInput: input });
      throw err;
    }
    return reply.code(303).header('location', '/admin/e-post-in?klart=tillagd').send();
  });

  app.post<Body>('/admin/e-post-in/adresser/ta-bort', async (req, reply) => {
    const actor = admin(req);
    if (!(await removeAddress(deps, actor, field(req.body, 'address').trim().toLowerCase()))) throw notFound('Adressen');
    return reply.code(303).header('location', '/admin/e-post-in?klart=borttagen').send();
  });

  app.post<Body>('/admin/e-post-in/regler', async (req, reply) => {
    const actor = admin(req);
    const input = { newCaseAfterDays: field(req.body, 'newCaseAfterDays'), senderHourlyLimit: field(req.body, 'senderHourlyLimit') };
    const checked = validateSettings(input);
    if ('errors' in checked) return render(req, reply, { status: 400, errors: checked.errors, settings: input });
    await saveSettings(deps, actor, checked.value);
    return reply.code(303).header('location', '/admin/e-post-in?klart=sparat').send();
  });
}
