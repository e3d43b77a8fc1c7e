import type { Organization } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ACCOUNT_PATH, StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';

export interface TotpPageProps {
  org: Organization;
  actor: Actor;
  csrf: string;
  errors?: FieldErrors;
  notice?: string;
  state: 'enrol' | 'enabled' | 'not_applicable';
  enabledAt?: Date;
  /** The QR code, an SVG drawn on the server. */
  qr?: string;
  secret?: string;
}

export function TotpPage({ org, actor, csrf, errors = {}, notice, state, enabledAt, qr, secret }: TotpPageProps) {
  return (
    <StaffLayout title="Tvåstegsverifiering" hasErrors={Object.keys(errors).length > 0} orgName={org.name} actor={actor} csrf={csrf} current={ACCOUNT_PATH}>
      <ErrorSummary errors={errors} />
      <h1>Tvåstegsverifiering</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {state === 'not_applicable' && <p>Du loggar in via organisationens identitetsleverantör. Tvåstegsverifiering sköts där.</p>}
      {state === 'enabled' && (
        <>
          <p>Tvåstegsverifiering är aktiverad sedan {formatDateTime(enabledAt!)}. När du loggar in med lösenord frågar vi också efter en kod från appen.</p>
          <h2>Stäng av tvåstegsverifiering</h2>
          <form method="post" action="/konto/tvastegsverifiering/stang-av" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <TextInput name="code" label="Kod från appen" inputmode="numeric" autocomplete="one-time-code" maxLength={7} error={errors.code} hint="För att stänga av behöver vi en giltig kod." />
            <button type="submit" class="secondary">
              Stäng av
            </button>
          </form>
        </>
      )}
      {state === 'enrol' && (
        <>
          <p>Med tvåstegsverifiering behöver du både ditt lösenord och en kod från en app i telefonen (till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP) för att logga in.</p>
          <ol>
            <li>Öppna appen och välj att lägga till ett konto.</li>
            <li>Skanna QR-koden, eller skriv in nyckeln för hand.</li>
            <li>Skriv koden som appen visar och välj Aktivera.</li>
          </ol>
          <div class="qr" role="img" aria-label="QR-kod för att lägga till Lyhörd i appen" dangerouslySetInnerHTML={{ __html: qr! }} />
          <p>
            Nyckel att skriva in för hand: <code class="secret">{secret}</code>
          </p>
          <form method="post" action="/konto/tvastegsverifiering/aktivera" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <TextInput name="code" label="Kod från appen" inputmode="numeric" autocomplete="one-time-code" maxLength={7} error={errors.code} hint="Sex siffror, till exempel 123456." />
            <button type="submit">Aktivera</button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
