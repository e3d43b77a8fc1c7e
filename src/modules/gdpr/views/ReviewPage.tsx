import { formatDateTime } from '../../../platform/clock.ts';
import { TextArea, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ActionButton, AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { statusLabel } from '../../cases/labels.ts';
import type { loadReview, Verdict } from '../erasure.ts';
import { KIND_LABEL } from '../identifier.ts';

type Review = Awaited<ReturnType<typeof loadReview>>;

const VERDICT: Record<Verdict, string> = {
  open: 'Öppet ärende: handläggs och bevaras tills vidare',
  held: 'Bevarandestopp: får inte gallras',
  due: 'Ska gallras: tas med i nästa gallring (eller är redan gallrat)',
  kept: 'Bevaras enligt gallringsplanen och levereras till arkivet (artikel 17.3 b)',
  retained: 'Allmän handling som sparas tills gallringsplanens tid har gått ut (artikel 17.3 b)',
  no_rule: 'Ingen regel i gallringsplanen: bevaras',
};

export function ReviewPage(p: AdminPageProps & { data: Review; note: string; errors?: FieldErrors; notice?: string }) {
  const r = p.data.review;
  const open = r.status === 'open';
  const closedCases = p.data.cases.filter((c) => c.closed && !c.legal_hold && !c.disposed_at && !c.contact_pseudonymised_at).length;
  return (
    <AdminLayout title="Granskning av begäran om radering" errors={p.errors} notice={p.notice} {...p}>
      <h1>Granskning av begäran om radering</h1>
      <p>
        Begäran gäller {KIND_LABEL[r.identifier_kind]} {r.identifier_masked}, mottagen {formatDateTime(r.requested_at)} av {r.requested_by_label}.
      </p>
      {p.data.cases.length === 0 ? (
        <p>Personen förekommer inte i något ärende.</p>
      ) : (
        <table>
          <caption>Ärenden där personen förekommer</caption>
          <thead>
            <tr>
              <th scope="col">Ärende</th>
              <th scope="col">Status</th>
              <th scope="col">Gallringsplanen</th>
              <th scope="col">Bedömning</th>
            </tr>
          </thead>
          <tbody>
            {p.data.cases.map((c) => (
              <tr key={c.id}>
                <td>{c.disposed_at ? c.number : <a href={`/handlaggning/arenden/${c.number}`}>{c.number}</a>}</td>
                <td>
                  {c.disposed_at ? 'Gallrat' : statusLabel(c.status)}
                  {c.contact_pseudonymised_at && ', kontaktuppgifterna pseudonymiserade'}
                </td>
                <td>
                  {c.ruleText ?? '–'}
                  {c.due && ` (från ${c.due})`}
                </td>
                <td>{VERDICT[c.verdict]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && p.data.mayPseudonymise && closedCases > 0 && (
        <>
          <h2>Pseudonymisera</h2>
          <p>Namnet ersätts med en pseudonym och e-post, telefon och adress tas bort i de avslutade ärendena ({closedCases}). Texterna finns kvar som allmänna handlingar.</p>
          <ActionButton action={`/admin/arkiv/registerutdrag/granskning/${r.id}/pseudonymisera`} csrf={p.csrf} label={`Pseudonymisera kontaktuppgifterna i ${closedCases} avslutade ärenden`} secondary />
        </>
      )}
      {open ? (
        <>
          <h2>Avsluta granskningen</h2>
          <form method="post" action={`/admin/arkiv/registerutdrag/granskning/${r.id}`} novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextArea name="note" label="Beslut" hint="Det här är underlaget för svaret till personen." value={p.note} error={p.errors?.note} rows={4} />
            <button type="submit">Avsluta granskningen</button>
          </form>
        </>
      ) : (
        <p>
          Granskad {r.reviewed_at ? formatDateTime(r.reviewed_at) : ''} av {r.reviewed_by_label}: <span class="user-text">{r.review_note}</span>
        </p>
      )}
    </AdminLayout>
  );
}
