import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import { sendPage } from '../../../platform/views/render.ts';
import * as cmd from '../commands/categories.ts';
import { canManageOrganizationSettings, canManageSubcategories } from '../policy.ts';
import { CategoriesPage, CategoryPage } from '../views/CategoriesPages.tsx';
import * as q from '../queries.ts';
import { attempt, field, noticeFrom, see, type AdminKit } from './kit.ts';

/** Admin pages: categories. */
export function categoryRoutes(app: FastifyInstance, k: AdminKit) {
  const { db, deps, scopeOf, ctx, page, requireScope, unitScope } = k;

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
}
