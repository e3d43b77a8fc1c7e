import { Select, TextInput, type FieldErrors, Checkbox } from '../../../platform/views/forms.tsx';
import { KIND_LABEL, KINDS } from '../labels.ts';
import { STATUSES } from '../lifecycle.ts';
import type { ListParams } from '../listParams.ts';
import type { Lookups } from '../lookups.ts';
import { STATUS_LABEL } from './staffLabels.ts';

/** The case list's filters: a GET form, so it works without JavaScript and the result has an address. */
export function FilterForm({ params, errors, lookups }: { params: ListParams; errors: FieldErrors; lookups: Lookups }) {
  const handlers = [...new Map(lookups.handlers.map((h) => [h.id, h])).values()];
  return (
    <form method="get" action="/handlaggning/arenden" class="filters" aria-labelledby="filter-heading" novalidate>
      <h2 id="filter-heading" class="filters-heading">
        Filtrera och sök
      </h2>
      <input type="hidden" name="vy" value={params.vy} />
      <input type="hidden" name="sortering" value={params.sortering} />
      {/* Filters from a statistics link have no fields here; they stay until "Rensa filter". */}
      {params.drillDown
        .filter(([k]) => k !== 'omrade' && k !== 'enhet')
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
      {params.drillDown.length > 0 && <p class="notice">Listan visar ärendena bakom en siffra i statistiken. Välj ”Rensa filter” för att se alla ärenden.</p>}
      <TextInput name="q" type="search" label="Sök" hint="Ord i synpunktens text eller ett ärendenummer. Olika böjningar hittas: ”skolor” hittar även ”skola”." value={params.q} />
      <div class="filter-grid">
        <Select
          name="status"
          label="Status"
          value={params.status}
          options={[{ value: 'oppna', label: 'Alla öppna' }, { value: 'alla', label: 'Alla' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
        />
        <Select name="typ" label="Typ" value={params.typ} options={[{ value: '', label: 'Alla typer' }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
        <Select name="omrade" label="Område" value={params.omrade} options={[{ value: '', label: 'Alla områden' }, ...lookups.areas.map((a) => ({ value: a.id, label: a.name }))]} />
        <Select
          name="enhet"
          label="Förvaltning eller enhet"
          value={params.enhet}
          options={[{ value: '', label: 'Alla' }]}
          groups={lookups.unitGroups.map((g) => ({
            label: g.forvaltning.name,
            options: [{ value: g.forvaltning.id, label: `${g.forvaltning.name} (hela förvaltningen)` }, ...g.below.map((u) => ({ value: u.id, label: u.name }))],
          }))}
        />
        {params.vy === 'enhet' && (
          <Select name="handlaggare" label="Handläggare" value={params.handlaggare} options={[{ value: '', label: 'Alla handläggare' }, ...handlers.map((h) => ({ value: h.id, label: h.name }))]} />
        )}
        <TextInput name="fran" type="date" label="Mottagen från och med" hint="ÅÅÅÅ-MM-DD" value={params.fran} error={errors.fran} />
        <TextInput name="till" type="date" label="Mottagen till och med" hint="ÅÅÅÅ-MM-DD" value={params.till} error={errors.till} />
      </div>
      <Checkbox name="forsenade" label="Bara försenade (svarsdatumet har passerat)" checked={params.forsenade === 'ja'} />
      <div class="actions">
        <button type="submit">Visa ärenden</button>
        <a class="button secondary" href={`/handlaggning/arenden?vy=${params.vy}`}>
          Rensa filter
        </a>
      </div>
    </form>
  );
}
