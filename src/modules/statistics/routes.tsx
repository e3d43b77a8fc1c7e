import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/database.ts';
import { swedishDate, type Clock } from '../../platform/clock.ts';
import { staffArea } from '../../platform/staff.ts';
import { renderPage, sendPage } from '../../platform/views/render.ts';
import { CONTACT_ROLES } from '../cases/policy.ts';
import { frame, staffActor } from '../cases/staffRequest.ts';
import { ErrorPage } from '../../platform/views/ErrorPage.tsx';
import { drill, receivedIn } from './drilldown.ts';
import { readReportForm, readStatForm } from './params.ts';
import { comparisonsCoincide } from './comparison.ts';
import { periodLabel } from './period.ts';
import { publicMonthShort, publicTables } from './publicTables.ts';
import { citizenArea } from '../../platform/i18n/plugin.ts';
import { computeStatistics } from './queries.ts';
import { SMALL_GROUP, type StatisticsResult } from './result.ts';
import type { Translator } from '../../platform/i18n/catalogue.ts';
import type { Cell } from './tableModel.ts';
import { loadNames } from './scope.ts';
import { StatisticsRefresher } from './refresher.ts';
import { buildReport, committeesFor } from './report.ts';
import { resultCharts } from './resultCharts.ts';
import { chartRenderer } from './charts.ts';
import { allTables } from './tables.ts';
import { PublicStatisticsPage } from './views/PublicPage.tsx';
import { ReportPage } from './views/ReportPage.tsx';
import { StatisticsPage } from './views/StatisticsPage.tsx';
import { KINDS } from '../cases/labels.ts';

export interface StatisticsDeps {
  db: Db;
  clock: Clock;
  /** Sum settled months in the background after reads (default true). */
  backgroundRefresh?: boolean;
}

const css = readFileSync(new URL('./statistics.css', import.meta.url));

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ExcelJS and PDFKit cost tens of MB each once loaded: they load with the first export or PDF,
// not when the server starts (the charts' ECharts likewise, see charts.ts).
const exportsModule = () => import('./exports.ts');
const pdfModule = () => import('./pdf.ts');

function download(reply: FastifyReply, type: string, filename: string) {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
}

/** /statistik for staff, /statistik/publik for everyone, and the stylesheet both use. */
export const statisticsRoutes: FastifyPluginAsync<StatisticsDeps> = async (app, deps) => {
  const refresher = new StatisticsRefresher(deps.db, deps.clock);
  const kick = () => {
    if (deps.backgroundRefresh !== false) refresher.kick();
  };
  app.addHook('onClose', async () => refresher.idle());

  app.get('/assets/statistik.css', async (_req, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );

  await app.register(publicStatistics, { ...deps, kick });
  await app.register(staffStatistics, { ...deps, kick });
};

const publicStatistics: FastifyPluginAsync<StatisticsDeps & { kick: () => void }> = async (app, deps) => {
  citizenArea(app);
  app.get('/statistik/publik', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
    const i18n = req.i18n;
    const today = swedishDate(deps.clock.now());
    const thisYear = Number(today.slice(0, 4));
    const asked = Number((req.query as Record<string, string>).ar);
    const year = Number.isInteger(asked) && asked >= thisYear - 9 && asked <= thisYear ? asked : thisYear;
    const period = { from: `${year}-01`, to: year === thisYear ? today.slice(0, 7) : `${year}-12` };
    const r = await computeStatistics(deps.db, { scope: { organizationIds: [req.org.id], includeConfidential: true }, period, filter: {}, groupBy: 'forvaltning', today, measureLimit: 0 });
    deps.kick();
    const tables = publicTables(r, i18n);
    // The charts show exactly what the tables show: a hidden count is a gap, never a bar.
    const shown = (c: Cell | undefined) => (c?.kind === 'count' && typeof c.v === 'number' ? c.v : null);
    const barChart = await chartRenderer();
    const page = (
      <PublicStatisticsPage
        orgName={req.org.name}
        year={String(year)}
        yearOptions={Array.from({ length: 10 }, (_, i) => ({ value: String(thisYear - i), label: i18n.number(thisYear - i, { useGrouping: false }) }))}
        periodText={tables.period}
        months={{
          table: tables.months,
          svg: barChart(r.months.map((m) => publicMonthShort(i18n, m.month)), KINDS.map((k, j) => ({ name: i18n.t(`kind.${k}`), data: tables.months.rows.slice(0, r.months.length).map((row) => shown(row.cells[j])) })), {
            label: i18n.t('stats.public.months.chart', { period: tables.period }),
            stacked: true,
          }),
        }}
        deadlines={tables.deadlines}
        groups={{
          table: tables.groups,
          svg: barChart(tables.groups.rows.map((row) => row.header), [{ name: i18n.t('stats.public.received'), data: tables.groups.rows.map((row) => shown(row.cells[0])) }], {
            label: i18n.t('stats.public.groups.chart'),
            horizontal: true,
          }),
        }}
      />
    );
    // Cached for everyone alike, in each language: the language comes from the query, the cookie or the browser.
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('vary', 'accept-language, cookie')
      .send(renderPage(page, req));
  });
};

