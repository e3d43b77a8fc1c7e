import type { OrgUnit, Role } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import type { effectivePermissions, Person, PersonRow } from '../queries.ts';
import { ActionButton, AdminLayout, type AdminPageProps } from './AdminLayout.tsx';
import { unitOptions } from './UnitsPages.tsx';

const ROLE_HINT: Record<Role, string> = {
  registrar: 'tar emot och fördelar det som kommer in centralt',
  coordinator: 'fördelar och följer upp inom förvaltningen',
  handler: 'besvarar och avslutar ärenden',
  unit_admin: 'administrerar förvaltningens enheter, personer, underkategorier och mallar',
  reader: 'läser statistik och rapporter',
  admin: 'äger systemet och dess inställningar',
  archivist: 'ansvarar för arkiv och gallring: gallringsplan, gallring, bevarandestopp, registerutdrag och leverans till e-arkivet',
};

export function roleOptions(roles: readonly Role[]) {
  return [{ value: '', label: 'Välj roll' }, ...roles.map((r) => ({ value: r, label: `${ROLE_LABEL[r]} – ${ROLE_HINT[r]}` }))];
}

export function grantUnitOptions(units: readonly OrgUnit[], orgWide: boolean) {
  return unitOptions(units, { first: orgWide ? { value: '', label: 'Hela organisationen' } : { value: '', label: 'Välj enhet' } });
}

