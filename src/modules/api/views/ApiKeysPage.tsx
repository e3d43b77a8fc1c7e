import type { Role } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { ErrorSummary, Radios, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import { MAX_KEY_NAME, ROLES, type ApiKeyListItem } from '../keys.ts';

export const API_KEYS_PATH = '/admin/api-nycklar';

/** What each role lets an integration do, so the admin picks the least that is enough. */
const ROLE_HINT: Record<Role, string> = {
  registrar: 'Registrera synpunkter, klassificera, fördela, hänvisa. Ser kontaktuppgifter.',
  coordinator: 'Fördela och tilldela handläggare, handlägga. Ser kontaktuppgifter.',
  handler: 'Läsa och registrera synpunkter. Ser kontaktuppgifter.',
  unit_admin: 'Läsa ärenden, utan kontaktuppgifter.',
  reader: 'Läsa ärenden, utan kontaktuppgifter. Lämpligt för statistik och rapporter.',
  admin: 'Allt, i hela organisationen. Använd bara om inget annat räcker.',
  archivist: 'Gallringslogg, bevarandestopp och registerutdrag (GDPR). Läsa ärenden, utan kontaktuppgifter.',
};

export interface ApiKeysPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  keys: ApiKeyListItem[];
  input?: { name: string; role: string };
  errors?: FieldErrors;
  /** Shown once, right after it was created. */
  created?: { name: string; key: string };
  notice?: string;
}

export function ApiKeysPage({ orgName, actor, csrf, keys, input = { name: '', role: '' }, errors = {}, created, notice }: ApiKeysPageProps) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StaffLayout title="API-nycklar" hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href="/admin">Administration</a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>API-nycklar</h1>
      {created && (
        <div class="success-banner" role="status">
          <h2>API-nyckeln ”{created.name}” är skapad</h2>
          <p>
            <strong>Kopiera nyckeln nu. Den visas bara den här gången</strong> och kan inte tas fram igen; bara ett kontrollvärde sparas.
          </p>
          <label for="ny-nyckel">Nyckel</label>
          <input id="ny-nyckel" type="text" readOnly value={created.key} class="break" size={52} spellcheck={false} autocomplete="off" />
          <p class="hint">Integrationen skickar den i varje anrop: Authorization: Bearer &lt;nyckel&gt;.</p>
        </div>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        Med en API-nyckel kan ett annat system, till exempel en e-tjänst, ett kontaktcenter eller ett rapportverktyg, arbeta med synpunkter i {orgName} genom{' '}
        <a href="/api/v1/openapi.json">API:t</a>. Nyckeln har en roll i hela organisationen och ser precis det en person med den rollen ser.
      </p>

      <h2>Nycklar</h2>
      {keys.length === 0 ? (
        <p>Det finns inga API-nycklar än.</p>
      ) : (
        <table>
          <caption class="visually-hidden">API-nycklar</caption>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Roll</th>
              <th scope="col">Början av nyckeln</th>
              <th scope="col">Skapad</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <th scope="row" class="break">
                  {k.name}
                </th>
                <td>{ROLE_LABEL[k.role]}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>
                  {formatDateTime(k.created_at)}
                  {k.created_by_name ? `, av ${k.created_by_name}` : ', från kommandoraden'}
                </td>
                <td>{k.revoked_at ? `Återkallad ${formatDateTime(k.revoked_at)}` : 'Aktiv'}</td>
                <td>
                  {!k.revoked_at && (
                    <form method="post" action={`${API_KEYS_PATH}/${k.id}/aterkalla`} class="inline-form">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <button type="submit" class="secondary">
                        Återkalla<span class="visually-hidden"> {k.name}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Skapa en API-nyckel</h2>
      <form method="post" action={API_KEYS_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="name" label="Namn" hint="Vilket system som ska använda nyckeln, så att den går att känna igen i listan och i ärendenas historik." value={input.name} error={errors.name} maxLength={MAX_KEY_NAME} />
        <Radios
          name="role"
          legend="Roll"
          hint="Välj den minsta behörighet som räcker."
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r], hint: ROLE_HINT[r] }))}
          value={input.role}
          error={errors.role}
        />
        <button type="submit">Skapa nyckel</button>
      </form>
    </StaffLayout>
  );
}
