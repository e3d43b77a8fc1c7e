import type { VNode } from 'preact';
import { useI18n } from '../../../platform/i18n/context.ts';
import type { StaffKey } from '../../../platform/i18n/staffKeys.ts';
import { ErrorSummary, Select, type FieldErrors, type Option } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { CHANNEL_LABEL, KINDS, KIND_LABEL } from '../../cases/labels.ts';
import type { Actor } from '../../cases/policy.ts';
import { caseListHref } from '../drilldown.ts';
import { comparisonsCoincide } from '../comparison.ts';
import { addMonths, monthName, periodLabel } from '../period.ts';
import { formQuery, type StatForm } from '../params.ts';
import { CHANNEL_KEYS, GROUP_BYS, SMALL_GROUP, type Names, type StatisticsResult } from '../result.ts';
import type { ResultCharts } from '../resultCharts.ts';
import { backlogTable, deadlineTable, GROUP_TITLE, groupTable, measuresFilter, monthAreaTable, monthKindTable, referralTable, subcategoryTable, summaryTable, timesTable } from '../tables.ts';
import { type Table } from '../tableModel.ts';
import { ChartWithTable, DataTable, StatStyles } from './components.tsx';
import { MeasureItem } from './MeasureItem.tsx';

export interface StatisticsPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  form: StatForm;
  errors: FieldErrors;
  result: StatisticsResult;
  charts: ResultCharts;
  names: Names;
  today: string;
  /** May this person export submitters' personal data (some role with contact access)? */
  mayExportPersonalData: boolean;
}

export function monthOptions(today: string, years = 6): Option[] {
  const out: Option[] = [];
  const last = today.slice(0, 7);
  for (let m = last, i = 0; i < years * 12; i++, m = addMonths(m, -1)) out.push({ value: m, label: monthName(m) });
  return out;
}

export function unitOptions(names: Names, anyLabel: string): Option[] {
  const units = [...names.units.entries()].sort(([, a], [, b]) => {
    const key = (u: typeof a) => u.ancestorIds.map((id) => String(names.units.get(id)?.sortOrder ?? 0).padStart(4, '0')).join('.');
    return key(a).localeCompare(key(b));
  });
  return [
    { value: '', label: anyLabel },
    ...units.map(([id, u]) => ({ value: id, label: `${'– '.repeat(u.ancestorIds.length - 1)}${u.name}${u.committee && u.ancestorIds.length === 1 ? ` (${u.committee})` : ''}` })),
  ];
}

const GROUP_LABELS: Record<(typeof GROUP_BYS)[number], StaffKey> = {
  forvaltning: 'statistics.group.forvaltning',
  namnd: 'statistics.group.namnd',
  enhet: 'statistics.group.enhet',
  kind: 'statistics.group.kind',
  area: 'statistics.group.area',
  subcategory: 'statistics.group.subcategory',
  channel: 'statistics.group.channel',
};

