import { ErrorSummary, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';

export interface AdminMailPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  addresses: { address: string }[];
  /** MAIL_REPLY_TO, when this is the default organization: it reaches this organization too. */
  installationAddress: string | null;
  settings: { newCaseAfterDays: string; senderHourlyLimit: string };
  errors?: FieldErrors;
  addressInput?: string;
  notice?: string;
}

/** Where the organization receives mail, and its rules for replies after closing and for floods. */
export function AdminMailPage(p: AdminMailPageProps) {
  const errors = p.errors ?? {};
  return (
    <StaffLayout title="Inkommande e-post" hasErrors={Object.keys(errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/admin">
      <p>
        <a href="/admin">Administration</a>
      </p>
      <ErrorSummary errors={errors} />
      {p.notice && (
        <div class="success-banner" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      <h1>Inkommande e-post</h1>
      <p>
        E-post till organisationens adresser blir ärenden i registratorns inkorg. Svar på meddelanden som Lyhörd har skickat läggs i sitt ärende. Adresser med plustecken
        (till exempel <span class="break">synpunkter+skola@kommun.se</span>) hör till samma organisation som adressen utan plustecken.
      </p>

      <h2>Adresser</h2>
      {p.installationAddress && (
        <p>
          Installationens svarsadress <strong class="break">{p.installationAddress}</strong> tar också emot e-post till den här organisationen.
        </p>
      )}
      {p.addresses.length === 0 ? (
        <p>Organisationen har inga egna adresser för inkommande e-post.</p>
      ) : (
        <ul class="address-list">
          {p.addresses.map((a) => (
            <li key={a.address}>
              <span class="break">{a.address}</span>{' '}
              <form method="post" action="/admin/e-post-in/adresser/ta-bort" class="inline-form">
                <input type="hidden" name="_csrf" value={p.csrf} />
                <input type="hidden" name="address" value={a.address} />
                <button type="submit" class="secondary" aria-label={`Ta bort ${a.address}`}>
                  Ta bort
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/admin/e-post-in/adresser" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <TextInput
          name="address"
          type="email"
          label="Lägg till en adress"
          hint="Den första adressen används också som svarsadress i e-post som skickas om organisationens ärenden."
          value={p.addressInput}
          error={errors.address}
          autocomplete="off"
        />
        <button type="submit">Lägg till adressen</button>
      </form>

      <h2>Regler</h2>
      <form method="post" action="/admin/e-post-in/regler" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <TextInput
          name="newCaseAfterDays"
          type="number"
          inputmode="numeric"
          label="Svar på avslutade ärenden (dagar)"
          hint="Ett svar som kommer inom så här många dagar efter att ärendet avslutats markeras i ärendet. Kommer det senare blir det ett nytt ärende som länkas till det gamla."
          value={p.settings.newCaseAfterDays}
          error={errors.newCaseAfterDays}
        />
        <TextInput
          name="senderHourlyLimit"
          type="number"
          inputmode="numeric"
          label="Högsta antal meddelanden från samma avsändare per timme"
          hint="Fler meddelanden än så blir inte ärenden utan väntar hos registratorn under Inkommande e-post."
          value={p.settings.senderHourlyLimit}
          error={errors.senderHourlyLimit}
        />
        <button type="submit">Spara reglerna</button>
      </form>
    </StaffLayout>
  );
}
