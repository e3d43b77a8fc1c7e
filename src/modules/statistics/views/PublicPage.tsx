import { useI18n } from '../../../platform/i18n/context.ts';
import { Select, type Option } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { publicCellText } from '../publicTables.ts';
import type { Table } from '../tableModel.ts';
import { ChartWithTable, DataTable, StatStyles } from './components.tsx';

export interface PublicPageProps {
  orgName: string;
  year: string;
  yearOptions: Option[];
  periodText: string;
  months: { svg: string; table: Table };
  deadlines: Table;
  groups: { svg: string; table: Table };
}

export function PublicStatisticsPage(p: PublicPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const format = (c: Parameters<typeof publicCellText>[1]) => publicCellText(i18n, c);
  return (
    <Layout title={t('stats.public.title')} orgName={p.orgName}>
      <StatStyles />
      <h1>{t('stats.public.title')}</h1>
      <p class="lead">{t('stats.public.lead', { org: p.orgName, period: p.periodText })}</p>
      <p>{t('stats.public.about')}</p>
      <form method="get" action="/statistik/publik" class="stat-form" aria-labelledby="ar-val">
        <h2 id="ar-val" class="visually-hidden">
          {t('stats.public.chooseYear')}
        </h2>
        <input type="hidden" name="lang" value={i18n.code} />
        <div class="row">
          <Select name="ar" label={t('stats.public.year')} value={p.year} options={p.yearOptions} />
        </div>
        <div class="actions">
          <button type="submit">{t('stats.public.show')}</button>
        </div>
      </form>
      <h2>{t('stats.public.received.heading')}</h2>
      <ChartWithTable svg={p.months.svg} table={p.months.table} links={false} lastRowTotal format={format} />
      <h2>{t('stats.public.deadlines.heading')}</h2>
      <p>{t('stats.public.deadlines.text')}</p>
      <DataTable table={p.deadlines} links={false} format={format} />
      <h2>{t('stats.public.groups.heading')}</h2>
      <ChartWithTable svg={p.groups.svg} table={p.groups.table} links={false} format={format} />
    </Layout>
  );
}
