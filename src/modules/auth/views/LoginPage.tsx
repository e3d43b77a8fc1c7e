import type { Organization } from '../../../db/schema.ts';
import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

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
  const ssoHref = `/logga-in/sso${back ? `?tillbaka=${encodeURIComponent(back)}` : ''}`;
  return (
    <Layout title="Logga in" hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>Logga in för medarbetare</h1>
      {notice && (
        <div class="notice">
          <p>{notice}</p>
          {ssoLogoutUrl && (
            <p>
              Du kan fortfarande vara inloggad hos organisationens inloggningstjänst. <a href={ssoLogoutUrl}>Logga ut där också</a>.
            </p>
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
          {ssoLabel && <h2>Logga in med lösenord</h2>}
          <form method="post" action="/logga-in" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="tillbaka" value={back} />
            <TextInput name="email" label="E-postadress" type="email" autocomplete="username" value={email} error={errors.email} />
            <TextInput name="password" label="Lösenord" type="password" autocomplete="current-password" error={errors.password} />
            <button type="submit">Logga in</button>
          </form>
        </>
      ) : (
        !ssoLabel && <p>Inloggning är inte uppsatt för {org.name} ännu. Kontakta en administratör.</p>
      )}
      <p>
        Vill du lämna en synpunkt? <a href="/synpunkt">Gå till formuläret för synpunkter</a>.
      </p>
      {demoLogins && demoLogins.length > 0 && (
        <section class="notice" aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demoläge</h2>
          <p>
            Det här är en demoinstallation. Alla demokonton har lösenordet <code>{demoPassword}</code>.
          </p>
          <table>
            <caption class="visually-hidden">Demokonton</caption>
            <thead>
              <tr>
                <th scope="col">E-postadress</th>
                <th scope="col">Roll</th>
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
        </section>
      )}
    </Layout>
  );
}
