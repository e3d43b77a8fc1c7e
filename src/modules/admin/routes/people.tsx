import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import { sendPage } from '../../../platform/views/render.ts';
import { absoluteUrl } from '../../../platform/tenant.ts';
import * as cmd from '../commands/people.ts';
import { canManageOrganizationSettings, canManagePerson, canManageWithin, canSeePerson, grantableRoles } from '../policy.ts';
import { InvitationSentPage } from '../views/OrganizationsPages.tsx';
import { InvitePage, PeoplePage, PersonPage } from '../views/PeoplePages.tsx';
import * as q from '../queries.ts';
import { attempt, field, noticeFrom, see, type AdminKit } from './kit.ts';

/** Admin pages: people. */
export function peopleRoutes(app: FastifyInstance, k: AdminKit) {
  const { db, deps, scopeOf, ctx, page, requireScope, unitScope } = k;

  /** Units an admin may grant roles on, in tree order. */
  async function grantUnits(req: FastifyRequest) {
    const s = scopeOf(req);
    const units = await q.listUnits(db, req.org.id);
    return units.filter((u) => u.active && canManageWithin(s, u.ancestor_ids));
  }

  app.get('/admin/personer', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const people = await q.listPeople(db, req.org.id, s);
    return sendPage(reply, <PeoplePage {...page(req, reply, '/admin/personer')} people={people} notice={noticeFrom(req)} />);
  });

  app.get('/admin/personer/ny', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    return sendPage(reply, <InvitePage {...page(req, reply, '/admin/personer')} units={await grantUnits(req)} roles={grantableRoles(s)} orgWide={s.organization} values={{ name: '', email: '', role: '', unitId: '' }} />);
  });

  app.post('/admin/personer/ny', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const values = { name: field(req.body, 'name'), email: field(req.body, 'email'), role: field(req.body, 'role'), unitId: field(req.body, 'unitId') };
    const r = await attempt(() => cmd.invitePerson(deps, ctx(req), { ...values, linkBase: absoluteUrl(req, '/inbjudan/') }));
    if (!r.ok) return sendPage(reply, <InvitePage {...page(req, reply, '/admin/personer')} units={await grantUnits(req)} roles={grantableRoles(s)} orgWide={s.organization} values={values} errors={r.errors} />, 400);
    const inv = r.value.invitation;
    return sendPage(
      reply,
      <InvitationSentPage
        {...page(req, reply, '/admin/personer')}
        heading={req.i18n.t('admin.personInvited.heading', { name: values.name.trim() })}
        who={`${values.name.trim()} (${values.email.trim().toLowerCase()})`}
        link={inv.link}
        subject={inv.subject}
        body={inv.body}
        expiresAt={inv.expiresAt}
        back={{ href: `/admin/personer/${r.value.userId}`, label: req.i18n.t('admin.personInvited.back', { name: values.name.trim() }) }}
      />,
    );
  });

  async function personPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldErrors; values?: Partial<{ name: string; email: string; role: string; unitId: string }> } = {}, status = 200) {
    const s = scopeOf(req);
    const person = await q.findPerson(db, req.org.id, id);
    const paths = person?.grants.map((g) => (g.org_unit_id ? g.ancestor_ids! : null)) ?? [];
    if (!person || !canSeePerson(s, paths)) throw notFound('Personen');
    const units = await q.listUnits(db, req.org.id);
    return sendPage(
      reply,
      <PersonPage
        {...page(req, reply, '/admin/personer')}
        person={person}
        permissions={q.effectivePermissions(person.grants, units)}
        units={units.filter((u) => u.active && canManageWithin(s, u.ancestor_ids))}
        roles={person.user.id === req.actor!.id && !s.organization ? [] : grantableRoles(s)}
        orgWide={s.organization}
        canManage={canManagePerson(s, paths)}
        canResetTotp={canManageOrganizationSettings(s)}
        isSelf={person.user.id === req.actor!.id}
        values={{ name: person.user.name, email: person.user.email, role: '', unitId: '', ...extra.values }}
        errors={extra.errors}
        notice={noticeFrom(req)}
      />,
      status,
    );
  }

  app.get<{ Params: { id: string } }>('/admin/personer/:id', async (req, reply) => personPage(req, reply, req.params.id));

  app.post<{ Params: { id: string } }>('/admin/personer/:id', async (req, reply) => {
    const values = { name: field(req.body, 'name'), email: field(req.body, 'email') };
    const r = await attempt(() => cmd.updatePerson(deps, ctx(req), req.params.id, values));
    if (!r.ok) return personPage(req, reply, req.params.id, { errors: r.errors, values }, 400);
    return see(reply, `/admin/personer/${req.params.id}`, 'sparad');
  });

  app.post<{ Params: { id: string } }>('/admin/personer/:id/roller', async (req, reply) => {
    const values = { role: field(req.body, 'role'), unitId: field(req.body, 'unitId') };
    const r = await attempt(() => cmd.addGrant(deps, ctx(req), req.params.id, values));
    if (!r.ok) return personPage(req, reply, req.params.id, { errors: r.errors, values }, 400);
    return see(reply, `/admin/personer/${req.params.id}`, 'roll');
  });

  app.post<{ Params: { id: string; grantId: string } }>('/admin/personer/:id/roller/:grantId/ta-bort', async (req, reply) => {
    const r = await attempt(() => cmd.removeGrant(deps, ctx(req), req.params.id, req.params.grantId));
    if (!r.ok) return personPage(req, reply, req.params.id, { errors: r.errors }, 400);
    return see(reply, `/admin/personer/${req.params.id}`, 'roll');
  });

  for (const [path, active] of [
    ['avaktivera', false],
    ['aktivera', true],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/admin/personer/:id/${path}`, async (req, reply) => {
      const r = await attempt(() => cmd.setPersonActive(deps, ctx(req), req.params.id, active));
      if (!r.ok) return personPage(req, reply, req.params.id, { errors: r.errors }, 400);
      return see(reply, `/admin/personer/${req.params.id}`, active ? 'aktiverad' : 'avaktiverad');
    });
  }

  app.post<{ Params: { id: string } }>('/admin/personer/:id/ny-inbjudan', async (req, reply) => {
    const r = await attempt(() => cmd.reinvitePerson(deps, ctx(req), req.params.id, absoluteUrl(req, '/inbjudan/')));
    if (!r.ok) return personPage(req, reply, req.params.id, { errors: r.errors }, 400);
    const person = (await q.findPerson(db, req.org.id, req.params.id))!;
    return sendPage(
      reply,
      <InvitationSentPage
        {...page(req, reply, '/admin/personer')}
        heading={`Ny inbjudan till ${person.user.name}`}
        who={`${person.user.name} (${person.user.email})`}
        link={r.value.link}
        subject={r.value.subject}
        body={r.value.body}
        expiresAt={r.value.expiresAt}
        back={{ href: `/admin/personer/${person.user.id}`, label: `Till ${person.user.name}` }}
      />,
    );
  });

  app.post<{ Params: { id: string } }>('/admin/personer/:id/nollstall-tvasteg', async (req, reply) => {
    const r = await attempt(() => cmd.resetSecondFactor(deps, ctx(req), req.params.id));
    if (!r.ok) return personPage(req, reply, req.params.id, { errors: r.errors }, 400);
    return see(reply, `/admin/personer/${req.params.id}`, 'nollstalld');
  });
}
