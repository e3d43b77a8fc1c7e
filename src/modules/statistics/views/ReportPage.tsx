import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, Select, type FieldErrors, type Option } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { ALL_COMMITTEES, type ReportForm } from '../params.ts';
import type { ReportData } from '../report.ts';
import { ChartWithTable, DataTable, StatStyles } from './components.tsx';
import { MeasureItem } from './MeasureItem.tsx';

export interface ReportPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  form: ReportForm;
  errors: FieldErrors;
  committees: string[];
  periodOptions: Option[];
  report: ReportData;
}

export function ReportPage(p: ReportPageProps) {
  const r = p.report;
  const q = new URLSearchParams({ namnd: p.form.namnd, period: p.form.period }).toString();
  const { t } = useI18n();
  const measures = r.result.measures;
  return (
    <StaffLayout title={r.title} hasErrors={Object.keys(p.errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/statistik">
      <StatStyles />
      <ErrorSummary errors={p.errors} />
      <form method="get" action="/statistik/rapport" class="stat-form" aria-labelledby="rapport-val">
        <h2 id="rapport-val" class="visually-hidden">
          {t('statistics.report.chooseHeading')}
        </h2>
        <div class="row">
          <Select
            name="namnd"
            label={t('statistics.report.committee')}
            value={p.form.namnd}
            options={[...p.committees.map((c) => ({ value: c, label: c })), { value: ALL_COMMITTEES, label: t('statistics.report.allCommittees') }]}
          />
          <Select name="period" label={t('statistics.report.period')} value={p.form.period} options={p.periodOptions} error={p.errors.period} />
        </div>
        <div class="actions">
          <button type="submit">{t('statistics.report.show')}</button>
        </div>
      </form>
      <p class="no-print">
        <a href={`/statistik/rapport.pdf?${q}`} download>
          {t('statistics.report.pdf')}
        </a>{' '}
        {t('statistics.report.print')}
      </p>

      <section class="report-section" aria-labelledby="rapport-rubrik">
        <h1 id="rapport-rubrik">{r.title}</h1>
        <p class="report-meta">{t('statistics.report.meta', { org: p.orgName, period: r.periodText, scope: r.scopeText, produced: r.producedOn })}</p>
        <p>{r.intro}</p>
        <h2>{t('statistics.report.summary')}</h2>
        <DataTable table={r.tables.summary} />
      </section>

      {r.tables.sideBySide && (
        <section class="report-section" aria-labelledby="sida-vid-sida">
          <h2 id="sida-vid-sida">{t('statistics.report.sideBySide')}</h2>
          <DataTable table={r.tables.sideBySide} />
        </section>
      )}

      <section class="report-section" aria-labelledby="r-per-manad">
        <h2 id="r-per-manad">{t('statistics.report.perMonth')}</h2>
        <ChartWithTable svg={r.charts.monthKind} table={r.tables.monthKind} lastRowTotal />
      </section>

      <section class="report-section" aria-labelledby="r-tider">
        <h2 id="r-tider">{t('statistics.report.times')}</h2>
        <ChartWithTable svg={r.charts.times} table={r.tables.times} />
        <ChartWithTable svg={r.charts.deadlines} table={r.tables.deadlines} />
      </section>

      <section class="report-section" aria-labelledby="r-grupper">
        <h2 id="r-grupper">{r.groupHeading}</h2>
        <ChartWithTable svg={r.charts.groups} table={r.tables.groups} />
      </section>

      <section class="report-section" aria-labelledby="r-underkategorier">
        <h2 id="r-underkategorier">{t('statistics.report.subcategories')}</h2>
        <ChartWithTable svg={r.charts.subcategories} table={r.tables.subcategories} />
        <h2>{t('statistics.report.referrals')}</h2>
        <DataTable table={r.tables.referrals} />
      </section>

      <section class="report-section" aria-labelledby="r-atgarder">
        <h2 id="r-atgarder">{t('statistics.report.measures')}</h2>
        <p>
          {measures.count === 0 ? t('statistics.report.noMeasures') : t('statistics.report.measuresCount', { count: measures.count, cases: measures.cases })}
          {measures.count > measures.items.length && t('statistics.report.measuresShown', { shown: measures.items.length })}
        </p>
        {measures.items.length > 0 && (
          <ul class="measure-list">
            {measures.items.map((m, i) => (
              <li key={`${m.number}-${i}`}>
                <MeasureItem m={m} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </StaffLayout>
  );
}
