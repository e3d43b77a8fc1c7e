import type { CaseKind, Channel } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { CHANNEL_LABEL, KIND_LABEL } from '../../cases/labels.ts';
import type { Actor } from '../../cases/policy.ts';
import { formatAge } from '../../cases/views/format.ts';
import { SuccessBanner } from '../../cases/views/SuccessBanner.tsx';
import type { InboxRow } from '../queries.ts';
import { CaseNumberCell } from '../../cases/views/CaseTable.tsx';

export interface InboxProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  rows: InboxRow[];
  total: number;
  page: number;
  pageSize: number;
  now: Date;
  showExcerpt: boolean;
  done?: string;
}

/** The registrar's inbox: what has arrived and waits to be registered, the longest-waiting first. */
export function InboxPage(p: InboxProps) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  return (
    <StaffLayout title="Inkorg" orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/inkorg">
      <SuccessBanner>{p.done}</SuccessBanner>
      <h1>Inkorg</h1>
      <p class="lead">{p.total === 0 ? 'Inkorgen är tom. Allt som har kommit in är registrerat.' : `${p.total === 1 ? '1 synpunkt väntar' : `${p.total} synpunkter väntar`} på att registreras. Den som väntat längst står först.`}</p>
      {p.rows.length > 0 && (
        <div class="table-scroll">
          <table class="case-table">
            <caption class="visually-hidden">
              Mottagna synpunkter som inte är registrerade, sida {p.page} av {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Ärende</th>
                <th scope="col">Mottagen</th>
                <th scope="col">Har väntat</th>
                <th scope="col">Typ</th>
                <th scope="col">Kanal</th>
                <th scope="col">Föreslagen förvaltning</th>
                <th scope="col">Åtgärd</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id}>
                  <CaseNumberCell c={r} showExcerpt={p.showExcerpt} />
                  <td>
                    <time dateTime={r.received_at.toISOString()}>{formatDateTime(r.received_at)}</time>
                  </td>
                  <td>{formatAge(r.received_at, p.now)}</td>
                  <td>{KIND_LABEL[r.kind as CaseKind] ?? r.kind}</td>
                  <td>{CHANNEL_LABEL[r.channel as Channel] ?? r.channel}</td>
                  <td>{r.suggested_unit_name ?? <span class="muted">Vet inte</span>}</td>
                  <td>
                    <a href={`/handlaggning/arenden/${r.number}/registrera`}>
                      Registrera<span class="visually-hidden"> {r.number}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Sidor" class="pagination">
          {p.page > 1 && <a href={`/handlaggning/inkorg?sida=${p.page - 1}`}>Föregående sida</a>}
          <span>
            Sida {p.page} av {pages}
          </span>
          {p.page < pages && <a href={`/handlaggning/inkorg?sida=${p.page + 1}`}>Nästa sida</a>}
        </nav>
      )}
    </StaffLayout>
  );
}
