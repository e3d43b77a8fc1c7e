import { formatDateTime } from '../../../platform/clock.ts';
import { Checkbox, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { SettingsInput } from '../commands/settings.ts';
import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

export function TextsPage({ values, errors = {}, notice, ...props }: AdminPageProps & { values: SettingsInput; errors?: FieldErrors; notice?: string }) {
  return (
    <AdminLayout title="Texter och brevhuvud" errors={errors} notice={notice} {...props}>
      <h1>Texter och brevhuvud</h1>
      <form method="post" action="/admin/texter" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <h2>Startsidan</h2>
        <TextArea name="startPageIntro" label="Inledning" rows={3} value={values.startPageIntro} error={errors.startPageIntro} hint="Visas under rubriken på startsidan. Lämna tomt för standardtexten." />
        <TextArea name="startPageExtra" label="Extra text" rows={4} value={values.startPageExtra} error={errors.startPageExtra} hint="Visas efter knappen, till exempel om öppettider eller annan kontaktväg." />

        <h2>Det här är inte en synpunkt</h2>
        <p>Länkar som visas på startsidan och används när registratorn hänvisar vidare.</p>
        <TextInput name="faultReport" label="Felanmälan (webbadress)" value={values.faultReport} error={errors.faultReport} />
        <TextInput name="appeal" label="Så överklagar du ett beslut (webbadress)" value={values.appeal} error={errors.appeal} />
        <TextInput name="deviation" label="Avvikelse eller lex Sarah (webbadress)" value={values.deviation} error={errors.deviation} />
        <TextInput name="schoolHarassmentUrl" label="Kränkande behandling i skolan (webbadress)" value={values.schoolHarassmentUrl} error={errors.schoolHarassmentUrl} />
        <TextArea name="otherAuthorityText" label="Annan myndighet (text)" rows={3} value={values.otherAuthorityText} error={errors.otherAuthorityText} hint="Till exempel vart man vänder sig med frågor om statliga vägar." />

        <h2>Kontakt</h2>
        <TextInput name="contactEmail" label="E-post" type="email" value={values.contactEmail} error={errors.contactEmail} />
        <TextInput name="contactPhone" label="Telefon" type="tel" value={values.contactPhone} error={errors.contactPhone} />
        <TextArea name="postalAddress" label="Postadress" rows={3} value={values.postalAddress} error={errors.postalAddress} />
        <TextInput name="visitingAddress" label="Besöksadress" value={values.visitingAddress} error={errors.visitingAddress} hint="Till exempel Torggatan 2, Hjo." />
        <TextArea
          name="publishedContacts"
          label="Fler kontaktuppgifter som får stå kvar vid avidentifiering"
          rows={3}
          value={values.publishedContacts}
          error={errors.publishedContacts}
          hint="En per rad, till exempel växelns nummer och funktionsbrevlådor. Dessa och kontaktuppgifterna ovan tas inte bort när en synpunkt avidentifieras inför publicering."
        />

        <h2>Brevhuvud</h2>
        <p>Står överst och underst i brev som skrivs ut till synpunktslämnare.</p>
        <TextInput name="senderName" label="Avsändare" value={values.senderName} error={errors.senderName} hint="Till exempel Exempelkommun, Kontaktcenter." />
        <TextArea name="letterPostalAddress" label="Postadress i brev" rows={3} value={values.letterPostalAddress} error={errors.letterPostalAddress} />
        <TextInput name="letterPhone" label="Telefon i brev" type="tel" value={values.letterPhone} error={errors.letterPhone} />
        <TextInput name="letterEmail" label="E-post i brev" type="email" value={values.letterEmail} error={errors.letterEmail} />
        <TextInput name="website" label="Webbplats" value={values.website} error={errors.website} />
        <TextArea name="signature" label="Avslutning" rows={3} value={values.signature} error={errors.signature} hint="Till exempel Med vänliga hälsningar." />
        <button type="submit">Spara</button>
      </form>
    </AdminLayout>
  );
}

export interface LoginSettingsValues {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  emailClaim: string;
  groupsClaim: string;
  scopes: string;
  buttonLabel: string;
  groupRoles: string;
  passwordLogin: boolean;
}

export function LoginSettingsPage({ values, hasSecret, redirectUri, logoutUri, updatedAt, errors = {}, notice, ...props }: AdminPageProps & { values: LoginSettingsValues; hasSecret: boolean; redirectUri: string; logoutUri: string; updatedAt: Date | null; errors?: FieldErrors; notice?: string }) {
  return (
    <AdminLayout title="Inloggning" errors={errors} notice={notice} {...props}>
      <h1>Inloggning</h1>
      <p>
        Medarbetare kan logga in med organisationens egen identitetsleverantör (OpenID Connect, till exempel Microsoft Entra ID, Keycloak eller ADFS). Registrera Lyhörd som
        klient hos leverantören med de här adresserna:
      </p>
      <dl class="summary-list">
        <div>
          <dt>Omdirigerings-URI</dt>
          <dd>
            <code class="break">{redirectUri}</code>
          </dd>
        </div>
        <div>
          <dt>URI efter utloggning</dt>
          <dd>
            <code class="break">{logoutUri}</code>
          </dd>
        </div>
      </dl>
      <form method="post" action="/admin/inloggning" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <h2>Identitetsleverantör</h2>
        <TextInput name="issuerUrl" label="Utfärdare (issuer)" value={values.issuerUrl} error={errors.issuerUrl} hint="Adressen som leverantörens /.well-known/openid-configuration ligger under. Vi frågar leverantören innan något sparas." />
        <TextInput name="clientId" label="Klient-id" value={values.clientId} error={errors.clientId} autocomplete="off" />
        <TextInput
          name="clientSecret"
          label="Klienthemlighet"
          type="password"
          autocomplete="new-password"
          error={errors.clientSecret}
          hint={hasSecret ? 'En hemlighet är sparad och visas aldrig igen. Lämna tomt för att behålla den, eller skriv en ny.' : 'Sparas krypterad och visas aldrig igen.'}
        />
        <TextInput name="scopes" label="Omfång (scope)" value={values.scopes} error={errors.scopes} hint="Måste innehålla openid. Lägg till till exempel groups om leverantören kräver det för grupper." />
        <TextInput name="emailClaim" label="Anspråk med e-postadress" value={values.emailClaim} error={errors.emailClaim} hint="Oftast email. Kontot i Lyhörd hittas med den e-postadressen." />
        <TextInput name="groupsClaim" label="Anspråk med grupper" value={values.groupsClaim} error={errors.groupsClaim} hint="Oftast groups." />
        <TextArea
          name="groupRoles"
          label="Grupper som ger roller (frivilligt)"
          rows={5}
          value={values.groupRoles}
          error={errors.groupRoles}
          hint="En rad per grupp: grupp = roll, eller grupp = roll @ enhetens namn. Till exempel: synpunkter-gata = Handläggare @ Gata och park. Den som är med i en sådan grupp får rollen när hen loggar in, och ett konto skapas om det saknas. Roller från grupper tas bort när personen inte längre är med i gruppen."
        />
        <TextInput name="buttonLabel" label="Text på inloggningsknappen" value={values.buttonLabel} error={errors.buttonLabel} hint="Till exempel Logga in med kommunens konto." />
        <Checkbox name="enabled" label="Inloggning via identitetsleverantören är påslagen" checked={values.enabled} error={errors.enabled} />
        <h2>Lösenord</h2>
        <Checkbox
          name="passwordLogin"
          label="Medarbetare kan också logga in med lösenord"
          checked={values.passwordLogin}
          error={errors.passwordLogin}
          hint="Stäng av när alla loggar in via identitetsleverantören. Konton med lösenord kan skydda sig med tvåstegsverifiering."
        />
        <button type="submit">Spara</button>
      </form>
      {updatedAt && <p class="hint">Inställningarna för identitetsleverantören ändrades senast {formatDateTime(updatedAt)}.</p>}
    </AdminLayout>
  );
}
