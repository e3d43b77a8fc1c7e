import { Select, TextInput } from '../../../platform/views/forms.tsx';
import { CHANNEL_LABEL, KIND_LABEL, KINDS } from '../../cases/labels.ts';
import type { Lookups } from '../../cases/lookups.ts';
import { INBOX_SORTS, type InboxParams } from '../inboxParams.ts';

/** Search, filters and sort of the inbox: a GET form, so it works without JavaScript and the result has an address. */
export function InboxFilters({ params, lookups }: { params: InboxParams; lookups: Lookups }) {
  return (
    <form method="get" action="/handlaggning/inkorg" class="filters" aria-labelledby="inkorg-filter-rubrik" novalidate>
      <h2 id="inkorg-filter-rubrik" class="filters-heading">
        Sök och filtrera
      </h2>
      <TextInput name="q" type="search" label="Sök" hint="Namn, e-postadress, telefonnummer, ärendenummer (hela eller bara löpnumret) eller ord i texten." value={params.q} />
      <div class="filter-grid">
        <Select name="typ" label="Typ" value={params.typ} options={[{ value: '', label: 'Alla typer' }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
        <Select
          name="kanal"
          label="Kanal"
          value={params.kanal}
          options={[{ value: '', label: 'Alla kanaler' }, ...Object.entries(CHANNEL_LABEL).map(([value, label]) => ({ value, label }))]}
        />
        <Select
          name="forvaltning"
          label="Föreslagen förvaltning"
          value={params.forvaltning}
          options={[{ value: '', label: 'Alla' }, { value: 'ingen', label: 'Vet inte (ingen föreslagen)' }, ...lookups.unitGroups.map((g) => ({ value: g.forvaltning.id, label: g.forvaltning.name }))]}
        />
        <Select name="sortering" label="Sortering" value={params.sortering} options={Object.entries(INBOX_SORTS).map(([value, label]) => ({ value, label }))} />
      </div>
      <div class="actions">
        <button type="submit">Visa</button>
        <a class="button secondary" href="/handlaggning/inkorg">
          Rensa sökning och filter
        </a>
      </div>
    </form>
  );
}
