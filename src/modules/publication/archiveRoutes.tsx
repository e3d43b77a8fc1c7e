import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/database.ts';
import type { Organization } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { citizenArea } from '../../platform/i18n/plugin.ts';
import { cachedForOrg } from '../../platform/orgCache.ts';
import { absoluteUrl } from '../../platform/tenant.ts';
import { sendPage } from '../../platform/views/render.ts';
import { caseNumberParam } from '../cases/staffRequest.ts';
import { listActiveForvaltningar } from '../organizations/queries.ts';
import { archiveFilter, readArchiveParams } from './archiveParams.ts';
import { countArchive, findPublished, MAX_PAGE, newestPublished, PAGE_SIZE, searchArchive, similarPublished } from './archiveQueries.ts';
import { atomFeed } from './atom.ts';
import { ArchivePage } from './views/ArchivePage.tsx';
import { GonePage, PublicAnswerPage } from './views/PublicAnswerPage.tsx';

const script = readFileSync(new URL('../../../public/liknande-svar.js', import.meta.url));
const MAX_SUGGEST_TEXT = 2000;

async function activeAreas(db: Db, organizationId: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('level', '=', 'area')
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/**
 * The public archive of de-identified questions and answers (/svar, and /o/<slug>/svar for
 * other organizations), its Atom feed, and the JSON behind "has this been asked before?".
 * No sign-in; only the reviewed public copy is ever read.
 */
export const archiveRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  citizenArea(app);
  const filtersOf = (org: Organization) =>
    cachedForOrg(org, 'archive-filters', async () => ({ areas: await activeAreas(db, org.id), forvaltningar: await listActiveForvaltningar(db, org.id) }));

  app.get('/assets/liknande-svar.js', async (_req, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script),
  );

  app.get('/svar', async (req, reply) => {
    const params = readArchiveParams(req.query);
    const { areas, forvaltningar } = await filtersOf(req.org);
    const checked = archiveFilter(params, { areaIds: new Set(areas.map((a) => a.id)), forvaltningIds: new Set(forvaltningar.map((f) => f.id)) }, req.i18n.t);
    const common = { org: req.org, params, areas, forvaltningar };
    if (!checked.ok) return sendPage(reply, <ArchivePage {...common} items={[]} page={1} hasMore={false} errors={checked.errors} />, 400);
    const filter = checked.value;
    // Pages past MAX_PAGE are never read (deep offsets are slow); they are past the end like any other.
    const { items, hasMore } = filter.page <= MAX_PAGE ? await searchArchive(db, req.org.id, filter) : { items: [], hasMore: false };
    if (items.length === 0 && filter.page > 1) {
      // 404, as the page named does not exist: a search engine drops it rather than keeping an
      // endless row of empty pages, and the person gets the count and a link to the last page.
      const total = await countArchive(db, req.org.id, filter);
      const lastPage = Math.min(Math.max(Math.ceil(total / PAGE_SIZE), 1), MAX_PAGE);
      return sendPage(reply, <ArchivePage {...common} items={[]} page={filter.page} hasMore={false} pastEnd={{ lastPage, total }} />, 404);
    }
    return sendPage(reply, <ArchivePage {...common} items={items} page={filter.page} hasMore={hasMore} />);
  });

  app.get('/svar/flode.atom', async (req, reply) => {
    const rows = await newestPublished(db, req.org.id);
    const xml = atomFeed({
      title: req.i18n.t('archive.feed.title', { org: req.org.name }),
      selfUrl: absoluteUrl(req, '/svar/flode.atom'),
      archiveUrl: absoluteUrl(req, '/svar'),
      author: req.org.name,
      now: clock.now(),
      entries: rows.map((r) => ({
        url: absoluteUrl(req, `/svar/${r.case_number}`),
        title: r.title ?? '',
        question: r.question ?? '',
        answer: r.answer ?? '',
        area: r.area_name,
        published: r.first_published_at ?? clock.now(),
        updated: r.published_at ?? r.first_published_at ?? clock.now(),
      })),
    });
    // Short caching only: a withdrawn answer must leave the feed soon too.
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=60').header('vary', 'accept-language, cookie').send(xml);
  });

  app.get<{ Querystring: { text?: unknown } }>(
    '/svar/liknande.json',
    { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const text = typeof req.query.text === 'string' ? req.query.text : '';
      reply.header('cache-control', 'no-store');
      if (text.length > MAX_SUGGEST_TEXT) return reply.code(400).send({ code: 'invalid', message: req.i18n.t('archive.similar.tooLong', { max: MAX_SUGGEST_TEXT }) });
      const rows = text.trim().length < 10 ? [] : await similarPublished(db, req.org.id, text);
      return { answers: rows.map((r) => ({ number: r.case_number, title: r.title, url: `${req.basePath}/svar/${r.case_number}`, excerpt: excerptOf(r.excerpt) })) };
    },
  );

  app.get<{ Params: { number: string } }>('/svar/:number', async (req: FastifyRequest<{ Params: { number: string } }>, reply) => {
    const number = caseNumberParam(req.params.number);
    const found = number ? await findPublished(db, req.org.id, number) : undefined;
    if (!found) throw notFound('Svaret');
    if (found.withdrawn) return sendPage(reply, <GonePage org={req.org} />, 410);
    return sendPage(reply, <PublicAnswerPage org={req.org} a={found} />);
  });
};

const excerptOf = (s: string) => (s.length >= 200 ? `${s.slice(0, s.lastIndexOf(' ') > 100 ? s.lastIndexOf(' ') : 200).trim()} …` : s);
