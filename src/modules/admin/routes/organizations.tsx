import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import { orgUrl } from '../../../platform/tenant.ts';
import { sendPage } from '../../../platform/views/render.ts';
import * as cmd from '../commands/organizations.ts';
import { canManageOrganizations } from '../policy.ts';
import { InvitationSentPage, OrganizationFormPage, OrganizationsPage, type OrgFormValues } from '../views/OrganizationsPages.tsx';
import * as q from '../queries.ts';
import { attempt, checked, field, noticeFrom, see, type AdminKit } from './kit.ts';

/** Admin pages: organizations (installation admin). */
export function organizationRoutes(app: FastifyInstance, k: AdminKit) {
  const { db, deps, scopeOf, ctx, page, requireScope } = k;

  app.get('/admin/organisationer', async (req, reply) => {
    requireScope(canManageOrganizations(scopeOf(req)));
    const orgs = await q.listOrganizations(db);
    return sendPage(reply, <OrganizationsPage {...page(req, reply, '/admin/organisationer')} orgs={orgs} notice={noticeFrom(req)} />);
  });

  const emptyOrg: OrgFormValues = { slug: '', name: '', kind: '', hostName: '', adminName: '', adminEmail: '', active: true };
  const orgValues = (b: unknown): OrgFormValues => ({ slug: field(b, 'slug'), name: field(b, 'name'), kind: field(b, 'kind'), hostName: field(b, 'hostName'), adminName: field(b, 'adminName'), adminEmail: field(b, 'adminEmail'), active: checked(b, 'active') });

  app.get('/admin/organisationer/ny', async (req, reply) => {
    requireScope(canManageOrganizations(scopeOf(req)));
    return sendPage(reply, <OrganizationFormPage {...page(req, reply, '/admin/organisationer')} values={emptyOrg} />);
  });

  app.post('/admin/organisationer/ny', async (req, reply) => {
    requireScope(canManageOrganizations(scopeOf(req)));
    const values = orgValues(req.body);
    const r = await attempt(() => cmd.createOrganization(deps, ctx(req), { ...values, invitationLinkBase: (slug) => orgUrl(req, { slug, host_name: null, is_default: false }, '/inbjudan/') }));
    if (!r.ok) return sendPage(reply, <OrganizationFormPage {...page(req, reply, '/admin/organisationer')} values={values} errors={r.errors} />, 400);
    const { org, invitation } = r.value;
    return sendPage(
      reply,
      <InvitationSentPage
        {...page(req, reply, '/admin/organisationer')}
        heading={req.i18n.t('admin.orgCreated.heading', { name: org.name })}
        who={req.i18n.t('admin.orgCreated.who', { name: values.adminName, email: values.adminEmail.trim().toLowerCase() })}
        link={invitation.link}
        subject={invitation.subject}
        body={invitation.body}
        expiresAt={invitation.expiresAt}
        back={{ href: '/admin/organisationer', label: req.i18n.t('admin.orgCreated.back') }}
      />,
    );
  });

  app.get<{ Params: { id: string } }>('/admin/organisationer/:id', async (req, reply) => {
    requireScope(canManageOrganizations(scopeOf(req)));
    const o = q.isUuid(req.params.id) ? await db.selectFrom('organizations').selectAll().where('id', '=', req.params.id).executeTakeFirst() : undefined;
    if (!o) throw notFound('Organisationen');
    const values = { ...emptyOrg, name: o.name, kind: o.kind, hostName: o.host_name ?? '', active: o.active };
    return sendPage(reply, <OrganizationFormPage {...page(req, reply, '/admin/organisationer')} values={values} existing={o} />);
  });

  app.post<{ Params: { id: string } }>('/admin/organisationer/:id', async (req, reply) => {
    requireScope(canManageOrganizations(scopeOf(req)));
    const o = q.isUuid(req.params.id) ? await db.selectFrom('organizations').selectAll().where('id', '=', req.params.id).executeTakeFirst() : undefined;
    if (!o) throw notFound('Organisationen');
    const values = orgValues(req.body);
    const r = await attempt(() => cmd.updateOrganization(deps, ctx(req), o.id, values));
    if (!r.ok) return sendPage(reply, <OrganizationFormPage {...page(req, reply, '/admin/organisationer')} values={values} existing={o} errors={r.errors} />, 400);
    return see(reply, '/admin/organisationer', 'sparad');
  });
}
