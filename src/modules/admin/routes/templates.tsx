import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import { DEFAULT_LANGUAGE, rawMessage } from '../../../platform/i18n/catalogue.ts';
import { sendPage } from '../../../platform/views/render.ts';
import * as cmd from '../commands/templates.ts';
import { canManageTemplate } from '../policy.ts';
import { TemplateFormPage, TemplatesPage, type TemplateValues } from '../views/TemplatesPages.tsx';
import * as q from '../queries.ts';
import { attempt, field, noticeFrom, see, type AdminKit } from './kit.ts';

/** Admin pages: response templates. */
export function templateRoutes(app: FastifyInstance, k: AdminKit) {
  const { db, deps, scopeOf, ctx, page, requireScope, unitScope } = k;

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
    const values: TemplateValues = { title: '', body: rawMessage(DEFAULT_LANGUAGE, 'admin.templates.defaultBody'), kind: '', purpose: 'answer', forvaltningId: '' };
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
}
