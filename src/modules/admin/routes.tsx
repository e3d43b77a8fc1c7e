import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { absoluteUrl } from '../../platform/tenant.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { orgSettings } from '../organizations/settings.ts';
import * as cmd from './commands.ts';
import {
  adminScope,
  canChangeUnit,
  canCreateUnitUnder,
  canEnterAdmin,
  canManageOrganizations,
  canManageOrganizationSettings,
  canManagePerson,
  canManageSubcategories,
  canManageTemplate,
  canManageWithin,
  canSeePerson,
  grantableRoles,
  type AdminActor,
  type AdminScope,
} from './policy.ts';
import * as q from './queries.ts';
import type { AdminNavItem, AdminPageProps } from './views/AdminLayout.tsx';
import { CategoriesPage, CategoryPage } from './views/CategoriesPages.tsx';
import { LogPage } from './views/LogPage.tsx';
import { InvitationSentPage, OrganizationFormPage, OrganizationsPage, type OrgFormValues } from './views/OrganizationsPages.tsx';
import { OverviewPage } from './views/OverviewPage.tsx';
import { InvitePage, PeoplePage, PersonPage } from './views/PeoplePages.tsx';
import { LoginSettingsPage, TextsPage, type LoginSettingsValues } from './views/SettingsPages.tsx';
import { TemplateFormPage, TemplatesPage, type TemplateValues } from './views/TemplatesPages.tsx';
import { UnitPage, UnitsPage, type UnitPageData } from './views/UnitsPages.tsx';

type Body = Record<string, unknown>;
const field = (b: unknown, k: string): string => {
  const v = (b as Body | undefined)?.[k];
  return typeof v === 'string' ? v : '';
};
const checked = (b: unknown, k: string) => ['ja', 'on', 'true', '1'].includes(field(b, k));

/** After a change: the page again, with a short confirmation (post/redirect/get). */
const NOTICES: Record<string, string> = {
  sparad: 'Ändringarna är sparade.',
  skapad: 'Det nya är sparat.',
  flyttad: 'Enheten är flyttad, med allt under den.',
  avaktiverad: 'Avaktiverad. Historiken finns kvar.',
  aktiverad: 'Aktiverad.',
  borttagen: 'Borttagen.',
  roll: 'Rollen är ändrad.',
  nollstalld: 'Tvåstegsverifieringen är nollställd. Personen får aktivera den igen.',
};
const noticeFrom = (req: FastifyRequest) => NOTICES[(req.query as Record<string, string> | undefined)?.klart ?? ''];
const see = (reply: FastifyReply, location: string, notice?: keyof typeof NOTICES) => reply.code(303).header('location', notice ? `${location}?klart=${notice}` : location).send();

/** Runs a command; form errors come back as field errors, anything else goes to the error handler. */
async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'invalid' && err.details) return { ok: false, errors: err.details };
    throw err;
  }
}

// Other issues' admin pages: linked from here when they exist, never duplicated.
const OTHER_PAGES: { href: string; label: string }[] = [
  { href: '/admin/tidsfrister', label: 'Tidsfrister och stängda dagar' },
  { href: '/admin/e-postmallar', label: 'E-postmallar' },
  { href: '/admin/meddelandemallar', label: 'E-postmallar' },
  { href: '/admin/utkorg', label: 'Utkorg' },
  { href: '/admin/api-nycklar', label: 'API-nycklar' },
];

