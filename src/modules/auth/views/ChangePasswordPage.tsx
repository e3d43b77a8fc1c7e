import type { Organization } from '../../../db/schema.ts';
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
  return (
    <Layout title="Byt lösenord" hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>Byt lösenord</h1>
      {required && <p>Ditt konto har ett lösenord som andra känner till. Välj ett eget lösenord innan du fortsätter.</p>}
      <form method="post" action="/byt-losenord" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="current" label="Nuvarande lösenord" type="password" autocomplete="current-password" error={errors.current} />
        <TextInput name="password" label="Nytt lösenord" type="password" autocomplete="new-password" error={errors.password} hint={`Minst ${minLength} tecken och inte samma som det nuvarande. Ett par ord i följd är lätt att komma ihåg och svårt att gissa.`} />
        <TextInput name="confirm" label="Skriv det nya lösenordet igen" type="password" autocomplete="new-password" error={errors.confirm} />
        <button type="submit">Byt lösenord</button>
      </form>
      <form method="post" action="/logga-ut">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="secondary">Logga ut</button>
      </form>
    </Layout>
  );
}
