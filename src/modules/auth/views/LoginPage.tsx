import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

export interface DemoLogin {
  email: string;
  role: string;
}

export interface LoginPageProps {
  org: Organization;
  csrf: string;
  email?: string;
  errors?: FieldErrors;
  back?: string;
  demoLogins?: DemoLogin[];
  demoPassword?: string;
  notice?: string;
  /** The single sign-on button's text, when the organization has single sign-on. */
  ssoLabel?: string | null;
  /** False: the organization has switched local passwords off. */
  passwordLogin?: boolean;
  /** After signing out of a single sign-on session: where to sign out at the provider too. */
  ssoLogoutUrl?: string;
}

export function LoginPage({ org, csrf, email = '', errors = {}, back = '', demoLogins, demoPassword, notice, ssoLabel, passwordLogin = true, ssoLogoutUrl }: LoginPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const ssoHref = `/logga-in/sso${back ? `?tillbaka=${encodeURIComponent(back)}` : ''}`;
  return (
    <Layout title={t('auth.login.title')} hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>{t('auth.login.heading')}</h1>
      {notice && (
        <div class="notice">
          <p>{notice}</p>
          {ssoLogoutUrl && (
            <p>{i18n.rich('auth.login.ssoLogout', { link: (c) => <a href={ssoLogoutUrl}>{c}</a> })}</p>
          )}
        </div>
      )}
      {ssoLabel && (
        <p>
          <a class="button" href={ssoHref}>
            {ssoLabel}
          </a>
        </p>
      )}
      {passwordLogin ? (
        <>
          {ssoLabel && <h2>{t('auth.login.withPassword')}</h2>}
          <form method="post" action="/logga-in" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="tillbaka" value={back} />
            <TextInput name="email" label={t('auth.login.email')} type="email" autocomplete="username" value={email} error={errors.email} />
            <TextInput name="password" label={t('auth.login.password')} type="password" autocomplete="current-password" error={errors.password} />
            <button type="submit">{t('auth.login.submit')}</button>
          </form>
        </>
      ) : (
        !ssoLabel && <p>{t('auth.login.notSetUp', { org: org.name })}</p>
      )}
      <p>{i18n.rich('auth.login.toForm', { link: (c) => <a href="/synpunkt">{c}</a> })}</p>
      {demoLogins && demoLogins.length > 0 && (
        <section class="notice" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('auth.login.demo')}</h2>
          <p>{i18n.rich('auth.login.demoLead', { password: demoPassword ?? '', code: (c) => <code>{c}</code> })}</p>
          <TableScroll label={t('auth.login.demoCaption')}>
            <table>
              <caption class="visually-hidden">{t('auth.login.demoCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('auth.login.email')}</th>
                  <th scope="col">{t('auth.login.role')}</th>
                </tr>
              </thead>
              <tbody>
                {demoLogins.map((d) => (
                  <tr key={d.email}>
                    <td>{d.email}</td>
                    <td>{d.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </Layout>
  );
}
