import { formatDateTime } from '../../../platform/clock.ts';
import { TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { KIND_LABEL } from '../../cases/labels.ts';
import type { RunRule } from '../disposal.ts';
import type { DueCase, DueSummary } from '../due.ts';
import { Pager } from './layout.tsx';

export interface RunRow {
  id: string;
  decision_ref: string;
  due_on: string;
  expected: number;
  disposed: number;
  status: 'running' | 'done';
  requested_by_label: string;
  requested_at: Date;
  finished_at: Date | null;
}

const n = (x: number, one: string, many: string) => (x === 1 ? `1 ${one}` : `${x} ${many}`);

export function DisposalPage(p: AdminPageProps & { today: string; rules: RunRule[]; summary: DueSummary; due: DueCase[]; page: number; hasMore: boolean; runs: RunRow[]; decision: string; errors?: FieldErrors; notice?: string }) {
  const s = p.summary;
  const running = p.runs.find((r) => r.status === 'running');
  return (
    <AdminLayout title="Gallring" errors={p.errors} notice={p.notice} {...p}>
      <h1>Gallring</h1>
      <p>
        Provkörningen visar vilka ärenden som är att gallra i dag ({p.today}) enligt gallringsplanen. Den ändrar ingenting. Öppna ärenden, ärenden med bevarandestopp och ärenden
        som ska bevaras men inte har levererats till arkivet gallras aldrig.
      </p>
      {running && (
        <div class="notice" role="status">
          <p>
            Gallring enligt beslut {running.decision_ref} pågår: {running.disposed} av {running.expected} ärenden är gallrade. Ladda om sidan för att se hur det går.
          </p>
        </div>
      )}
      <h2>Provkörning</h2>
      <dl class="summary-list">
        {p.rules
          .filter((r) => r.action === 'dispose')
          .map((r) => (
            <div key={r.id}>
              <dt>{r.text}</dt>
              <dd>{n(s.byRule[r.id] ?? 0, 'ärende', 'ärenden')}</dd>
            </div>
          ))}
        <div>
          <dt>Bevarade ärenden som arkivet har kvitterat</dt>
          <dd>{n(s.delivered, 'ärende', 'ärenden')}</dd>
        </div>
        <div>
          <dt>Att gallra totalt</dt>
          <dd>
            <strong>{n(s.total, 'ärende', 'ärenden')}</strong>
          </dd>
        </div>
        <div>
          <dt>Gallras inte: bevarandestopp</dt>
          <dd>{n(s.held, 'ärende', 'ärenden')}</dd>
        </div>
        <div>
          <dt>Gallras inte: saknar betydelse</dt>
          <dd>{n(s.unclassified, 'avslutat ärende', 'avslutade ärenden')}</dd>
        </div>
        <div>
          <dt>Ska levereras till e-arkivet</dt>
          <dd>{n(s.deliveryDue, 'ärende', 'ärenden')}</dd>
        </div>
      </dl>
      {p.due.length > 0 && (
        <div class="table-scroll" role="region" aria-labelledby="att-gallra-tabell" tabindex={0}>
          <table>
            <caption id="att-gallra-tabell">Ärenden att gallra, äldst avslutade först</caption>
            <thead>
              <tr>
                <th scope="col">Ärende</th>
                <th scope="col">Inkom</th>
                <th scope="col">Typ</th>
                <th scope="col">Område</th>
                <th scope="col">Förvaltning</th>
                <th scope="col">Avslutat</th>
                <th scope="col">Att gallra från</th>
              </tr>
            </thead>
            <tbody>
              {p.due.map((c) => (
                <tr key={c.id}>
                  <td>{c.number}</td>
                  <td>{c.received_on}</td>
                  <td>{KIND_LABEL[c.kind]}</td>
                  <td>{c.area_name ?? '–'}</td>
                  <td>{c.forvaltning_name ?? '–'}</td>
                  <td>{c.closed_on}</td>
                  <td>{c.due_on}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/admin/arkiv/gallring" page={p.page} hasMore={p.hasMore} />
      {s.total > 0 && !running && (
        <>
          <h2>Verkställ gallringen</h2>
          <p>
            Gallringen tar bort ärendenas innehåll överallt: text, kontaktuppgifter, meddelanden och utkorgens kopior, bilagor, anteckningar, publicerade versioner och sökindex.
            Kvar blir en rad per ärende i gallringsloggen. Statistiken för tidigare perioder ändras inte. Det går inte att ångra.
          </p>
          <form method="post" action="/admin/arkiv/gallring" novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextInput name="decision" label="Beslut om gallring" hint="Diarienummer eller referens till beslutet, till exempel KS 2030/17." value={p.decision} error={p.errors?.decision} />
            <button type="submit">Gallra {n(s.total, 'ärende', 'ärenden')}</button>
          </form>
        </>
      )}
      <h2>Genomförda gallringar</h2>
      {p.runs.length === 0 ? (
        <p>Ingen gallring har gjorts ännu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Gallringar, senaste först</caption>
          <thead>
            <tr>
              <th scope="col">Beslut</th>
              <th scope="col">Startad</th>
              <th scope="col">Av</th>
              <th scope="col">Gallrade</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {p.runs.map((r) => (
              <tr key={r.id}>
                <td>{r.decision_ref}</td>
                <td>{formatDateTime(r.requested_at)}</td>
                <td>{r.requested_by_label}</td>
                <td>
                  {r.disposed} av {r.expected}
                </td>
                <td>{r.status === 'done' ? `Klar ${r.finished_at ? formatDateTime(r.finished_at) : ''}` : 'Pågår'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
