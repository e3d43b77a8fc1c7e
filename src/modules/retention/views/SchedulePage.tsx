import { Radios, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ActionButton, AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { KIND_LABEL, KINDS } from '../../cases/labels.ts';
import type { RuleInput } from '../rules.ts';
import type { RunRule } from '../disposal.ts';

export const EMPTY_RULE: RuleInput = { significance: '', kind: '', areaId: '', action: '', years: '', decisionRef: '' };

export function SchedulePage(p: AdminPageProps & { rules: RunRule[]; areas: { id: string; name: string }[]; input: RuleInput; errors?: FieldErrors; notice?: string }) {
  return (
    <AdminLayout title="Gallringsplan" errors={p.errors} notice={p.notice} {...p}>
      <h1>Gallringsplan</h1>
      <p>
        Gallringsplanen är organisationens dokumenthanteringsplan för synpunkter. Varje regel gäller ärenden med en viss betydelse och kan begränsas till en typ eller ett område;
        den mest precisa regeln som passar ett ärende gäller. Tiden räknas från dagen då ärendet avslutades. Ärenden som saknar regel eller betydelse gallras aldrig, och
        inget gallras utan ett beslut.
      </p>
      <h2>Regler</h2>
      {p.rules.length === 0 ? (
        <>
          <p>Det finns ingen gallringsplan ännu. Inget gallras.</p>
          <ActionButton action="/admin/arkiv/gallringsplan/hjo" csrf={p.csrf} label="Börja med Hjo kommuns plan (rutinmässiga gallras efter 2 år, de av vikt bevaras och levereras efter 5 år)" secondary />
        </>
      ) : (
        <table>
          <caption class="visually-hidden">Gallringsplanens regler</caption>
          <thead>
            <tr>
              <th scope="col">Regel</th>
              <th scope="col">Beslut i dokumenthanteringsplanen</th>
              <th scope="col">
                <span class="visually-hidden">Ta bort</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rules.map((r) => (
              <tr key={r.id}>
                <td>{r.text}</td>
                <td>{r.decisionRef}</td>
                <td>
                  <ActionButton action={`/admin/arkiv/gallringsplan/${r.id}/ta-bort`} csrf={p.csrf} label="Ta bort" secondary ariaLabel={`Ta bort regeln ${r.text}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Lägg till eller ändra en regel</h2>
      <p>En regel för samma betydelse, typ och område som en befintlig ersätter den.</p>
      <form method="post" action="/admin/arkiv/gallringsplan" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <Radios
          name="significance"
          legend="Gäller ärenden som är"
          value={p.input.significance}
          error={p.errors?.significance}
          options={[
            { value: 'important', label: 'Av vikt för verksamheten' },
            { value: 'routine', label: 'Rutinmässiga' },
          ]}
        />
        <Select name="kind" label="Typ (frivilligt)" value={p.input.kind} error={p.errors?.kind} options={[{ value: '', label: 'Alla typer' }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
        <Select name="areaId" label="Område (frivilligt)" value={p.input.areaId} error={p.errors?.areaId} options={[{ value: '', label: 'Alla områden' }, ...p.areas.map((a) => ({ value: a.id, label: a.name }))]} />
        <Radios
          name="action"
          legend="Vad händer"
          value={p.input.action}
          error={p.errors?.action}
          options={[
            { value: 'dispose', label: 'Gallras', hint: 'Innehållet tas bort efter det antal år som anges. Registeruppgifterna finns kvar i gallringsloggen.' },
            { value: 'keep', label: 'Bevaras', hint: 'Levereras till arkivet efter det antal år som anges och gallras i Lyhörd först när arkivet har bekräftat mottagandet.' },
          ]}
        />
        <TextInput name="years" label="Antal år efter att ärendet avslutades" inputmode="numeric" value={p.input.years} error={p.errors?.years} />
        <TextInput name="decisionRef" label="Beslut i dokumenthanteringsplanen" hint="Till exempel KS 2019/12 § 4, eller planens rubrik och rad." value={p.input.decisionRef} error={p.errors?.decisionRef} />
        <button type="submit">Spara regeln</button>
      </form>
    </AdminLayout>
  );
}
