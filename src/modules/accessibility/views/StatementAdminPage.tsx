import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, Radios, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { STATEMENT_ADMIN_PATH, STATEMENT_PATH } from '../paths.ts';
import { MAX_SHORTCOMINGS, type StatementInput } from '../validation.ts';

export interface StatementAdminProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  input: StatementInput;
  errors?: FieldErrors;
  saved?: boolean;
  /** Whether the organization has written its own statement or shows the default. */
  own: boolean;
}

/** The organization admin writes what only the organization knows; the frame is the same in every language. */
export function StatementAdminPage({ orgName, actor, csrf, input, errors = {}, saved, own }: StatementAdminProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StaffLayout title={t('accessibility.admin.title')} hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href="/admin">{t('accessibility.admin.admin')}</a>
      </p>
      {saved && (
        <div class="success-banner" role="status">
          <p>{t('accessibility.admin.saved')}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <h1>{t('accessibility.admin.title')}</h1>
      <p>{i18n.rich('accessibility.admin.lead', { path: STATEMENT_PATH, own: String(own), link: (c) => <a href={STATEMENT_PATH}>{c}</a> })}</p>
      <form method="post" action={STATEMENT_ADMIN_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <Radios
          name="compliance"
          legend={t('accessibility.admin.compliance')}
          value={input.compliance}
          error={errors.compliance}
          options={[
            { value: 'full', label: t('accessibility.admin.full') },
            { value: 'partial', label: t('accessibility.admin.partial'), hint: t('accessibility.admin.partialHint') },
            { value: 'none', label: t('accessibility.admin.none') },
          ]}
        />
        <TextArea
          name="shortcomings"
          label={t('accessibility.admin.shortcomings')}
          hint={t('accessibility.admin.shortcomingsHint', { max: String(MAX_SHORTCOMINGS) })}
          value={input.shortcomings}
          error={errors.shortcomings}
          rows={8}
        />
        <Radios
          name="method"
          legend={t('accessibility.admin.method')}
          value={input.method}
          error={errors.method}
          options={[
            { value: 'self', label: t('accessibility.admin.self') },
            { value: 'external', label: t('accessibility.admin.external') },
          ]}
        />
        <TextInput name="assessor" label={t('accessibility.admin.assessor')} value={input.assessor} error={errors.assessor} maxLength={200} />
        <TextInput name="assessedOn" label={t('accessibility.admin.assessedOn')} hint={t('accessibility.admin.assessedOnHint')} value={input.assessedOn} error={errors.assessedOn} inputmode="numeric" />
        <button type="submit">{t('accessibility.admin.save')}</button>
      </form>
    </StaffLayout>
  );
}
