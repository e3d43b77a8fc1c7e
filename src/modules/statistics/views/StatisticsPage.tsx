import { ErrorSummary, Select, type FieldErrors, type Option } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { CHANNEL_LABEL, KINDS, KIND_LABEL } from '../../cases/labels.ts';
import type { Actor } from '../../cases/policy.ts';
import { caseListHref } from '../drilldown.ts';
import { addMonths, monthName, periodLabel } from '../period.ts';
import { formQuery, type StatForm } from '../params.ts';
import { CHANNEL_KEYS, GROUP_BYS, SMALL_GROUP, type Names, type StatisticsResult } from '../result.ts';
import type { ResultCharts } from '../resultCharts.ts';
import { backlogTable, deadlineTable, GROUP_TITLE, groupTable, measuresFilter, monthAreaTable, monthKindTable, referralTable, subcategoryTable, summaryTable, timesTable } from '../tables.ts';
import { type Table } from '../tableModel.ts';
import { ChartWithTable, DataTable, StatStyles } from './components.tsx';

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

const GROUP_LABELS: Record<(typeof GROUP_BYS)[number], string> = {
  forvaltning: 'Förvaltning',
  namnd: 'Nämnd',
  enhet: 'Enhet',
  kind: 'Typ',
  area: 'Område',
  subcategory: 'Underkategori',
  channel: 'Kanal',
};

