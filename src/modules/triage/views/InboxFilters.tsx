import { useI18n } from '../../../platform/i18n/context.ts';
import { Select, TextInput } from '../../../platform/views/forms.tsx';
import { CHANNEL_LABEL, KIND_LABEL, KINDS } from '../../cases/labels.ts';
import type { Lookups } from '../../cases/lookups.ts';
import { INBOX_SORTS, type InboxParams } from '../inboxParams.ts';

/** Search, filters and sort of the inbox: a GET form, so it works without JavaScript and the result has an address. */
export function InboxFilters({ params, lookups }: { params: InboxParams; lookups: Lookups }) {
  const { t } = useI18n();
  return (
    <form method="get" action="/handlaggning/inkorg" class="filters" aria-labelledby="inkorg-filter-rubrik" novalidate>
      <h2 id="inkorg-filter-rubrik" class="filters-heading">
        {t('triage.filters.heading')}
      </h2>
      <TextInput name="q" type="search" label={t('triage.filters.search')} hint={t('triage.filters.searchHint')} value={params.q} />
      <div class="filter-grid">
        <Select name="typ" label={t('triage.filters.kind')} value={params.typ} options={[{ value: '', label: t('triage.filters.allKinds') }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
        <Select
          name="kanal"
          label={t('triage.filters.channel')}
          value={params.kanal}
          options={[{ value: '', label: t('triage.filters.allChannels') }, ...Object.entries(CHANNEL_LABEL).map(([value, label]) => ({ value, label }))]}
        />
        <Select
          name="forvaltning"
          label={t('triage.filters.suggestedUnit')}
          value={params.forvaltning}
          options={[{ value: '', label: t('triage.filters.all') }, { value: 'ingen', label: t('triage.filters.noSuggestion') }, ...lookups.unitGroups.map((g) => ({ value: g.forvaltning.id, label: g.forvaltning.name }))]}
        />
        <Select name="sortering" label={t('triage.filters.sort')} value={params.sortering} options={Object.entries(INBOX_SORTS).map(([value, label]) => ({ value, label }))} />
      </div>
      <div class="actions">
        <button type="submit">{t('triage.filters.submit')}</button>
        <a class="button secondary" href="/handlaggning/inkorg">
          {t('triage.filters.clear')}
        </a>
      </div>
    </form>
  );
}
