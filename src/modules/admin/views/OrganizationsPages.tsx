import { formatDateTime } from '../../../platform/clock.ts';
import { Checkbox, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ORGANIZATION_KINDS } from '../commands/organizations.ts';
import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

export interface OrgListRow {
  id: string;
  slug: string;
  name: string;
  kind: keyof typeof ORGANIZATION_KINDS;
  host_name: string | null;
  is_default: boolean;
  active: boolean;
  user_count: number;
}

const kindOptions = [{ value: '', label: 'Välj' }, ...Object.entries(ORGANIZATION_KINDS).map(([value, label]) => ({ value, label }))];

export function OrganizationsPage({ orgs, notice, ...props }: AdminPageProps & { orgs: OrgListRow[]; notice?: string }) {
  return (
    <AdminLayout title="Organisationer" notice={notice} {...props}>
      <h1>Organisationer</h1>
      <p>Varje organisation har egna sidor för synpunkter, egna kategorier, texter, tidsfrister och medarbetare. Ingen uppgift delas mellan dem.</p>
      <p>
        <a class="button" href="/admin/organisationer/ny">
          Lägg till en organisation
        </a>
      </p>
      <table>
        <caption class="visually-hidden">Organisationer i installationen</caption>
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Sort</th>
            <th scope="col">Adress</th>
            <th scope="col">Medarbetare</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {orgs.map((o) => (
            <tr key={o.id}>
              <td>
                <a href={`/admin/organisationer/${o.id}`}>{o.name}</a>
              </td>
              <td>{ORGANIZATION_KINDS[o.kind]}</td>
              <td>
                {o.is_default ? '/ (standard)' : `/o/${o.slug}/`}
                {o.host_name && (
                  <>
                    <br />
                    {o.host_name}
                  </>
                )}
              </td>
              <td>{o.user_count}</td>
              <td>{o.active ? 'Aktiv' : 'Avstängd'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export interface OrgFormValues {
  slug: string;
  name: string;
  kind: string;
  hostName: string;
  adminName: string;
  adminEmail: string;
  active: boolean;
}

export function OrganizationFormPage({ values, errors = {}, existing, ...props }: AdminPageProps & { values: OrgFormValues; errors?: FieldErrors; existing?: { id: string; slug: string; is_default: boolean; created_at: Date } }) {
  const title = existing ? `Ändra ${values.name}` : 'Lägg till en organisation';
  return (
    <AdminLayout title={title} errors={errors} {...props}>
      <h1>{title}</h1>
      <form method="post" action={existing ? `/admin/organisationer/${existing.id}` : '/admin/organisationer/ny'} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="name" label="Organisationens namn" value={values.name} error={errors.name} hint="Som det ska stå på sidorna, till exempel Exempelbostäder AB." />
        <Select name="kind" label="Sort" options={kindOptions} value={values.kind} error={errors.kind} />
        {existing ? (
          <p>
            Adressnamn: <code>{existing.slug}</code> – sidorna finns på <code>{existing.is_default ? '/' : `/o/${existing.slug}/`}</code>. Adressnamnet kan inte ändras, eftersom
            länkar till kvitton och ärenden bygger på det.
          </p>
        ) : (
          <TextInput name="slug" label="Adressnamn" value={values.slug} error={errors.slug} hint="Små bokstäver a–z, siffror och bindestreck. Sidorna hamnar på /o/adressnamn/. Kan inte ändras senare." />
        )}
        <TextInput name="hostName" label="Eget värdnamn (frivilligt)" value={values.hostName} error={errors.hostName} hint="Om organisationen ska nås på en egen adress, till exempel synpunkter.bostadsbolaget.se. Adressen måste också pekas hit i DNS." />
        {existing ? (
          <Checkbox name="active" label="Organisationen är aktiv" checked={values.active} error={errors.active} hint="En avstängd organisations sidor svarar inte. Inget tas bort." />
        ) : (
          <fieldset>
            <legend>Organisationens första administratör</legend>
            <p class="hint">Administratören får en länk för att välja lösenord och kan sedan lägga upp resten.</p>
            <TextInput name="adminName" label="Namn" value={values.adminName} error={errors.adminName} autocomplete="off" />
            <TextInput name="adminEmail" label="E-postadress" type="email" value={values.adminEmail} error={errors.adminEmail} autocomplete="off" />
          </fieldset>
        )}
        <button type="submit">{existing ? 'Spara' : 'Lägg till organisationen'}</button>
      </form>
      {existing && <p class="hint">Skapad {formatDateTime(existing.created_at)}.</p>}
    </AdminLayout>
  );
}

/** Shown once after an invitation was made: the mail that was queued, and its link for passing on by hand. */
export function InvitationSentPage({ heading, who, link, subject, body, expiresAt, back, ...props }: AdminPageProps & { heading: string; who: string; link: string; subject: string; body: string; expiresAt: Date; back: { href: string; label: string } }) {
  return (
    <AdminLayout title={heading} {...props}>
      <div class="success-banner" role="status">
        <h1>{heading}</h1>
      </div>
      <p>
        En inbjudan till {who} har lagts i kö för att skickas med e-post (se <a href="/admin/utkorg">Utkorg</a>). Länken gäller en gång, till och med{' '}
        {formatDateTime(expiresAt)}. Om e-posten inte kommer fram kan du ge personen länken på annat sätt; den visas bara nu.
      </p>
      <p>
        Länk: <code class="break">{link}</code>
      </p>
      <h2>Meddelande</h2>
      <p>
        <strong>Ämne:</strong> {subject}
      </p>
      <pre class="user-text">{body}</pre>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </AdminLayout>
  );
}
