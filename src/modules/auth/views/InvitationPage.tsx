import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

export interface InvitationPageProps {
  org: Organization;
  csrf: string;
  invitation: { email: string; name: string } | null;
  token: string;
  minLength: number;
  errors?: FieldErrors;
}

/** Where the one-time link in an invitation leads: choose a password (or just activate, with single sign-on). */
export function InvitationPage({ org, csrf, invitation, token, minLength, errors = {} }: InvitationPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!invitation) {
    return (
      <Layout title={t('auth.invitation.goneTitle')} orgName={org.name}>
        <h1>{t('auth.invitation.goneTitle')}</h1>
        <p>{t('auth.invitation.gone')}</p>
        <p>
          <a href="/logga-in">{t('auth.invitation.toLogin')}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout title={t('auth.invitation.title')} hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>{t('auth.invitation.title')}</h1>
      <p>{i18n.rich('auth.invitation.welcome', { name: invitation.name, org: org.name, email: invitation.email, strong: (c) => <strong>{c}</strong> })}</p>
      <form method="post" action={`/inbjudan/${token}`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        {org.password_login ? (
          <>
            <TextInput name="password" label={t('auth.invitation.password')} type="password" autocomplete="new-password" error={errors.password} hint={t('auth.invitation.passwordHint', { n: minLength })} />
            <TextInput name="confirm" label={t('auth.invitation.confirm')} type="password" autocomplete="new-password" error={errors.confirm} />
            <button type="submit">{t('auth.invitation.activate')}</button>
          </>
        ) : (
          <>
            <p>{t('auth.invitation.sso', { org: org.name })}</p>
            <button type="submit">{t('auth.invitation.activate')}</button>
          </>
        )}
      </form>
    </Layout>
  );
}
