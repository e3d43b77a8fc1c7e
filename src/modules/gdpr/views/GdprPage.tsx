import { formatDateTime } from '../../../platform/clock.ts';
import { Radios, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import type { listRequests } from '../erasure.ts';
import { KIND_LABEL } from '../identifier.ts';

type Request = Awaited<ReturnType<typeof listRequests>>[number];

export function GdprPage(p: AdminPageProps & { requests: Request[]; input: { kind: string; value: string; what: string }; errors?: FieldErrors; notice?: string }) {
  return (
    <AdminLayout title="Registerutdrag och radering" errors={p.errors} notice={p.notice} {...p}>
      <h1>Registerutdrag och radering</h1>
      <p>
        Var och en har rätt att få veta vilka personuppgifter om sig själv som behandlas (artikel 15 i dataskyddsförordningen). En begäran om radering (artikel 17) av en allmän
        handling blir en granskning: handlingen bevaras enligt arkivlagen (artikel 17.3 b) om den inte ska gallras. Varje utdrag och varje begäran sparas, med personens uppgift
        maskerad.
      </p>
      <form method="post" action="/admin/arkiv/registerutdrag" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <Radios
          name="kind"
          legend="Sök personen på"
          value={p.input.kind}
          error={p.errors?.kind}
          options={[
            { value: 'email', label: 'E-postadress' },
            { value: 'phone', label: 'Telefonnummer' },
            { value: 'personnummer', label: 'Personnummer', hint: 'Söker i det personen har skrivit, eftersom personnummer inte krävs och inte sparas som kontaktuppgift.' },
          ]}
        />
        <TextInput name="value" label="E-postadress, telefonnummer eller personnummer" value={p.input.value} error={p.errors?.value} autocomplete="off" />
        <Radios
          name="what"
          legend="Vad har personen begärt?"
          value={p.input.what}
          error={p.errors?.what}
          options={[
            { value: 'extract', label: 'Registerutdrag', hint: 'Du får utdraget som PDF att skicka till personen.' },
            { value: 'erasure', label: 'Radering', hint: 'Ärendena granskas mot gallringsplanen.' },
          ]}
        />
        <button type="submit">Fortsätt</button>
      </form>
      <h2>Tidigare begäranden</h2>
      {p.requests.length === 0 ? (
        <p>Inga ännu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Begäranden, senaste först</caption>
          <thead>
            <tr>
              <th scope="col">När</th>
              <th scope="col">Vad</th>
              <th scope="col">Person</th>
              <th scope="col">Ärenden</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {p.requests.map((r) => (
              <tr key={r.id}>
                <td>
                  {formatDateTime(r.requested_at)}, {r.requested_by_label}
                </td>
                <td>{r.type === 'extract' ? `Registerutdrag${r.channel === 'api' ? ' (API)' : ''}` : 'Radering'}</td>
                <td>
                  {KIND_LABEL[r.identifier_kind]} {r.identifier_masked}
                </td>
                <td>{r.case_ids.length}</td>
                <td>
                  {r.type === 'extract' ? 'Utlämnat' : <a href={`/admin/arkiv/registerutdrag/granskning/${r.id}`}>{r.status === 'open' ? 'Granska' : 'Granskad'}</a>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