export function StatisticsPage(p: StatisticsPageProps) {
  const r = p.result;
  const q = formQuery(p.form);
  const hasErrors = Object.keys(p.errors).length > 0;
  const answerShare = r.current.answerOk + r.current.answerLate === 0 ? null : Math.round((100 * r.current.answerOk) / (r.current.answerOk + r.current.answerLate));
  const i18n = useI18n();
  const { t } = i18n;
  const downloads = (key: StaffKey, id: string) =>
    i18n.rich<VNode>(key, { csv: (c) => <a href={`/statistik/export.csv?tabell=${id}&${q}`}>{c}</a>, xlsx: (c) => <a href={`/statistik/export.xlsx?tabell=${id}&${q}`}>{c}</a> });
  const exportLinks = (table: Table) => <p class="no-print">{downloads('statistics.page.downloadTable', table.id)}</p>;
  const tables = {
    summary: summaryTable(r),
    monthKind: monthKindTable(r),
    monthArea: monthAreaTable(r),
    times: timesTable(r),
    deadlines: deadlineTable(r),
    groups: groupTable(r),
    subcategories: subcategoryTable(r),
    referrals: referralTable(r),
    backlog: backlogTable(r),
  };
  return (
    <StaffLayout title={t('statistics.page.title')} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/statistik">
      <StatStyles />
      <h1>{t('statistics.page.title')}</h1>
      <ErrorSummary errors={p.errors} />
      <p class="lead">{t(comparisonsCoincide(r.current.period) ? 'statistics.page.leadOneComparison' : 'statistics.page.lead', { current: periodLabel(r.current.period), previous: periodLabel(r.previous.period), lastYear: periodLabel(r.lastYear.period) })}</p>
      <p>{t('statistics.page.intro', { small: String(SMALL_GROUP) })}</p>

      <form method="get" action="/statistik" class="stat-form" aria-labelledby="urval-rubrik">
        <h2 id="urval-rubrik" class="visually-hidden">
          {t('statistics.page.chooseHeading')}
        </h2>
        <div class="row">
          <Select name="fran" label={t('statistics.page.from')} value={p.form.fran} options={monthOptions(p.today)} error={p.errors.fran} />
          <Select name="till" label={t('statistics.page.to')} value={p.form.till} options={monthOptions(p.today)} error={p.errors.till} />
          <Select name="gruppera" label={t('statistics.page.groupBy')} value={p.form.gruppera} options={GROUP_BYS.map((g) => ({ value: g, label: t(GROUP_LABELS[g]) }))} />
        </div>
        <div class="row">
          <Select name="enhet" label={t('statistics.page.unit')} value={p.form.enhet} options={unitOptions(p.names, t('statistics.page.all'))} />
          <Select name="typ" label={t('statistics.page.kind')} value={p.form.typ} options={[{ value: '', label: t('statistics.page.allKinds') }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
          <Select name="omrade" label={t('statistics.page.area')} value={p.form.omrade} options={[{ value: '', label: t('statistics.page.allAreas') }, ...[...p.names.areas.entries()].map(([id, name]) => ({ value: id, label: name }))]} />
        </div>
        <div class="row">
          <Select
            name="underkategori"
            label={t('statistics.page.subcategory')}
            value={p.form.underkategori}
            options={[
              { value: '', label: t('statistics.page.allSubcategories') },
              ...[...p.names.subcategories.entries()].map(([id, s]) => ({ value: id, label: `${s.name} (${s.unitId ? (p.names.units.get(s.unitId)?.name ?? '') : ''})` })),
            ]}
          />
          <Select name="kanal" label={t('statistics.page.channel')} value={p.form.kanal} options={[{ value: '', label: t('statistics.page.allChannels') }, ...CHANNEL_KEYS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))]} />
        </div>
        <div class="actions">
          <button type="submit">{t('statistics.page.show')}</button>
        </div>
      </form>

      <h2 id="sammanfattning">{t('statistics.page.summary')}</h2>
      <ul class="key-figures">
        <li>
          <span class="value">
            <a href={caseListHref(tables.summary.rows[0]!.cells[0]!.filter ?? {})}>{r.current.received}</a>
          </span>
          {t('statistics.page.received')}
        </li>
        <li>
          <span class="value">{r.current.times.responseWorking.median === null ? '–' : String(Math.round(r.current.times.responseWorking.median * 10) / 10).replace('.', ',')}</span>
          {t('statistics.page.responseTime')}
        </li>
        <li>
          <span class="value">{answerShare === null ? '–' : `${answerShare} %`}</span>
          {t('statistics.page.inTime')}
        </li>
        <li>
          <span class="value">
            <a href={caseListHref(tables.backlog.rows[tables.backlog.rows.length - 1]!.cells[0]!.filter ?? { overdue: true })}>{r.backlog.overdue}</a>
          </span>
          {t('statistics.page.overdue')}
        </li>
      </ul>
      <DataTable table={tables.summary} />
      {exportLinks(tables.summary)}

      <h2 id="per-manad">{t('statistics.page.perMonth')}</h2>
      <ChartWithTable svg={p.charts.monthKind} table={tables.monthKind} lastRowTotal />
      {exportLinks(tables.monthKind)}
      <ChartWithTable svg={p.charts.monthArea} table={tables.monthArea} lastRowTotal />
      {exportLinks(tables.monthArea)}

      <h2 id="tider">{t('statistics.page.times')}</h2>
      <ChartWithTable svg={p.charts.times} table={tables.times} />
      {exportLinks(tables.times)}

      <h2 id="tidsfrister">{t('statistics.page.deadlines')}</h2>
      <ChartWithTable svg={p.charts.deadlines} table={tables.deadlines} />
      {exportLinks(tables.deadlines)}

      <h2 id="per-grupp">{t('statistics.page.perGroup', { group: GROUP_TITLE[r.request.groupBy] })}</h2>
      <ChartWithTable svg={p.charts.groups} table={tables.groups} />
      {exportLinks(tables.groups)}

      <h2 id="underkategorier">{t('statistics.page.subcategories')}</h2>
      <ChartWithTable svg={p.charts.subcategories} table={tables.subcategories} />
      {exportLinks(tables.subcategories)}

      <h2 id="hanvisningar">{t('statistics.page.referrals')}</h2>
      <ChartWithTable svg={p.charts.referrals} table={tables.referrals} />
      {exportLinks(tables.referrals)}

      <h2 id="oppna">{t('statistics.page.open')}</h2>
      <ChartWithTable svg={p.charts.backlog} table={tables.backlog} />
      {exportLinks(tables.backlog)}

      <h2 id="atgarder">{t('statistics.page.measures')}</h2>
      <p>
        {r.measures.count === 0 ? (
          t('statistics.page.noMeasures')
        ) : (
          <>
            {i18n.rich('statistics.page.measuresLink', {
              count: r.measures.count,
              cases: r.measures.cases,
              period: periodLabel(r.current.period),
              link: (c) => <a href={caseListHref(measuresFilter(r))}>{c}</a>,
            })}
            {r.measures.count > r.measures.items.length && t('statistics.page.measuresShown', { shown: r.measures.items.length })}
          </>
        )}
      </p>
      {r.measures.items.length > 0 && (
        <ul class="measure-list">
          {r.measures.items.map((m, i) => (
            <li key={`${m.number}-${i}`}>
              <MeasureItem m={m} />
            </li>
          ))}
        </ul>
      )}
      <p class="no-print">{downloads('statistics.page.downloadMeasures', 'atgarder')}</p>

      <h2 id="ladda-ner" class="no-print">
        {t('statistics.page.download')}
      </h2>
      <ul class="downloads no-print">
        <li>
          <a href={`/statistik/export.xlsx?tabell=alla&${q}`}>{t('statistics.page.allInExcel')}</a>
        </li>
        <li>
          <a href={`/statistik/rapport`}>{t('statistics.page.reportLink')}</a>
        </li>
      </ul>
      <form method="get" action="/statistik/arenden" class="stat-form no-print" aria-labelledby="export-rubrik">
        <h3 id="export-rubrik">{t('statistics.page.caseListHeading')}</h3>
        <p class="hint">{t('statistics.page.caseListHint')}</p>
        {Object.entries(p.form).map(([k, v]) => (v ? <input type="hidden" name={k} value={v} key={k} /> : null))}
        {p.mayExportPersonalData ? (
          <div class="field checkbox">
            <input type="checkbox" id="personuppgifter" name="personuppgifter" value="ja" aria-describedby="personuppgifter-hint" />
            <label for="personuppgifter">{t('statistics.page.personalData')}</label>
            <p class="hint" id="personuppgifter-hint">
              {t('statistics.page.personalDataHint')}
            </p>
          </div>
        ) : (
          <p class="hint">{t('statistics.page.noPersonalData')}</p>
        )}
        <div class="field">
          <fieldset>
            <legend>{t('statistics.page.format')}</legend>
            <div class="radios">
              <div class="radio">
                <input type="radio" id="format" name="format" value="xlsx" checked />
                <label for="format">{t('statistics.page.xlsx')}</label>
              </div>
              <div class="radio">
                <input type="radio" id="format-csv" name="format" value="csv" />
                <label for="format-csv">{t('statistics.page.csv')}</label>
              </div>
            </div>
          </fieldset>
        </div>
        <div class="actions">
          <button type="submit" class="secondary">
            {t('statistics.page.downloadCaseList')}
          </button>
        </div>
      </form>
    </StaffLayout>
  );
}

