import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

/** The second step of signing in with a password: the code from the authenticator app. */
export function SecondFactorPage({ org, csrf, errors = {} }: { org: Organization; csrf: string; errors?: FieldErrors }) {
  const { t } = useI18n();
  return (
    <Layout title={t('auth.secondFactor.title')} hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>{t('auth.secondFactor.title')}</h1>
      <p>{t('auth.secondFactor.lead')}</p>
      <form method="post" action="/logga-in/kod" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="code" label={t('auth.secondFactor.code')} inputmode="numeric" autocomplete="one-time-code" maxLength={7} error={errors.code} hint={t('auth.secondFactor.codeHint')} />
        <button type="submit">{t('auth.secondFactor.submit')}</button>
      </form>
      <p>
        <a href="/logga-in">{t('auth.secondFactor.restart')}</a>
      </p>
    </Layout>
  );
}
