import { useI18n } from '../../../platform/i18n/context.ts';
import { Radios, Select, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Lookups } from '../../cases/lookups.ts';
import { SIGNIFICANCE_LABEL } from '../../cases/views/staffLabels.ts';
import { BULK_ACTIONS, type BulkInput, type BulkResult } from '../bulk.ts';
import { BULK_REFUSALS } from '../bulkResult.ts';

/** What can be done with the ticked cases: the fields registering needs and one button per action. */
export function BulkActions({ lookups, input, errors }: { lookups: Lookups; input?: BulkInput; errors: FieldErrors }) {
  const { t } = useI18n();
  return (
    <fieldset class="bulk-actions" aria-describedby="bulk-hint">
      <legend>{t('triage.bulk.legend')}</legend>
      <p class="hint" id="bulk-hint">
        {t('triage.bulk.hint')}
      </p>
      <div class="filter-grid">
        <Select
          name="omrade"
          id="bulk-omrade"
          label={t('triage.bulk.area')}
          hint={t('triage.bulk.areaHint')}
          value={input?.areaId ?? ''}
          error={errors.omrade}
          options={[{ value: '', label: t('triage.bulk.chooseArea') }, ...lookups.areas.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <Select
          name="enhet"
          id="bulk-enhet"
          label={t('triage.bulk.unit')}
          hint={t('triage.bulk.unitHint')}
          value={input?.unitId ?? ''}
          error={errors.enhet}
          options={[{ value: '', label: t('triage.bulk.chooseUnit') }]}
          groups={lookups.unitGroups.map((g) => ({
            label: g.forvaltning.name,
            options: [{ value: g.forvaltning.id, label: t('triage.page.department', { name: g.forvaltning.name }) }, ...g.below.map((u) => ({ value: u.id, label: u.name }))],
          }))}
        />
      </div>
      <Radios
        name="betydelse"
        id="bulk-betydelse"
        legend={t('triage.bulk.significance')}
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

/** After a bulk action: what was done and what was refused, with the reason for each. */
export function BulkSummary({ result }: { result?: BulkResult }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!result) return null;
  return (
    <div class="bulk-summary" role="status" tabindex={-1} autofocus>
      {result.done.length > 0 && (
        <div class="success-banner">
          <h2>{t('triage.bulk.done', { n: result.done.length, action: result.action })}</h2>
          <p>{result.done.join(', ')}</p>
        </div>
      )}
      {result.refused.length > 0 && (
        <div class="notice notice--refused">
          <h2>{t('triage.bulk.refused', { n: result.refused.length })}</h2>
          <ul>
            {result.refused.map((r) => (
              <li key={r.number}>
                {i18n.rich('triage.bulk.refusedItem', { number: r.number, reason: BULK_REFUSALS[r.reason], link: (s) => <a href={`/handlaggning/arenden/${r.number}`}>{s}</a> })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
