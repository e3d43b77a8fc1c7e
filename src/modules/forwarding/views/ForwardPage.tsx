import type { Organization } from '../../../db/schema.ts';
import { ErrorSummary, Select, TextArea, type FieldErrors } from '../../../platform/views/forms.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';

export interface ForwardPageProps {
  org: Organization;
  actor: Actor;
  csrf: string;
  /** description: null for a role that may not see the submitter's text. */
  c: { number: string; description: string | null; version: number };
  targets: { id: string; name: string }[];
  /** Why the case cannot be forwarded, if it cannot. */
  refusal: string | null;
  values: { toOrganizationId: string; comment: string };
  errors?: FieldErrors;
}

export function ForwardPage({ org, actor, csrf, c, targets, refusal, values, errors = {} }: ForwardPageProps) {
  const { t } = useI18n();
  const title = t('forwarding.page.title', { number: c.number });
  return (
    <StaffLayout title={title} hasErrors={Object.keys(errors).length > 0} orgName={org.name} actor={actor} csrf={csrf}>
      <ErrorSummary errors={errors} />
      <p>
        <a href={`/handlaggning/arenden/${c.number}`}>{t('forwarding.page.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('forwarding.page.intro')}</p>
      {c.description === null ? (
        <p>{t('forwarding.page.textHidden')}</p>
      ) : (
        <blockquote class="user-text">{c.description.length > 600 ? `${c.description.slice(0, 600)} …` : c.description}</blockquote>
      )}
      {refusal ? (
        <p class="notice">{refusal}</p>
      ) : targets.length === 0 ? (
        <p class="notice">{t('forwarding.page.noTargets')}</p>
      ) : (
        <form method="post" action={`/handlaggning/arenden/${c.number}/vidarebefordra`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="version" value={String(c.version)} />
          <Select name="toOrganizationId" label={t('forwarding.page.to')} options={[{ value: '', label: t('forwarding.page.chooseOrganization') }, ...targets.map((o) => ({ value: o.id, label: o.name }))]} value={values.toOrganizationId} error={errors.toOrganizationId} />
          <TextArea name="comment" label={t('forwarding.page.comment')} rows={3} value={values.comment} error={errors.comment} />
          <button type="submit">{t('forwarding.page.submit')}</button>
        </form>
      )}
    </StaffLayout>
  );
}
