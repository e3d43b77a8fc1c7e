import { formatDateTime } from '../../../platform/clock.ts';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';

export interface Hold {
  number: string;
  reason: string;
  placed_by_label: string;
  placed_at: Date;
}

export function RecordsOverviewPage(p: AdminPageProps & { rules: number; due: number; holds: number; openReviews: number }) {
  return (
    <AdminLayout title="Arkiv och gallring" {...p}>
      <h1>Arkiv och gallring</h1>
      <p>
        Synpunkter är allmänna handlingar från att de kommer in. Gallringsplanen säger hur länge de sparas; de av vikt för verksamheten bevaras och levereras till arkivet.
      </p>
      <ul>
        <li>
          <a href="/admin/arkiv/gallringsplan">Gallringsplan</a>: {p.rules === 0 ? 'ingen plan ännu' : `${p.rules} regler`}
        </li>
        <li>
          <a href="/admin/arkiv/gallring">Gallring</a>: {p.due === 0 ? 'inget att gallra i dag' : `${p.due} ärenden att gallra`}
        </li>
        <li>
          <a href="/admin/arkiv/bevarandestopp">Bevarandestopp</a>: {p.holds} ärenden
        </li>
        <li>
          <a href="/admin/arkiv/registerutdrag">Registerutdrag och radering</a>: {p.openReviews === 0 ? 'inga öppna begäranden om radering' : `${p.openReviews} öppna begäranden om radering`}
        </li>
        <li>
          <a href="/admin/arkiv/e-arkiv">Leverans till e-arkiv</a>
        </li>
      </ul>
    </AdminLayout>
  );
}

export function HoldsPage(p: AdminPageProps & { holds: Hold[]; showReasons: boolean }) {
  return (
    <AdminLayout title="Bevarandestopp" {...p}>
      <h1>Bevarandestopp</h1>
      <p>Ärenden med bevarandestopp gallras inte och levereras inte. Stoppet läggs och hävs på ärendets sida.</p>
      {p.holds.length === 0 ? (
        <p>Inga ärenden har bevarandestopp.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Ärenden med bevarandestopp</caption>
          <thead>
            <tr>
              <th scope="col">Ärende</th>
              <th scope="col">Skäl</th>
              <th scope="col">Lagt</th>
            </tr>
          </thead>
          <tbody>
            {p.holds.map((h) => (
              <tr key={h.number}>
                <td>
                  <a href={`/handlaggning/arenden/${h.number}`}>{h.number}</a>
                </td>
                <td class="user-text">{p.showReasons ? h.reason : 'Visas på ärendets sida'}</td>
                <td>
                  {formatDateTime(h.placed_at)}, {h.placed_by_label}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
