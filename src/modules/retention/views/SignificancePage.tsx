import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, Radios, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { SIGNIFICANCE_HINT, SIGNIFICANCE_LABEL } from '../../cases/views/staffLabels.ts';

export function SignificancePage(p: { orgName: string; actor: Actor; csrf: string; number: string; version: number; value: string; errors?: FieldErrors }) {
  const errors = p.errors ?? {};
  const base = `/handlaggning/arenden/${p.number}`;
  const { t } = useI18n();
  return (
    <StaffLayout title={t('retention.significance.title', { number: p.number })} hasErrors={Object.keys(errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf}>
      <p>
        <a href={base}>{t('retention.significance.back', { number: p.number })}</a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>{t('retention.significance.title', { number: p.number })}</h1>
      <p>{t('retention.significance.intro')}</p>
      <form method="post" action={`${base}/betydelse`} novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="version" value={String(p.version)} />
        <Radios
          name="significance"
          legend={t('retention.significance.legend')}
          value={p.value}
          error={errors.significance}
          options={(['important', 'routine'] as const).map((s) => ({ value: s, label: SIGNIFICANCE_LABEL[s], hint: SIGNIFICANCE_HINT[s] }))}
        />
        <button type="submit">{t('retention.significance.save')}</button>
      </form>
    </StaffLayout>
  );
}
