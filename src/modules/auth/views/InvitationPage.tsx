import type { Organization } from '../../../db/schema.ts';
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
  if (!invitation) {
    return (
      <Layout title="Inbjudan gäller inte längre" orgName={org.name}>
        <h1>Inbjudan gäller inte längre</h1>
        <p>Länken har redan använts, har gått ut eller är ofullständig. Be den som bjöd in dig att skicka en ny inbjudan.</p>
        <p>
          <a href="/logga-in">Till inloggningen</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout title="Aktivera ditt konto" hasErrors={Object.keys(errors).length > 0} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>Aktivera ditt konto</h1>
      <p>
        Välkommen, {invitation.name}! Du har bjudits in till synpunktshanteringen hos {org.name} med e-postadressen{' '}
        <strong>{invitation.email}</strong>.
      </p>
      <form method="post" action={`/inbjudan/${token}`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        {org.password_login ? (
          <>
            <TextInput name="password" label="Välj ett lösenord" type="password" autocomplete="new-password" error={errors.password} hint={`Minst ${minLength} tecken. Ett par ord i följd är lätt att komma ihåg och svårt att gissa.`} />
            <TextInput name="confirm" label="Skriv lösenordet igen" type="password" autocomplete="new-password" error={errors.confirm} />
            <button type="submit">Aktivera kontot</button>
          </>
        ) : (
          <>
            <p>{org.name} loggar in med organisationens egen inloggning, så du behöver inget lösenord här.</p>
            <button type="submit">Aktivera kontot</button>
          </>
        )}
      </form>
    </Layout>
  );
}
