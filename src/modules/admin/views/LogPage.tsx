import { formatDateTime } from '../../../platform/clock.ts';
import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

export interface LogRow {
  id: string;
  occurred_at: Date;
  actor_label: string;
  action: string;
  entity_type: string;
  summary: string;
  before: unknown;
  after: unknown;
  forvaltning_name: string | null;
}

const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v, null, 2));

export function LogPage({ rows, page, hasMore, ...props }: AdminPageProps & { rows: LogRow[]; page: number; hasMore: boolean }) {
  return (
    <AdminLayout title="Ändringslogg" {...props}>
      <h1>Ändringslogg</h1>
      <p>Varje ändring i administrationen: vem, när, vad och hur det såg ut före och efter. Loggen kan inte ändras.</p>
      <p>
        <a href="/admin/logg.csv" download>
          Ladda ner hela loggen som CSV
        </a>{' '}
        (semikolonseparerad, för kalkylprogram och loggsystem; integrationer kan också läsa den via API:t, <code>GET /api/v1/audit</code>).
      </p>
      {rows.length === 0 ? (
        <p>Inga ändringar ännu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Ändringar, senaste först</caption>
          <thead>
            <tr>
              <th scope="col">När</th>
              <th scope="col">Vem</th>
              <th scope="col">Ändring</th>
              <th scope="col">Före och efter</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.occurred_at)}</td>
                <td>{r.actor_label}</td>
                <td>
                  {r.summary}
                  {r.forvaltning_name && <span class="muted"> ({r.forvaltning_name})</span>}
                </td>
                <td>
                  {(r.before != null || r.after != null) && (
                    <details>
                      <summary>Visa</summary>
                      {r.before != null && (
                        <>
                          <p>Före:</p>
                          <pre class="user-text">{show(r.before)}</pre>
                        </>
                      )}
                      {r.after != null && (
                        <>
                          <p>Efter:</p>
                          <pre class="user-text">{show(r.after)}</pre>
                        </>
                      )}
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Sidor" class="pagination">
        {page > 1 && <a href={`/admin/logg?sida=${page - 1}`}>Nyare</a>} {hasMore && <a href={`/admin/logg?sida=${page + 1}`}>Äldre</a>}
      </nav>
    </AdminLayout>
  );
}