export function PeoplePage({ people, notice, ...props }: AdminPageProps & { people: PersonRow[]; notice?: string }) {
  return (
    <AdminLayout title="Personer och roller" notice={notice} {...props}>
      <h1>Personer och roller</h1>
      <p>
        <a class="button" href="/admin/personer/ny">
          Bjud in en person
        </a>
      </p>
      <table>
        <caption class="visually-hidden">Personer</caption>
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">E-post</th>
            <th scope="col">Roller</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/admin/personer/${p.id}`}>{p.name}</a>
              </td>
              <td>{p.email}</td>
              <td>{p.roles.length ? p.roles.map((r) => `${ROLE_LABEL[r.role]} (${r.unitName ?? 'hela organisationen'})`).join(', ') : 'Ingen roll'}</td>
              <td>{!p.active ? 'Avaktiverad' : p.has_password || p.sso ? 'Aktiv' : 'Inbjuden'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export function InvitePage({ units, roles, orgWide, values, errors = {}, ...props }: AdminPageProps & { units: OrgUnit[]; roles: Role[]; orgWide: boolean; values: { name: string; email: string; role: string; unitId: string }; errors?: FieldErrors }) {
  return (
    <AdminLayout title="Bjud in en person" errors={errors} {...props}>
      <h1>Bjud in en person</h1>
      <p>Personen får en länk som gäller en gång, och väljer sitt lösenord när hen följer den. Rollen gäller enheten du väljer och allt under den.</p>
      <form method="post" action="/admin/personer/ny" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="name" label="Namn" value={values.name} error={errors.name} autocomplete="off" />
        <TextInput name="email" label="E-postadress" type="email" value={values.email} error={errors.email} autocomplete="off" />
        <Select name="role" label="Roll" options={roleOptions(roles)} value={values.role} error={errors.role} />
        <Select name="unitId" label="Var rollen gäller" options={grantUnitOptions(units, orgWide)} value={values.unitId} error={errors.unitId} />
        <button type="submit">Bjud in</button>
      </form>
    </AdminLayout>
  );
}

export function PersonPage({
  person,
  permissions,
  units,
  roles,
  orgWide,
  canManage,
  canResetTotp,
  isSelf,
  values,
  errors = {},
  notice,
  ...props
}: AdminPageProps & {
  person: Person;
  permissions: ReturnType<typeof effectivePermissions>;
  units: OrgUnit[];
  roles: Role[];
  orgWide: boolean;
  canManage: boolean;
  canResetTotp: boolean;
  isSelf: boolean;
  values: { name: string; email: string; role: string; unitId: string };
  errors?: FieldErrors;
  notice?: string;
}) {
  const u = person.user;
  const inv = person.invitation;
  const status = !u.active ? `Avaktiverad ${u.deactivated_at ? formatDateTime(u.deactivated_at) : ''}` : u.has_password || u.sso_subject ? 'Aktiv' : 'Inbjuden, har inte aktiverat kontot';
  return (
    <AdminLayout title={u.name} errors={errors} notice={notice} {...props}>
      <p>
        <a href="/admin/personer">Alla personer</a>
      </p>
      <h1>{u.name}</h1>
      <dl class="summary-list">
        <div>
          <dt>E-post</dt>
          <dd>{u.email}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{status}</dd>
        </div>
        <div>
          <dt>Inloggning</dt>
          <dd>
            {[u.has_password ? 'lösenord' : null, u.totp ? 'tvåstegsverifiering' : null, u.sso_subject ? 'identitetsleverantör' : null].filter(Boolean).join(', ') || 'inte aktiverat ännu'}
            {u.last_login_at ? `. Senast inloggad ${formatDateTime(u.last_login_at)}` : ''}
          </dd>
        </div>
        {inv && !inv.accepted_at && !inv.revoked_at && (
          <div>
            <dt>Inbjudan</dt>
            <dd>Skickad {formatDateTime(inv.created_at)}, gäller till {formatDateTime(inv.expires_at)}</dd>
          </div>
        )}
      </dl>

      <h2>Behörigheter</h2>
      <p>Det här kan personen göra: varje roll gäller enheten den är given för och alla enheter under den.</p>
      {permissions.length === 0 && <p>Personen har ingen roll och ser inga ärenden.</p>}
      <ul>
        {permissions.map((p, i) => (
          <li key={i}>
            <strong>{ROLE_LABEL[p.role]}</strong> – {ROLE_HINT[p.role]}
            {p.wholeOrganization ? (
              ' i hela organisationen'
            ) : (
              <>
                {' i '}
                {p.units.map((x) => x.name + (x.active ? '' : ' (avaktiverad)')).join(', ')}
              </>
            )}
          </li>
        ))}
      </ul>

      <h2>Roller</h2>
      <table>
        <caption class="visually-hidden">Roller</caption>
        <thead>
          <tr>
            <th scope="col">Roll</th>
            <th scope="col">Gäller</th>
            <th scope="col">Källa</th>
            <th scope="col">
              <span class="visually-hidden">Åtgärd</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {person.grants.map((g) => (
            <tr key={g.id}>
              <td>{ROLE_LABEL[g.role]}</td>
              <td>{g.unit_name ?? 'Hela organisationen'}</td>
              <td>{g.source === 'sso' ? 'Grupp hos identitetsleverantören' : 'Given här'}</td>
              <td>
                <ActionButton action={`/admin/personer/${u.id}/roller/${g.id}/ta-bort`} csrf={props.csrf} label="Ta bort" secondary ariaLabel={`Ta bort rollen ${ROLE_LABEL[g.role]} för ${g.unit_name ?? 'hela organisationen'}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.grant && <p class="field-error" id="grant">{errors.grant}</p>}

      {roles.length > 0 ? (
        <>
          <h3>Ge en roll</h3>
          <form method="post" action={`/admin/personer/${u.id}/roller`} novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <Select name="role" label="Roll" options={roleOptions(roles)} value={values.role} error={errors.role} />
            <Select name="unitId" label="Var rollen gäller" options={grantUnitOptions(units, orgWide)} value={values.unitId} error={errors.unitId} />
            <button type="submit">Ge rollen</button>
          </form>
        </>
      ) : (
        <>
          {errors.role && <p class="field-error" id="role">{errors.role}</p>}
          <p class="hint">Dina egna roller ändras av organisationens administratör.</p>
        </>
      )}

      {canManage && (
        <>
          <h2>Uppgifter</h2>
          <form method="post" action={`/admin/personer/${u.id}`} novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <TextInput name="name" label="Namn" value={values.name} error={errors.name} autocomplete="off" />
            <TextInput name="email" label="E-postadress" type="email" value={values.email} error={errors.email} autocomplete="off" />
            <button type="submit">Spara</button>
          </form>
          <h2>Konto</h2>
          {errors.person && (
            <p class="field-error" id="person">
              {errors.person}
            </p>
          )}
          <div class="actions">
            {u.active && !u.has_password && !u.sso_subject && <ActionButton action={`/admin/personer/${u.id}/ny-inbjudan`} csrf={props.csrf} label="Skicka ny inbjudan" secondary />}
            {u.active && canResetTotp && u.totp && <ActionButton action={`/admin/personer/${u.id}/nollstall-tvasteg`} csrf={props.csrf} label="Nollställ tvåstegsverifiering" secondary />}
            {!isSelf && (u.active ? <ActionButton action={`/admin/personer/${u.id}/avaktivera`} csrf={props.csrf} label={`Avaktivera ${u.name}`} secondary /> : <ActionButton action={`/admin/personer/${u.id}/aktivera`} csrf={props.csrf} label={`Aktivera ${u.name}`} secondary />)}
          </div>
          <p class="hint">En avaktiverad person kan inte logga in, men finns kvar i ärendenas historik.</p>
        </>
      )}
    </AdminLayout>
  );
}
