import { formatDateTime } from '../../../platform/clock.ts';
import { TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { KIND_LABEL } from '../../cases/labels.ts';
import type { LogRow } from '../log.ts';
import { Pager } from './layout.tsx';

export function DisposalLogPage(p: AdminPageProps & { rows: LogRow[]; page: number; hasMore: boolean; from: string; to: string; errors?: FieldErrors }) {
  const query = { fran: p.from, till: p.to };
  const csv = `/admin/arkiv/gallringslogg.csv?${new URLSearchParams(Object.fromEntries(Object.entries(query).filter(([, v]) => v)))}`;
  return (
    <AdminLayout title="Gallringslogg" errors={p.errors} {...p}>
      <h1>Gallringslogg</h1>
      <p>Det som finns kvar av gallrade ärenden: registeruppgifterna, regeln och beslutet, när och av vem. Loggen kan inte ändras.</p>
      <form method="get" action="/admin/arkiv/gallringslogg" novalidate class="filter-form">
        <TextInput name="fran" type="date" label="Gallrade från och med" value={p.from} error={p.errors?.fran} />
        <TextInput name="till" type="date" label="Till och med" value={p.to} error={p.errors?.till} />
        <button type="submit" class="secondary">
          Visa
        </button>
      </form>
      <p>
        <a href={csv}>Ladda ner loggen som CSV</a>
      </p>
      {p.rows.length === 0 ? (
        <p>Inga gallrade ärenden{p.from || p.to ? ' under den perioden' : ''}.</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="gallringslogg-tabell" tabindex={0}>
          <table>
            <caption id="gallringslogg-tabell" class="visually-hidden">Gallrade ärenden, senaste först</caption>
            <thead>
              <tr>
                <th scope="col">Ärende</th>
                <th scope="col">Inkom</th>
                <th scope="col">Typ</th>
                <th scope="col">Område</th>
                <th scope="col">Förvaltning</th>
                <th scope="col">Avslutat</th>
                <th scope="col">Regel</th>
                <th scope="col">Beslut</th>
                <th scope="col">Gallrat</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.case_number}</td>
                  <td>{r.received_on}</td>
                  <td>{KIND_LABEL[r.kind]}</td>
                  <td>{r.area_name ?? '–'}</td>
                  <td>{r.forvaltning_name ?? '–'}</td>
                  <td>{r.closed_on}</td>
                  <td>
                    {r.rule_text} ({r.rule_decision_ref})
                  </td>
                  <td>{r.decision_ref}</td>
                  <td>
                    {formatDateTime(r.disposed_at)}, {r.disposed_by_label}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/admin/arkiv/gallringslogg" page={p.page} hasMore={p.hasMore} query={query} />
    </AdminLayout>
  );
}
