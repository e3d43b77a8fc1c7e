import { ErrorSummary, Select, type FieldErrors, type Option } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { ALL_COMMITTEES, type ReportForm } from '../params.ts';
import type { ReportData } from '../report.ts';
import { ChartWithTable, DataTable, StatStyles } from './components.tsx';

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
  return (
    <StaffLayout title={r.title} hasErrors={Object.keys(p.errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/statistik">
      <StatStyles />
      <ErrorSummary errors={p.errors} />
      <form method="get" action="/statistik/rapport" class="stat-form" aria-labelledby="rapport-val">
        <h2 id="rapport-val" class="visually-hidden">
          Välj nämnd och period
        </h2>
        <div class="row">
          <Select
            name="namnd"
            label="Nämnd"
            value={p.form.namnd}
            options={[...p.committees.map((c) => ({ value: c, label: c })), { value: ALL_COMMITTEES, label: 'Alla förvaltningar (årsrapport till kommunstyrelsen)' }]}
          />
          <Select name="period" label="Period" value={p.form.period} options={p.periodOptions} error={p.errors.period} />
        </div>
        <div class="actions">
          <button type="submit">Visa rapporten</button>
        </div>
      </form>
      <p class="no-print">
        <a href={`/statistik/rapport.pdf?${q}`} download>
          Ladda ner rapporten som PDF
        </a>{' '}
        · Skriv ut sidan med webbläsarens utskriftsfunktion för en pappersversion.
      </p>

      <section class="report-section" aria-labelledby="rapport-rubrik">
        <h1 id="rapport-rubrik">{r.title}</h1>
        <p class="report-meta">
          {p.orgName} · {r.periodText} · {r.scopeText} · Framtagen {r.producedOn}
        </p>
        <p>{r.intro}</p>
        <h2>Sammanfattning</h2>
        <DataTable table={r.tables.summary} />
      </section>

      {r.tables.sideBySide && (
        <section class="report-section" aria-labelledby="sida-vid-sida">
          <h2 id="sida-vid-sida">Förvaltningarna sida vid sida</h2>
          <DataTable table={r.tables.sideBySide} />
        </section>
      )}

      <section class="report-section" aria-labelledby="r-per-manad">
        <h2 id="r-per-manad">Inkomna synpunkter per månad</h2>
        <ChartWithTable svg={r.charts.monthKind} table={r.tables.monthKind} lastRowTotal />
      </section>

      <section class="report-section" aria-labelledby="r-tider">
        <h2 id="r-tider">Svarstider och tidsfrister</h2>
        <ChartWithTable svg={r.charts.times} table={r.tables.times} />
        <ChartWithTable svg={r.charts.deadlines} table={r.tables.deadlines} />
      </section>

      <section class="report-section" aria-labelledby="r-grupper">
        <h2 id="r-grupper">{r.groupHeading}</h2>
        <ChartWithTable svg={r.charts.groups} table={r.tables.groups} />
      </section>

      <section class="report-section" aria-labelledby="r-underkategorier">
        <h2 id="r-underkategorier">Vanligaste underkategorierna – var kan vi förbättra?</h2>
        <ChartWithTable svg={r.charts.subcategories} table={r.tables.subcategories} />
        <h2>Hänvisningar och interna synpunkter</h2>
        <DataTable table={r.tables.referrals} />
      </section>

      <section class="report-section" aria-labelledby="r-atgarder">
        <h2 id="r-atgarder">Åtgärder</h2>
        <p>
          {r.result.measures.count === 0
            ? 'Inga åtgärder registrerades i ärenden som avslutades under perioden.'
            : `${r.result.measures.count} ${r.result.measures.count === 1 ? 'åtgärd' : 'åtgärder'} registrerades i ${r.result.measures.cases} ärenden som avslutades under perioden.`}
          {r.result.measures.count > r.result.measures.items.length && ` De ${r.result.measures.items.length} senaste visas.`}
        </p>
        {r.result.measures.items.length > 0 && (
          <ul class="measure-list">
            {r.result.measures.items.map((m, i) => (
              <li key={`${m.number}-${i}`}>
                <strong>{m.number}</strong>, avslutat {m.closedOn}
                {m.unit && `, ${m.unit}`}: <span class="user-text">{m.text}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </StaffLayout>
  );
}