const staffStatistics: FastifyPluginAsync<StatisticsDeps & { kick: () => void }> = async (app: FastifyInstance, deps) => {
  staffArea(app);

  async function statistics(req: FastifyRequest) {
    const actor = staffActor(req);
    const today = swedishDate(deps.clock.now());
    const names = await loadNames(deps.db, [actor.organizationId]);
    const parsed = readStatForm(req.query, today, names);
    const result = await computeStatistics(deps.db, { scope: { actor }, period: parsed.period, filter: parsed.filter, groupBy: parsed.groupBy, today });
    deps.kick();
    return { actor, today, names, parsed, result };
  }

  app.get('/statistik', async (req, reply) => {
    const { actor, today, names, parsed, result } = await statistics(req);
    const f = frame(req, reply);
    return sendPage(
      reply,
      <StatisticsPage
        {...f}
        form={parsed.form}
        errors={parsed.errors}
        result={result}
        charts={await resultCharts(result)}
        names={names}
        today={today}
        mayExportPersonalData={actor.grants.some((g) => CONTACT_ROLES.includes(g.role))}
      />,
      Object.keys(parsed.errors).length > 0 ? 400 : 200,
    );
  });

  const meta = (r: StatisticsResult, orgName: string, { t }: Translator) => ({
    title: t('statistics.export.title', { org: orgName }),
    lines: [
      t(comparisonsCoincide(r.current.period) ? 'statistics.export.periodOneComparison' : 'statistics.export.period', { period: periodLabel(r.current.period), previous: periodLabel(r.previous.period), lastYear: periodLabel(r.lastYear.period) }),
      t('statistics.export.produced', { today: r.request.today }),
      t('statistics.export.units'),
      t('statistics.export.smallGroups', { small: String(SMALL_GROUP) }),
    ],
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/statistik/export.${format}`, async (req, reply) => {
      const { result } = await statistics(req);
      const wanted = String((req.query as Record<string, unknown>).tabell ?? 'alla');
      const tables = allTables(result);
      const chosen = wanted === 'alla' ? tables : tables.filter((t) => t.id === wanted);
      if (chosen.length === 0 || (format === 'csv' && chosen.length > 1)) {
        return sendPage(reply, <ErrorPage status={404} orgName={req.org.name} />, 404);
      }
      const name = `statistik-${chosen.length === 1 ? chosen[0]!.id : 'alla'}-${result.current.period.from}-${result.current.period.to}`;
      const { tableToCsv, tablesToXlsx } = await exportsModule();
      if (format === 'csv') return download(reply, 'text/csv; charset=utf-8', `${name}.csv`).send(await tableToCsv(chosen[0]!));
      return download(reply, XLSX, `${name}.xlsx`).send(await tablesToXlsx(chosen, meta(result, req.org.name, req.i18n)));
    });
  }

  app.get('/statistik/arenden', async (req, reply) => {
    const { actor, today, parsed } = await statisticsParamsOnly(req);
    const q = req.query as Record<string, unknown>;
    const personalData = q.personuppgifter === 'ja' && actor.grants.some((g) => CONTACT_ROLES.includes(g.role));
    const filter = drill(parsed.filter, receivedIn(parsed.period));
    const format = q.format === 'csv' ? 'csv' : 'xlsx';
    const name = `arenden-${parsed.period.from}-${parsed.period.to}${personalData ? '-med-personuppgifter' : ''}`;
    const opts = { actor, filter, today, personalData };
    const { caseListCsv, caseListXlsx } = await exportsModule();
    if (format === 'csv') return download(reply, 'text/csv; charset=utf-8', `${name}.csv`).send(caseListCsv(deps.db, opts));
    return download(reply, XLSX, `${name}.xlsx`).send(caseListXlsx(deps.db, opts));
  });

  async function statisticsParamsOnly(req: FastifyRequest) {
    const actor = staffActor(req);
    const today = swedishDate(deps.clock.now());
    const names = await loadNames(deps.db, [actor.organizationId]);
    return { actor, today, names, parsed: readStatForm(req.query, today, names) };
  }

  async function report(req: FastifyRequest) {
    const actor = staffActor(req);
    const today = swedishDate(deps.clock.now());
    const committees = await committeesFor(deps.db, actor);
    const { form, period, errors } = readReportForm(req.query, today, committees);
    const data = await buildReport(deps.db, actor, form, period, today);
    deps.kick();
    return { actor, today, committees, form, errors, data };
  }

  app.get('/statistik/rapport', async (req, reply) => {
    const { today, committees, form, errors, data } = await report(req);
    const thisYear = Number(today.slice(0, 4));
    const periodOptions = [];
    for (let y = thisYear; y > thisYear - 6; y--) {
      const year = String(y);
      periodOptions.push(
        { value: `${y}-H2`, label: req.i18n.t('statistics.report.secondHalf', { year }) },
        { value: `${y}-H1`, label: req.i18n.t('statistics.report.firstHalf', { year }) },
        { value: year, label: req.i18n.t('statistics.report.wholeYear', { year }) },
      );
    }
    return sendPage(reply, <ReportPage {...frame(req, reply)} form={form} errors={errors} committees={committees} periodOptions={periodOptions} report={data} />, Object.keys(errors).length ? 400 : 200);
  });

  app.get('/statistik/rapport.pdf', async (req, reply) => {
    const { form, data } = await report(req);
    const pdf = await (await pdfModule()).renderReportPdf(data, req.org.name);
    const slug = form.namnd === 'alla' ? 'kommunstyrelsen' : form.namnd.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/[^a-z0-9]+/g, '-');
    return download(reply, 'application/pdf', `synpunkter-${slug}-${form.period}.pdf`).send(pdf);
  });
};

