import type { Organization } from '../../../db/schema.ts';
import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

/** The second step of signing in with a password: the code from the authenticator app. */
export function SecondFactorPage({ org, csrf, errors = {} }: { org: Organization; csrf: string; errors?: FieldErrors }) {
  return (
    <Layout title="Tvåstegsverifiering" hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>Tvåstegsverifiering</h1>
      <p>Öppna appen för tvåstegsverifiering i din telefon och skriv den sexsiffriga kod som visas för Lyhörd.</p>
      <form method="post" action="/logga-in/kod" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="code" label="Kod" inputmode="numeric" autocomplete="one-time-code" maxLength={7} error={errors.code} hint="Sex siffror, till exempel 123456." />
        <button type="submit">Fortsätt</button>
      </form>
      <p>
        <a href="/logga-in">Börja om med inloggningen</a>
      </p>
    </Layout>
  );
}
