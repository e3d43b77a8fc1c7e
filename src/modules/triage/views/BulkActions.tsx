import { Radios, Select, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Lookups } from '../../cases/lookups.ts';
import { SIGNIFICANCE_LABEL } from '../../cases/views/staffLabels.ts';
import { BULK_ACTIONS, type BulkInput, type BulkResult } from '../bulk.ts';

/** What can be done with the ticked cases: the fields registering needs and one button per action. */
export function BulkActions({ lookups, input, errors }: { lookups: Lookups; input?: BulkInput; errors: FieldErrors }) {
  return (
    <fieldset class="bulk-actions" aria-describedby="bulk-hint">
      <legend>Gör med de valda ärendena</legend>
      <p class="hint" id="bulk-hint">
        Registrera: ärendena får typen som synpunktslämnaren valde, området och betydelsen nedan och skickas till förvaltningen de föreslog eller den du väljer. Behöver ett ärende
        underkategori eller sekretess, registrera det för sig. Skräp avslutas utan svar och räknas inte i statistiken.
      </p>
      <div class="filter-grid">
        <Select
          name="omrade"
          id="bulk-omrade"
          label="Område"
          hint="Krävs för att registrera."
          value={input?.areaId ?? ''}
          error={errors.omrade}
          options={[{ value: '', label: 'Välj område' }, ...lookups.areas.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <Select
          name="enhet"
          id="bulk-enhet"
          label="Skicka till förvaltning eller enhet"
          hint="Bara för ”Registrera och skicka”."
          value={input?.unitId ?? ''}
          error={errors.enhet}
          options={[{ value: '', label: 'Välj förvaltning eller enhet' }]}
          groups={lookups.unitGroups.map((g) => ({
            label: g.forvaltning.name,
            options: [{ value: g.forvaltning.id, label: `${g.forvaltning.name} (förvaltningen)` }, ...g.below.map((u) => ({ value: u.id, label: u.name }))],
          }))}
        />
      </div>
      <Radios
        name="betydelse"
        id="bulk-betydelse"
        legend="Betydelse för arkivet"
        value={input?.significance ?? ''}
        error={errors.betydelse}
        options={(['important', 'routine'] as const).map((s) => ({ value: s, label: SIGNIFICANCE_LABEL[s] }))}
      />
      <div class="actions">
        {Object.entries(BULK_ACTIONS).map(([value, label], i) => (
          <button key={value} type="submit" name="atgard" value={value} id={i === 0 ? 'atgard' : undefined} class={value === 'skrap' ? 'secondary' : undefined}>
            {label}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

const DONE_WORDS = { registrera: 'registrerade och skickade till föreslagen förvaltning', skicka: 'registrerade och skickade', skrap: 'markerade som skräp' } as const;
const count = (n: number) => (n === 1 ? '1 ärende' : `${n} ärenden`);

/** After a bulk action: what was done and what was refused, with the reason for each. */
export function BulkSummary({ result }: { result?: BulkResult }) {
  if (!result) return null;
  return (
    <div class="bulk-summary" role="status" tabindex={-1} autofocus>
      {result.done.length > 0 && (
        <div class="success-banner">
          <h2>
            {count(result.done.length)} {DONE_WORDS[result.action]}
          </h2>
          <p>{result.done.join(', ')}</p>
        </div>
      )}
      {result.refused.length > 0 && (
        <div class="notice notice--refused">
          <h2>{count(result.refused.length)} kunde inte ändras</h2>
          <ul>
            {result.refused.map((r) => (
              <li key={r.number}>
                <a href={`/handlaggning/arenden/${r.number}`}>{r.number}</a>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
