import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

export interface ChangePasswordPageProps {
  org: Organization;
  csrf: string;
  minLength: number;
  /** The account still has a password others know (a demo account): say why the change comes first. */
  required: boolean;
  errors?: FieldErrors;
}

/** Choose a new password. Password fields are never filled in again after an error, as with sign-in. */
export function ChangePasswordPage({ org, csrf, minLength, required, errors = {} }: ChangePasswordPageProps) {
  const { t } = useI18n();
  return (
    <Layout title={t('auth.changePassword.title')} hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>{t('auth.changePassword.title')}</h1>
      {required && <p>{t('auth.changePassword.required')}</p>}
      <form method="post" action="/byt-losenord" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="current" label={t('auth.changePassword.current')} type="password" autocomplete="current-password" error={errors.current} />
        <TextInput name="password" label={t('auth.changePassword.password')} type="password" autocomplete="new-password" error={errors.password} hint={t('auth.changePassword.passwordHint', { n: minLength })} />
        <TextInput name="confirm" label={t('auth.changePassword.confirm')} type="password" autocomplete="new-password" error={errors.confirm} />
        <button type="submit">{t('auth.changePassword.title')}</button>
      </form>
      <form method="post" action="/logga-ut">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="secondary">{t('auth.changePassword.signOut')}</button>
      </form>
    </Layout>
  );
}
