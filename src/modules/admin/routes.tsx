import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CustomFetch } from 'openid-client';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { installationSealer } from '../../platform/crypto.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';
import { notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { AdminCtx, AdminDeps } from './commands/context.ts';
import { adminScope, canEnterAdmin, type AdminActor, type AdminScope } from './policy.ts';
import * as q from './queries.ts';
import { categoryRoutes } from './routes/categories.tsx';
import type { AdminKit } from './routes/kit.ts';
import { organizationRoutes } from './routes/organizations.tsx';
import { peopleRoutes } from './routes/people.tsx';
import { settingsRoutes } from './routes/settings.tsx';
import { templateRoutes } from './routes/templates.tsx';
import { unitRoutes } from './routes/units.tsx';
import type { AdminNavItem, AdminPageProps } from './views/AdminLayout.tsx';
import { LogPage } from './views/LogPage.tsx';
import { idsIn } from './views/ChangeValues.tsx';
import { OverviewPage } from './views/OverviewPage.tsx';

// Other issues' admin pages: linked from here when they exist, never duplicated.
const OTHER_PAGES: { href: string; label: StaffKey }[] = [
  { href: '/admin/tidsfrister', label: 'admin.nav.deadlines' },
  { href: '/admin/e-postmallar', label: 'admin.nav.mailTemplates' },
  { href: '/admin/utkorg', label: 'admin.nav.outbox' },
  { href: '/admin/api-nycklar', label: 'admin.nav.apiKeys' },
  { href: '/admin/sakerhetskopior', label: 'admin.nav.backups' },
  { href: '/admin/publicering', label: 'admin.nav.publication' },
  { href: '/admin/webhooks', label: 'admin.nav.webhooks' },
  { href: '/admin/e-post-in', label: 'admin.nav.mailIn' },
  { href: '/admin/arkiv', label: 'admin.nav.records' },
  { href: '/admin/tillganglighet', label: 'admin.nav.accessibility' },
];

export const adminRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; issuerFetch: CustomFetch }> = async (app, opts) => {
  staffArea(app);
  const { db, clock } = opts;
  const deps: AdminDeps = { db, clock, sealer: await installationSealer(db), issuerFetch: opts.issuerFetch };

  const scopeOf = (req: FastifyRequest): AdminScope => adminScope(req.actor as AdminActor);
  const ctx = (req: FastifyRequest): AdminCtx => ({ actor: req.actor as AdminActor, org: req.org });

  // Not an administrator: the admin pages do not exist for them.
  app.addHook('preHandler', async (req) => {
    if (req.actor && !canEnterAdmin(scopeOf(req))) throw notFound('Sidan');
  });

  let others: typeof OTHER_PAGES | undefined;
  const otherPages = (root: FastifyInstance) => (others ??= OTHER_PAGES.filter((p) => root.hasRoute({ method: 'GET', url: p.href })));

  function navFor(s: AdminScope, t: FastifyRequest['i18n']['t']): AdminNavItem[] {
    const units = s.allUnits || s.unitRoots.length > 0;
    const items: [string, StaffKey, boolean][] = [
      ['/admin', 'admin.nav.overview', true],
      ['/admin/organisationer', 'admin.nav.organizations', s.installation],
      ['/admin/enheter', 'admin.nav.units', units],
      ['/admin/personer', 'admin.nav.people', units],
      ['/admin/kategorier', 'admin.nav.categories', units],
      ['/admin/svarsmallar', 'admin.nav.templates', units],
      ['/admin/texter', 'admin.nav.texts', s.organization],
      ['/admin/inloggning', 'admin.nav.login', s.organization],
    ];
    const list = items.filter(([, , show]) => show).map(([href, label]) => ({ href, label }));
    if (s.organization) list.push(...otherPages(app));
    if (units || s.organization) list.push({ href: '/admin/logg', label: 'admin.nav.log' });
    return list.map(({ href, label }) => ({ href, label: t(label) }));
  }

  const page = (req: FastifyRequest, reply: FastifyReply, current: string): AdminPageProps => ({ orgName: req.org.name, actor: req.actor as AdminActor, csrf: reply.generateCsrf(), nav: navFor(scopeOf(req), req.i18n.t), current });
  const requireScope = (ok: boolean) => {
    if (!ok) throw notFound('Sidan');
  };
  const unitScope = (s: AdminScope) => s.allUnits || s.unitRoots.length > 0;

  app.get('/admin', async (req, reply) => sendPage(reply, <OverviewPage {...page(req, reply, '/admin')} />));

  const kit: AdminKit = { db, clock, deps, scopeOf, ctx, page, requireScope, unitScope };
  organizationRoutes(app, kit);
  unitRoutes(app, kit);
  peopleRoutes(app, kit);
  categoryRoutes(app, kit);
  templateRoutes(app, kit);
  settingsRoutes(app, kit);

  // ─────────────── the log

  app.get<{ Querystring: { sida?: string } }>('/admin/logg', async (req, reply) => {
    const s = scopeOf(req);
    requireScope(s.organization || unitScope(s));
    const p = Math.max(1, Math.min(10_000, Number.parseInt(req.query.sida ?? '1', 10) || 1));
    const { rows, hasMore } = await q.listLog(db, req.org.id, s, p);
    const names = await q.namesOf(db, req.org.id, rows.flatMap((r) => [...idsIn(r.before), ...idsIn(r.after)]));
    return sendPage(reply, <LogPage {...page(req, reply, '/admin/logg')} rows={rows} names={names} page={p} hasMore={hasMore} />);
  });
};