export const adminRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, opts) => {
  staffArea(app);
  const { db, clock } = opts;
  const deps: cmd.AdminDeps = { db, clock, sealer: await installationSealer(db) };

  const scopeOf = (req: FastifyRequest): AdminScope => adminScope(req.actor as AdminActor);
  const ctx = (req: FastifyRequest): cmd.AdminCtx => ({ actor: req.actor as AdminActor, org: req.org });

  // Not an administrator: the admin pages do not exist for them.
  app.addHook('preHandler', async (req) => {
    if (req.actor && !canEnterAdmin(scopeOf(req))) throw notFound('Sidan');
  });

  let others: AdminNavItem[] | undefined;
  const otherPages = (root: FastifyInstance) => (others ??= OTHER_PAGES.filter((p) => root.hasRoute({ method: 'GET', url: p.href })));

  function navFor(s: AdminScope): AdminNavItem[] {
    const units = s.allUnits || s.unitRoots.length > 0;
    const items: [string, string, boolean][] = [
      ['/admin', 'Översikt', true],
      ['/admin/organisationer', 'Organisationer', s.installation],
      ['/admin/enheter', 'Organisation och enheter', units],
      ['/admin/personer', 'Personer och roller', units],
      ['/admin/kategorier', 'Kategorier', units],
      ['/admin/svarsmallar', 'Svarsmallar', units],
      ['/admin/texter', 'Texter och brevhuvud', s.organization],
      ['/admin/inloggning', 'Inloggning', s.organization],
    ];
    const list = items.filter(([, , show]) => show).map(([href, label]) => ({ href, label }));
    if (s.organization) list.push(...otherPages(app));
    if (units || s.organization) list.push({ href: '/admin/logg', label: 'Ändringslogg' });
    return list;
  }

  const page = (req: FastifyRequest, reply: FastifyReply, current: string): AdminPageProps => ({ orgName: req.org.name, actor: req.actor as AdminActor, csrf: reply.generateCsrf(), nav: navFor(scopeOf(req)), current });
  const requireScope = (ok: boolean) => {
    if (!ok) throw notFound('Sidan');
  };
  const unitScope = (s: AdminScope) => s.allUnits || s.unitRoots.length > 0;

  app.get('/admin', async (req, reply) => sendPage(reply, <OverviewPage {...page(req, reply, '/admin')} />));

  // ─────────────── organizations (installation admin)

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
    const r = await attempt(() => cmd.createOrganization(deps, ctx(req), { ...values, invitationLinkBase: (slug) => `${req.protocol}://${req.host}/o/${slug}/inbjudan/` }));
    if (!r.ok) return sendPage(reply, <OrganizationFormPage {...page(req, reply, '/admin/organisationer')} values={values} errors={r.errors} />, 400);
    const { org, invitation } = r.value;
    return sendPage(
      reply,
      <InvitationSentPage
        {...page(req, reply, '/admin/organisationer')}
        heading={`${org.name} är skapad`}
        who={`${values.adminName} (${values.adminEmail.trim().toLowerCase()}), organisationens första administratör,`}
        link={invitation.link}
        subject={invitation.subject}
        body={invitation.body}
        expiresAt={invitation.expiresAt}
        back={{ href: '/admin/organisationer', label: 'Till organisationerna' }}
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

  // ─────────────── units

  app.get('/admin/enheter', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const units = await q.listUnits(db, req.org.id);
    return sendPage(reply, <UnitsPage {...page(req, reply, '/admin/enheter')} units={units} roots={s.allUnits ? undefined : s.unitRoots} canAddTop={canCreateUnitUnder(s, null)} notice={noticeFrom(req)} />);
  });

  async function unitPageData(req: FastifyRequest, id: string): Promise<UnitPageData> {
    const s = scopeOf(req);
    const units = await q.listUnits(db, req.org.id);
    const unit = units.find((u) => u.id === id);
    if (!unit || !canManageWithin(s, unit.ancestor_ids)) throw notFound('Enheten');
    const [count, people] = await Promise.all([
      db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', req.org.id)
        .where((eb) => eb.or([eb('unit_id', '=', unit.id), eb('suggested_unit_id', '=', unit.id)]))
        .executeTakeFirstOrThrow(),
      db.selectFrom('role_grants as g').innerJoin('users as u', 'u.id', 'g.user_id').select(['u.id', 'u.name', 'g.role', 'u.active']).where('g.org_unit_id', '=', unit.id).orderBy('u.name').execute(),
    ]);
    return {
      unit,
      parentName: units.find((u) => u.id === unit.parent_id)?.name ?? null,
      path: unit.ancestor_ids.map((pid) => ({ id: pid, name: units.find((u) => u.id === pid)?.name ?? '' })),
      children: units.filter((u) => u.parent_id === unit.id),
      caseCount: Number(count.n),
      people,
      moveTargets: units.filter((t) => t.active && t.id !== unit.parent_id && !t.ancestor_ids.includes(unit.id) && t.ancestor_ids.length < cmd.MAX_UNIT_DEPTH && canCreateUnitUnder(s, t.ancestor_ids)),
      canMoveToTop: canCreateUnitUnder(s, null) && unit.parent_id !== null,
      structural: canChangeUnit(s, unit.ancestor_ids),
    };
  }

  const unitValues = (u: UnitPageData['unit']) => ({ name: u.name, committee: u.committee ?? '', subcategoryRequired: u.subcategory_required, sortOrder: String(u.sort_order), childName: '', parentId: '' });

  app.get<{ Params: { id: string } }>('/admin/enheter/:id', async (req, reply) => {
    const data = await unitPageData(req, req.params.id);
    return sendPage(reply, <UnitPage {...page(req, reply, '/admin/enheter')} data={data} values={unitValues(data.unit)} notice={noticeFrom(req)} />);
  });

  app.post('/admin/enheter', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const parentId = field(req.body, 'parentId');
    const name = parentId ? field(req.body, 'childName') : field(req.body, 'name');
    const r = await attempt(() => cmd.createUnit(deps, ctx(req), { parentId, name, committee: field(req.body, 'committee'), subcategoryRequired: checked(req.body, 'subcategoryRequired') }));
    if (r.ok) return see(reply, `/admin/enheter/${r.value.id}`, 'skapad');
    if (parentId && q.isUuid(parentId)) {
      const data = await unitPageData(req, parentId);
      const errors = Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k === 'name' ? 'childName' : k, v]));
      return sendPage(reply, <UnitPage {...page(req, reply, '/admin/enheter')} data={data} values={{ ...unitValues(data.unit), childName: name }} errors={errors} />, 400);
    }
    const units = await q.listUnits(db, req.org.id);
    const values = { name, committee: field(req.body, 'committee'), subcategoryRequired: checked(req.body, 'subcategoryRequired') };
    return sendPage(reply, <UnitsPage {...page(req, reply, '/admin/enheter')} units={units} roots={s.allUnits ? undefined : s.unitRoots} canAddTop={canCreateUnitUnder(s, null)} values={values} errors={r.errors} />, 400);
  });

  async function unitFormError(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldErrors, values: Partial<ReturnType<typeof unitValues>> = {}) {
    const data = await unitPageData(req, id);
    return sendPage(reply, <UnitPage {...page(req, reply, '/admin/enheter')} data={data} values={{ ...unitValues(data.unit), ...values }} errors={errors} />, 400);
  }

  app.post<{ Params: { id: string } }>('/admin/enheter/:id', async (req, reply) => {
    const values = { name: field(req.body, 'name'), committee: field(req.body, 'committee'), subcategoryRequired: checked(req.body, 'subcategoryRequired'), sortOrder: field(req.body, 'sortOrder') };
    const r = await attempt(() => cmd.updateUnit(deps, ctx(req), req.params.id, values));
    if (!r.ok) return unitFormError(req, reply, req.params.id, r.errors, values);
    return see(reply, `/admin/enheter/${req.params.id}`, 'sparad');
  });

  app.post<{ Params: { id: string } }>('/admin/enheter/:id/flytta', async (req, reply) => {
    const parentId = field(req.body, 'parentId');
    const r = await attempt(() => cmd.moveUnit(deps, ctx(req), req.params.id, parentId));
    if (!r.ok) return unitFormError(req, reply, req.params.id, r.errors, { parentId });
    return see(reply, `/admin/enheter/${req.params.id}`, 'flyttad');
  });

  for (const [path, active] of [
    ['avaktivera', false],
    ['aktivera', true],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/admin/enheter/:id/${path}`, async (req, reply) => {
      const r = await attempt(() => cmd.setUnitActive(deps, ctx(req), req.params.id, active));
      if (!r.ok) return unitFormError(req, reply, req.params.id, r.errors);
      return see(reply, `/admin/enheter/${req.params.id}`, active ? 'aktiverad' : 'avaktiverad');
    });
  }

  app.post<{ Params: { id: string } }>('/admin/enheter/:id/ta-bort', async (req, reply) => {
    const r = await attempt(() => cmd.deleteUnit(deps, ctx(req), req.params.id));
    if (!r.ok) return unitFormError(req, reply, req.params.id, r.errors);
    return see(reply, '/admin/enheter', 'borttagen');
  });

  // ─────────────── people

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
        heading={`${values.name.trim()} är inbjuden`}
        who={`${values.name.trim()} (${values.email.trim().toLowerCase()})`}
        link={inv.link}
        subject={inv.subject}
        body={inv.body}
        expiresAt={inv.expiresAt}
        back={{ href: `/admin/personer/${r.value.userId}`, label: `Till ${values.name.trim()}` }}
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
        roles={grantableRoles(s)}
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

  // ─────────────── categories

  async function categoriesPage(req: FastifyRequest, reply: FastifyReply, extra: { errors?: FieldErrors; values?: { areaName: string; subName: string; forvaltningId: string } } = {}, status = 200) {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const [categories, forvaltningar] = await Promise.all([
      q.listCategories(db, req.org.id),
      db.selectFrom('org_units').select(['id', 'name', 'subcategory_required', 'active']).where('organization_id', '=', req.org.id).where('kind', '=', 'forvaltning').orderBy('sort_order').orderBy('name').execute(),
    ]);
    const mine = forvaltningar.filter((f) => canManageSubcategories(s, f.id));
    return sendPage(
      reply,
      <CategoriesPage
        {...page(req, reply, '/admin/kategorier')}
        categories={categories.filter((c) => c.level === 'area' || mine.some((f) => f.id === c.org_unit_id))}
        forvaltningar={mine}
        canManageAreas={canManageOrganizationSettings(s)}
        errors={extra.errors}
        values={extra.values}
        notice={noticeFrom(req)}
      />,
      status,
    );
  }

  app.get('/admin/kategorier', async (req, reply) => categoriesPage(req, reply));

  app.post('/admin/kategorier/omraden', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    const values = { areaName: field(req.body, 'areaName'), subName: '', forvaltningId: '' };
    const r = await attempt(() => cmd.createCategory(deps, ctx(req), { level: 'area', name: values.areaName, forvaltningId: '' }));
    if (!r.ok) return categoriesPage(req, reply, { errors: r.errors, values }, 400);
    return see(reply, '/admin/kategorier', 'skapad');
  });

  app.post('/admin/kategorier/underkategorier', async (req, reply) => {
    const values = { areaName: '', subName: field(req.body, 'subName'), forvaltningId: field(req.body, 'forvaltningId') };
    const r = await attempt(() => cmd.createCategory(deps, ctx(req), { level: 'subcategory', name: values.subName, forvaltningId: values.forvaltningId }));
    if (!r.ok) return categoriesPage(req, reply, { errors: r.errors, values }, 400);
    return see(reply, '/admin/kategorier', 'skapad');
  });

  app.post<{ Params: { unitId: string } }>('/admin/kategorier/krav/:unitId', async (req, reply) => {
    await cmd.setSubcategoryRequired(deps, ctx(req), req.params.unitId, field(req.body, 'required') === 'ja');
    return see(reply, '/admin/kategorier', 'sparad');
  });

  async function categoryRow(req: FastifyRequest, id: string) {
    const s = scopeOf(req);
    const cat = (await q.listCategories(db, req.org.id)).find((c) => c.id === id);
    if (!cat || !(cat.level === 'area' ? canManageOrganizationSettings(s) : canManageSubcategories(s, cat.org_unit_id!))) throw notFound('Kategorin');
    return cat;
  }

  app.get<{ Params: { id: string } }>('/admin/kategorier/:id', async (req, reply) => {
    const cat = await categoryRow(req, req.params.id);
    return sendPage(reply, <CategoryPage {...page(req, reply, '/admin/kategorier')} category={cat} value={cat.name} />);
  });

  app.post<{ Params: { id: string } }>('/admin/kategorier/:id', async (req, reply) => {
    const cat = await categoryRow(req, req.params.id);
    const name = field(req.body, 'name');
    const r = await attempt(() => cmd.renameCategory(deps, ctx(req), cat.id, name));
    if (!r.ok) return sendPage(reply, <CategoryPage {...page(req, reply, '/admin/kategorier')} category={cat} value={name} errors={r.errors} />, 400);
    return see(reply, '/admin/kategorier', 'sparad');
  });

  for (const [path, active] of [
    ['avaktivera', false],
    ['aktivera', true],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/admin/kategorier/:id/${path}`, async (req, reply) => {
      const r = await attempt(() => cmd.setCategoryActive(deps, ctx(req), req.params.id, active));
      if (!r.ok) return categoriesPage(req, reply, { errors: r.errors }, 400);
      return see(reply, '/admin/kategorier', active ? 'aktiverad' : 'avaktiverad');
    });
  }

  app.post<{ Params: { id: string } }>('/admin/kategorier/:id/flytta', async (req, reply) => {
    await cmd.moveCategory(deps, ctx(req), req.params.id, field(req.body, 'riktning') === 'upp' ? 'up' : 'down');
    return see(reply, '/admin/kategorier', 'sparad');
  });

  // ─────────────── response templates

  async function templateForvaltningar(req: FastifyRequest) {
    const s = scopeOf(req);
    const rows = await db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', req.org.id).where('kind', '=', 'forvaltning').where('active', '=', true).orderBy('sort_order').orderBy('name').execute();
    return rows.filter((f) => canManageTemplate(s, f.id));
  }

  app.get('/admin/svarsmallar', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const templates = await q.listTemplates(db, req.org.id, s);
    return sendPage(reply, <TemplatesPage {...page(req, reply, '/admin/svarsmallar')} templates={templates} notice={noticeFrom(req)} />);
  });

  const templateValues = (b: unknown): TemplateValues => ({ title: field(b, 'title'), body: field(b, 'body'), kind: field(b, 'kind'), purpose: field(b, 'purpose') || 'answer', forvaltningId: field(b, 'forvaltningId') });

  app.get('/admin/svarsmallar/ny', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const values: TemplateValues = { title: '', body: 'Hej {namn}!\n\n\n\nMed vänliga hälsningar\n{handlaggare}\n{forvaltning}', kind: '', purpose: 'answer', forvaltningId: '' };
    return sendPage(reply, <TemplateFormPage {...page(req, reply, '/admin/svarsmallar')} values={values} forvaltningar={await templateForvaltningar(req)} orgWide={s.organization} />);
  });

  app.post('/admin/svarsmallar/ny', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(unitScope(s));
    const values = templateValues(req.body);
    const r = await attempt(() => cmd.createTemplate(deps, ctx(req), values));
    if (!r.ok) return sendPage(reply, <TemplateFormPage {...page(req, reply, '/admin/svarsmallar')} values={values} forvaltningar={await templateForvaltningar(req)} orgWide={s.organization} errors={r.errors} />, 400);
    return see(reply, '/admin/svarsmallar', 'skapad');
  });

  async function templateFor(req: FastifyRequest, id: string) {
    const t = await q.findTemplate(db, req.org.id, id);
    if (!t || !canManageTemplate(scopeOf(req), t.org_unit_id)) throw notFound('Mallen');
    return t;
  }

  app.get<{ Params: { id: string } }>('/admin/svarsmallar/:id', async (req, reply) => {
    const t = await templateFor(req, req.params.id);
    const values: TemplateValues = { title: t.title, body: t.body, kind: t.kind ?? '', purpose: t.purpose, forvaltningId: t.org_unit_id ?? '' };
    return sendPage(reply, <TemplateFormPage {...page(req, reply, '/admin/svarsmallar')} id={t.id} values={values} forvaltningar={await templateForvaltningar(req)} orgWide={scopeOf(req).organization} notice={noticeFrom(req)} />);
  });

  app.post<{ Params: { id: string } }>('/admin/svarsmallar/:id', async (req, reply) => {
    const t = await templateFor(req, req.params.id);
    const values = templateValues(req.body);
    const r = await attempt(() => cmd.updateTemplate(deps, ctx(req), t.id, values));
    if (!r.ok) return sendPage(reply, <TemplateFormPage {...page(req, reply, '/admin/svarsmallar')} id={t.id} values={values} forvaltningar={await templateForvaltningar(req)} orgWide={scopeOf(req).organization} errors={r.errors} />, 400);
    return see(reply, `/admin/svarsmallar/${t.id}`, 'sparad');
  });

  for (const [path, active] of [
    ['avaktivera', false],
    ['aktivera', true],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/admin/svarsmallar/:id/${path}`, async (req, reply) => {
      await cmd.setTemplateActive(deps, ctx(req), req.params.id, active);
      return see(reply, '/admin/svarsmallar', active ? 'aktiverad' : 'avaktiverad');
    });
  }

  // ─────────────── texts, letterhead and sign-in (organization admin)

  const settingsValues = (req: FastifyRequest): cmd.SettingsInput => {
    const s = orgSettings(req.org);
    const l = s.letterhead ?? {};
    return {
      startPageIntro: s.startPageIntro ?? '',
      startPageExtra: s.startPageExtra ?? '',
      faultReport: s.referralLinks?.faultReport ?? '',
      appeal: s.referralLinks?.appeal ?? '',
      deviation: s.referralLinks?.deviation ?? '',
      schoolHarassmentUrl: s.schoolHarassmentUrl ?? '',
      otherAuthorityText: s.otherAuthorityText ?? '',
      contactEmail: s.contactEmail ?? '',
      contactPhone: s.contactPhone ?? '',
      postalAddress: s.postalAddress ?? '',
      senderName: l.senderName ?? '',
      letterPostalAddress: l.postalAddress ?? '',
      letterPhone: l.phone ?? '',
      letterEmail: l.email ?? '',
      website: l.website ?? '',
      signature: l.signature ?? '',
    };
  };

  app.get('/admin/texter', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    return sendPage(reply, <TextsPage {...page(req, reply, '/admin/texter')} values={settingsValues(req)} notice={noticeFrom(req)} />);
  });

  app.post('/admin/texter', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    const values = Object.fromEntries(Object.keys(settingsValues(req)).map((k) => [k, field(req.body, k)])) as unknown as cmd.SettingsInput;
    const r = await attempt(() => cmd.updateSettings(deps, ctx(req), values));
    if (!r.ok) return sendPage(reply, <TextsPage {...page(req, reply, '/admin/texter')} values={values} errors={r.errors} />, 400);
    return see(reply, '/admin/texter', 'sparad');
  });

  async function loginPage(req: FastifyRequest, reply: FastifyReply, extra: { values?: LoginSettingsValues; errors?: FieldErrors } = {}, status = 200) {
    const row = await db.selectFrom('organization_sso').selectAll().where('organization_id', '=', req.org.id).executeTakeFirst();
    const units = await db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', req.org.id).execute();
    const values: LoginSettingsValues = extra.values ?? {
      enabled: row?.enabled ?? false,
      issuerUrl: row?.issuer_url ?? '',
      clientId: row?.client_id ?? '',
      emailClaim: row?.email_claim ?? 'email',
      groupsClaim: row?.groups_claim ?? 'groups',
      scopes: row?.scopes ?? 'openid email profile',
      buttonLabel: row?.button_label ?? '',
      groupRoles: row ? cmd.formatGroupRoles(row.group_roles, units) : '',
      passwordLogin: req.org.password_login,
    };
    return sendPage(
      reply,
      <LoginSettingsPage
        {...page(req, reply, '/admin/inloggning')}
        values={values}
        hasSecret={!!row}
        redirectUri={absoluteUrl(req, '/logga-in/sso/callback')}
        logoutUri={absoluteUrl(req, '/logga-in?utloggad')}
        updatedAt={row?.updated_at ?? null}
        errors={extra.errors}
        notice={noticeFrom(req)}
      />,
      status,
    );
  }

  app.get('/admin/inloggning', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    return loginPage(req, reply);
  });

  app.post('/admin/inloggning', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    const b = req.body;
    const values: LoginSettingsValues = {
      enabled: checked(b, 'enabled'),
      issuerUrl: field(b, 'issuerUrl'),
      clientId: field(b, 'clientId'),
      emailClaim: field(b, 'emailClaim'),
      groupsClaim: field(b, 'groupsClaim'),
      scopes: field(b, 'scopes'),
      buttonLabel: field(b, 'buttonLabel'),
      groupRoles: field(b, 'groupRoles'),
      passwordLogin: checked(b, 'passwordLogin'),
    };
    const r = await attempt(() => cmd.saveSso(deps, ctx(req), { ...values, clientSecret: field(b, 'clientSecret') }));
    if (!r.ok) return loginPage(req, reply, { values, errors: r.errors }, 400);
    return see(reply, '/admin/inloggning', 'sparad');
  });

  // ─────────────── the log

  app.get<{ Querystring: { sida?: string } }>('/admin/logg', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(s.organization || unitScope(s));
    const p = Math.max(1, Math.min(10_000, Number.parseInt(req.query.sida ?? '1', 10) || 1));
    const { rows, hasMore } = await q.listLog(db, req.org.id, s, p);
    return sendPage(reply, <LogPage {...page(req, reply, '/admin/logg')} rows={rows} page={p} hasMore={hasMore} />);
  });
};


