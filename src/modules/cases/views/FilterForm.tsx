import { Select, TextInput, type FieldErrors, Checkbox } from '../../../platform/views/forms.tsx';
import { KIND_LABEL, KINDS } from '../labels.ts';
import { STATUSES } from '../lifecycle.ts';
import { SPAM_CHOICE, type ListParams } from '../listParams.ts';
import type { Lookups } from '../lookups.ts';
import { STATUS_LABEL } from './staffLabels.ts';
import { useI18n } from '../../../platform/i18n/context.ts';

/**
 * The case list's filters: a GET form, so it works without JavaScript and the result has an address.
 * `searchesText`: the free text is searched in the submitter's text too (mayReadExcerpts), and the hint says so.
 */
export function FilterForm({ params, errors, lookups, searchesText }: { params: ListParams; errors: FieldErrors; lookups: Lookups; searchesText: boolean }) {
  const { t } = useI18n();
  const handlers = [...new Map(lookups.handlers.map((h) => [h.id, h])).values()];
  return (
    <form method="get" action="/handlaggning/arenden" class="filters" aria-labelledby="filter-heading" novalidate>
      <h2 id="filter-heading" class="filters-heading">
        {t('cases.filter.heading')}
      </h2>
      <input type="hidden" name="vy" value={params.vy} />
      <input type="hidden" name="sortering" value={params.sortering} />
      {/* Filters from a statistics link have no fields here; they stay until "Rensa filter". */}
      {params.drillDown
        .filter(([k]) => k !== 'omrade' && k !== 'enhet')
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
      {params.drillDown.length > 0 && <p class="notice">{t('cases.filter.drillDown')}</p>}
      <TextInput name="q" type="search" label={t('cases.filter.search')} hint={t(searchesText ? 'cases.filter.searchHint' : 'cases.filter.searchHintWithoutText')} value={params.q} />
      <div class="filter-grid">
        <Select
          name="status"
          label={t('cases.filter.status')}
          value={params.status}
          options={[
            { value: 'oppna', label: t('cases.filter.allOpen') },
            { value: 'alla', label: t('cases.filter.all') },
            ...STATUSES.flatMap((s) => [{ value: s, label: STATUS_LABEL[s] }, ...(s === 'not_handled' ? [{ value: SPAM_CHOICE, label: t('cases.filter.spam') }] : [])]),
          ]}
        />
        <Select name="typ" label={t('cases.filter.kind')} value={params.typ} options={[{ value: '', label: t('cases.filter.allKinds') }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
        <Select name="omrade" label={t('cases.filter.area')} value={params.omrade} options={[{ value: '', label: t('cases.filter.allAreas') }, ...lookups.areas.map((a) => ({ value: a.id, label: a.name }))]} />
        <Select
          name="enhet"
          label={t('cases.filter.unit')}
          value={params.enhet}
          options={[{ value: '', label: t('cases.filter.all') }]}
          groups={lookups.unitGroups.map((g) => ({
            label: g.forvaltning.name,
            options: [{ value: g.forvaltning.id, label: t('cases.actions.wholeDepartment', { name: g.forvaltning.name }) }, ...g.below.map((u) => ({ value: u.id, label: u.name }))],
          }))}
        />
        {params.vy === 'enhet' && (
          <Select name="handlaggare" label={t('cases.filter.handler')} value={params.handlaggare} options={[{ value: '', label: t('cases.filter.allHandlers') }, ...handlers.map((h) => ({ value: h.id, label: h.name }))]} />
        )}
        <TextInput name="fran" type="date" label={t('cases.filter.from')} hint={t('cases.filter.dateHint')} value={params.fran} error={errors.fran} />
        <TextInput name="till" type="date" label={t('cases.filter.to')} hint={t('cases.filter.dateHint')} value={params.till} error={errors.till} />
      </div>
      <Checkbox name="forsenade" label={t('cases.filter.overdueOnly')} checked={params.forsenade === 'ja'} />
      <div class="actions">
        <button type="submit">{t('cases.filter.submit')}</button>
        <a class="button secondary" href={`/handlaggning/arenden?vy=${params.vy}`}>
          {t('cases.filter.clear')}
        </a>
      </div>
    </form>
  );
}