export function StatisticsPage(p: StatisticsPageProps) {
  const r = p.result;
  const q = formQuery(p.form);
  const hasErrors = Object.keys(p.errors).length > 0;
  const answerShare = r.current.answerOk + r.current.answerLate === 0 ? null : Math.round((100 * r.current.answerOk) / (r.current.answerOk + r.current.answerLate));
  const exportLinks = (t: Table) => (
    <p class="no-print">
      Ladda ner tabellen: <a href={`/statistik/export.csv?tabell=${t.id}&${q}`}>CSV</a> · <a href={`/statistik/export.xlsx?tabell=${t.id}&${q}`}>Excel (XLSX)</a>
    </p>
  );
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
    <StaffLayout title="Statistik" hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/statistik">
      <StatStyles />
      <h1>Statistik</h1>
      <ErrorSummary errors={p.errors} />
      <p class="lead">
        Synpunkter som kom in {periodLabel(r.current.period)}, jämfört med {periodLabel(r.previous.period)} och med {periodLabel(r.lastYear.period)}.
      </p>
      <p>
        Du ser de ärenden som din roll ger dig tillgång till. Varje siffra är en länk till ärendena bakom den. Grupper med färre än {SMALL_GROUP} ärenden är markerade: dra inga
        slutsatser av dem.
      </p>

      <form method="get" action="/statistik" class="stat-form" aria-labelledby="urval-rubrik">
        <h2 id="urval-rubrik" class="visually-hidden">
          Välj period och urval
        </h2>
        <div class="row">
          <Select name="fran" label="Från och med månad" value={p.form.fran} options={monthOptions(p.today)} error={p.errors.fran} />
          <Select name="till" label="Till och med månad" value={p.form.till} options={monthOptions(p.today)} error={p.errors.till} />
          <Select name="gruppera" label="Dela upp per" value={p.form.gruppera} options={GROUP_BYS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))} />
        </div>
        <div class="row">
          <Select name="enhet" label="Förvaltning eller enhet" value={p.form.enhet} options={unitOptions(p.names, 'Alla')} />
          <Select name="typ" label="Typ" value={p.form.typ} options={[{ value: '', label: 'Alla typer' }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
          <Select name="omrade" label="Område" value={p.form.omrade} options={[{ value: '', label: 'Alla områden' }, ...[...p.names.areas.entries()].map(([id, name]) => ({ value: id, label: name }))]} />
        </div>
        <div class="row">
          <Select
            name="underkategori"
            label="Underkategori"
            value={p.form.underkategori}
            options={[
              { value: '', label: 'Alla underkategorier' },
              ...[...p.names.subcategories.entries()].map(([id, s]) => ({ value: id, label: `${s.name} (${s.unitId ? (p.names.units.get(s.unitId)?.name ?? '') : ''})` })),
            ]}
          />
          <Select name="kanal" label="Kanal" value={p.form.kanal} options={[{ value: '', label: 'Alla kanaler' }, ...CHANNEL_KEYS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))]} />
        </div>
        <div class="actions">
          <button type="submit">Visa statistik</button>
        </div>
      </form>

      <h2 id="sammanfattning">Sammanfattning</h2>
      <ul class="key-figures">
        <li>
          <span class="value">
            <a href={caseListHref(tables.summary.rows[0]!.cells[0]!.filter ?? {})}>{r.current.received}</a>
          </span>
          inkomna synpunkter
        </li>
        <li>
          <span class="value">{r.current.times.responseWorking.median === null ? '–' : String(Math.round(r.current.times.responseWorking.median * 10) / 10).replace('.', ',')}</span>
          arbetsdagar svarstid (median)
        </li>
        <li>
          <span class="value">{answerShare === null ? '–' : `${answerShare} %`}</span>
          besvarade inom tidsfristen
        </li>
        <li>
          <span class="value">
            <a href={caseListHref(tables.backlog.rows[tables.backlog.rows.length - 1]!.cells[0]!.filter ?? { overdue: true })}>{r.backlog.overdue}</a>
          </span>
          försenade öppna ärenden just nu
        </li>
      </ul>
      <DataTable table={tables.summary} />
      {exportLinks(tables.summary)}

      <h2 id="per-manad">Inkomna per månad</h2>
      <ChartWithTable svg={p.charts.monthKind} table={tables.monthKind} lastRowTotal />
      {exportLinks(tables.monthKind)}
      <ChartWithTable svg={p.charts.monthArea} table={tables.monthArea} lastRowTotal />
      {exportLinks(tables.monthArea)}

      <h2 id="tider">Svarstid och handläggningstid</h2>
      <ChartWithTable svg={p.charts.times} table={tables.times} />
      {exportLinks(tables.times)}

      <h2 id="tidsfrister">Tidsfrister</h2>
      <ChartWithTable svg={p.charts.deadlines} table={tables.deadlines} />
      {exportLinks(tables.deadlines)}

      <h2 id="per-grupp">Per {GROUP_TITLE[r.request.groupBy]}</h2>
      <ChartWithTable svg={p.charts.groups} table={tables.groups} />
      {exportLinks(tables.groups)}

      <h2 id="underkategorier">Vanligaste underkategorierna</h2>
      <ChartWithTable svg={p.charts.subcategories} table={tables.subcategories} />
      {exportLinks(tables.subcategories)}

      <h2 id="hanvisningar">Hänvisningar och interna synpunkter</h2>
      <ChartWithTable svg={p.charts.referrals} table={tables.referrals} />
      {exportLinks(tables.referrals)}

      <h2 id="oppna">Öppna ärenden</h2>
      <ChartWithTable svg={p.charts.backlog} table={tables.backlog} />
      {exportLinks(tables.backlog)}

      <h2 id="atgarder">Åtgärder</h2>
      <p>
        {r.measures.count === 0 ? (
          'Inga åtgärder är registrerade i ärenden som avslutades under perioden.'
        ) : (
          <>
            <a href={caseListHref(measuresFilter(r))}>
              {r.measures.count} {r.measures.count === 1 ? 'åtgärd' : 'åtgärder'} i {r.measures.cases} avslutade ärenden
            </a>{' '}
            under {periodLabel(r.current.period)}.
            {r.measures.count > r.measures.items.length && ` Här visas de ${r.measures.items.length} senaste; alla finns i exporten.`}
          </>
        )}
      </p>
      {r.measures.items.length > 0 && (
        <ul class="measure-list">
          {r.measures.items.map((m, i) => (
            <li key={`${m.number}-${i}`}>
              <strong>{m.number}</strong>, avslutat {m.closedOn}
              {m.unit && `, ${m.unit}`}: <span class="user-text">{m.text}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="no-print">
        Ladda ner åtgärderna: <a href={`/statistik/export.csv?tabell=atgarder&${q}`}>CSV</a> · <a href={`/statistik/export.xlsx?tabell=atgarder&${q}`}>Excel (XLSX)</a>
      </p>

      <h2 id="ladda-ner" class="no-print">
        Ladda ner
      </h2>
      <ul class="downloads no-print">
        <li>
          <a href={`/statistik/export.xlsx?tabell=alla&${q}`}>All statistik på sidan i en Excelfil (XLSX), en flik per tabell</a>
        </li>
        <li>
          <a href={`/statistik/rapport`}>Rapport till nämnd (utskrift och PDF)</a>
        </li>
      </ul>
      <form method="get" action="/statistik/arenden" class="stat-form no-print" aria-labelledby="export-rubrik">
        <h3 id="export-rubrik">Ladda ner ärendelistan</h3>
        <p class="hint">Alla ärenden som kom in under perioden i urvalet ovan, med datum i formatet ÅÅÅÅ-MM-DD.</p>
        {Object.entries(p.form).map(([k, v]) => (v ? <input type="hidden" name={k} value={v} key={k} /> : null))}
        {p.mayExportPersonalData ? (
          <div class="field checkbox">
            <input type="checkbox" id="personuppgifter" name="personuppgifter" value="ja" aria-describedby="personuppgifter-hint" />
            <label for="personuppgifter">Ta med personuppgifter</label>
            <p class="hint" id="personuppgifter-hint">
              Synpunktslämnarens namn och kontaktuppgifter, handläggarens namn och synpunktens text, för de ärenden där din roll får se dem. Hantera filen varsamt.
            </p>
          </div>
        ) : (
          <p class="hint">Filen innehåller inga personuppgifter.</p>
        )}
        <div class="field">
          <fieldset>
            <legend>Format</legend>
            <div class="radios">
              <div class="radio">
                <input type="radio" id="format" name="format" value="xlsx" checked />
                <label for="format">Excel (XLSX)</label>
              </div>
              <div class="radio">
                <input type="radio" id="format-csv" name="format" value="csv" />
                <label for="format-csv">CSV (semikolonseparerad, UTF-8)</label>
              </div>
            </div>
          </fieldset>
        </div>
        <div class="actions">
          <button type="submit" class="secondary">
            Ladda ner ärendelistan
          </button>
        </div>
      </form>
    </StaffLayout>
  );
}

