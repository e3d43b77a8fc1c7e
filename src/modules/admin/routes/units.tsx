import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import { sendPage } from '../../../platform/views/render.ts';
import * as cmd from '../commands/units.ts';
import { canChangeUnit, canCreateUnitUnder, canManageWithin } from '../policy.ts';
import { UnitPage, UnitsPage, type UnitPageData } from '../views/UnitsPages.tsx';
import * as q from '../queries.ts';
import { attempt, checked, field, noticeFrom, see, type AdminKit } from './kit.ts';

/** Admin pages: units. */
export function unitRoutes(app: FastifyInstance, k: AdminKit) {
  const { db, deps, scopeOf, ctx, page, requireScope, unitScope } = k;

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
    const [count, people, openCases] = await Promise.all([
      db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', req.org.id)
        .where((eb) => eb.or([eb('unit_id', '=', unit.id), eb('suggested_unit_id', '=', unit.id)]))
        .executeTakeFirstOrThrow(),
      db.selectFrom('role_grants as g').innerJoin('users as u', 'u.id', 'g.user_id').select(['u.id', 'u.name', 'g.role', 'u.active']).where('g.org_unit_id', '=', unit.id).orderBy('u.name').execute(),
      cmd.openCasesIn(db, req.org.id, unit.id),
    ]);
    return {
      unit,
      parentName: units.find((u) => u.id === unit.parent_id)?.name ?? null,
      path: unit.ancestor_ids.map((pid) => ({ id: pid, name: units.find((u) => u.id === pid)?.name ?? '' })),
      children: units.filter((u) => u.parent_id === unit.id),
      caseCount: Number(count.n),
      openCases,
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
      const r = await attempt(() => cmd.setUnitActive(deps, ctx(req), req.params.id, active, checked(req.body, 'confirmOpen')));
      if (!r.ok) return unitFormError(req, reply, req.params.id, r.errors);
      return see(reply, `/admin/enheter/${req.params.id}`, active ? 'aktiverad' : 'avaktiverad');
    });
  }

  app.post<{ Params: { id: string } }>('/admin/enheter/:id/ta-bort', async (req, reply) => {
    const r = await attempt(() => cmd.deleteUnit(deps, ctx(req), req.params.id));
    if (!r.ok) return unitFormError(req, reply, req.params.id, r.errors);
    return see(reply, '/admin/enheter', 'borttagen');
  });
}
