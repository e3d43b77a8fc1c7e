import type { OrgUnit, Role } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import type { Translator } from '../../../platform/i18n/catalogue.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import type { effectivePermissions, Person, PersonRow } from '../queries.ts';
import { ActionButton, AdminLayout, type AdminPageProps } from './AdminLayout.tsx';
import { unitOptions } from './UnitsPages.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

type T = Translator['t'];
/** What each role may do, in a few words (admin.roleHint.<role>). */
const roleHint = (t: T, role: Role) => t(`admin.roleHint.${role}`);

export function roleOptions(roles: readonly Role[], t: T) {
  return [{ value: '', label: t('admin.people.chooseRole') }, ...roles.map((r) => ({ value: r, label: t('admin.people.roleOption', { role: ROLE_LABEL[r], hint: roleHint(t, r) }) }))];
}

export function grantUnitOptions(units: readonly OrgUnit[], orgWide: boolean, t: T) {
  return unitOptions(units, { first: orgWide ? { value: '', label: t('admin.people.wholeOrganization') } : { value: '', label: t('admin.people.chooseUnit') } }, t);
}

export function PeoplePage({ people, notice, ...props }: AdminPageProps & { people: PersonRow[]; notice?: string }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('admin.people.title')} notice={notice} {...props}>
      <h1>{t('admin.people.title')}</h1>
      <p>
        <a class="button" href="/admin/personer/ny">
          {t('admin.people.invite')}
        </a>
      </p>
      <TableScroll label={t('admin.people.caption')}>
        <table>
          <caption class="visually-hidden">{t('admin.people.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.people.name')}</th>
              <th scope="col">{t('admin.people.email')}</th>
              <th scope="col">{t('admin.people.roles')}</th>
              <th scope="col">{t('admin.people.status')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`/admin/personer/${p.id}`}>{p.name}</a>
                </td>
                <td>{p.email}</td>
                <td>{p.roles.length ? p.roles.map((r) => t('admin.people.roleAt', { role: ROLE_LABEL[r.role], unit: r.unitName ?? t('admin.people.wholeOrganizationLower') })).join(', ') : t('admin.people.noRole')}</td>
                <td>{!p.active ? t('admin.people.inactive') : p.has_password || p.sso ? t('admin.people.active') : t('admin.people.invited')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminLayout>
  );
}

export function InvitePage({ units, roles, orgWide, values, errors = {}, ...props }: AdminPageProps & { units: OrgUnit[]; roles: Role[]; orgWide: boolean; values: { name: string; email: string; role: string; unitId: string }; errors?: FieldErrors }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('admin.people.invite')} errors={errors} {...props}>
      <h1>{t('admin.people.invite')}</h1>
      <p>{t('admin.invite.lead')}</p>
      <form method="post" action="/admin/personer/ny" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="name" label={t('admin.people.name')} value={values.name} error={errors.name} autocomplete="off" />
        <TextInput name="email" label={t('admin.people.emailAddress')} type="email" value={values.email} error={errors.email} autocomplete="off" />
        <Select name="role" label={t('admin.people.role')} options={roleOptions(roles, t)} value={values.role} error={errors.role} />
        <Select name="unitId" label={t('admin.people.where')} options={grantUnitOptions(units, orgWide, t)} value={values.unitId} error={errors.unitId} />
        <button type="submit">{t('admin.invite.submit')}</button>
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
  const i18n = useI18n();
  const { t } = i18n;
  const u = person.user;
  const inv = person.invitation;
  const status = !u.active ? t('admin.person.deactivated', { at: u.deactivated_at ? formatDateTime(u.deactivated_at) : '' }) : u.has_password || u.sso_subject ? t('admin.people.active') : t('admin.person.notActivated');
  const methods = [u.has_password ? t('admin.person.password') : null, u.totp ? t('admin.person.totp') : null, u.sso_subject ? t('admin.person.sso') : null].filter(Boolean).join(', ');
  return (
    <AdminLayout title={u.name} errors={errors} notice={notice} {...props}>
      <p>
        <a href="/admin/personer">{t('admin.person.all')}</a>
      </p>
      <h1>{u.name}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t('admin.people.email')}</dt>
          <dd>{u.email}</dd>
        </div>
        <div>
          <dt>{t('admin.people.status')}</dt>
          <dd>{status}</dd>
        </div>
        <div>
          <dt>{t('admin.person.login')}</dt>
          <dd>
            {t('admin.person.loginMethods', { methods: methods || t('admin.person.noLogin'), at: u.last_login_at ? formatDateTime(u.last_login_at) : 'none' })}
          </dd>
        </div>
        {inv && !inv.accepted_at && !inv.revoked_at && (
          <div>
            <dt>{t('admin.person.invitation')}</dt>
            <dd>{t('admin.person.invitationSent', { sent: formatDateTime(inv.created_at), expires: formatDateTime(inv.expires_at) })}</dd>
          </div>
        )}
      </dl>

      <h2>{t('admin.person.permissions')}</h2>
      <p>{t('admin.person.permissionsLead')}</p>
      {permissions.length === 0 && <p>{t('admin.person.noPermissions')}</p>}
      <ul>
        {permissions.map((p, i) => (
          <li key={i}>
            {i18n.rich('admin.person.permission', {
              role: ROLE_LABEL[p.role],
              hint: roleHint(t, p.role),
              whole: String(p.wholeOrganization),
              units: p.units.map((x) => x.name + (x.active ? '' : t('admin.person.inactiveSuffix'))).join(', '),
              strong: (c) => <strong>{c}</strong>,
            })}
          </li>
        ))}
      </ul>

      <h2>{t('admin.people.roles')}</h2>
      <TableScroll label={t('admin.people.roles')}>
        <table>
          <caption class="visually-hidden">{t('admin.people.roles')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.people.role')}</th>
              <th scope="col">{t('admin.person.appliesTo')}</th>
              <th scope="col">{t('admin.person.source')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('admin.person.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {person.grants.map((g) => (
              <tr key={g.id}>
                <td>{ROLE_LABEL[g.role]}</td>
                <td>{g.unit_name ?? t('admin.people.wholeOrganization')}</td>
                <td>{g.source === 'sso' ? t('admin.person.fromSso') : t('admin.person.givenHere')}</td>
                <td>
                  <ActionButton action={`/admin/personer/${u.id}/roller/${g.id}/ta-bort`} csrf={props.csrf} label={t('admin.person.remove')} secondary ariaLabel={t('admin.person.removeRole', { role: ROLE_LABEL[g.role], unit: g.unit_name ?? t('admin.people.wholeOrganizationLower') })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {errors.grant && <p class="field-error" id="grant">{errors.grant}</p>}

      {roles.length > 0 ? (
        <>
          <h3>{t('admin.person.grantHeading')}</h3>
          <form method="post" action={`/admin/personer/${u.id}/roller`} novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <Select name="role" label={t('admin.people.role')} options={roleOptions(roles, t)} value={values.role} error={errors.role} />
            <Select name="unitId" label={t('admin.people.where')} options={grantUnitOptions(units, orgWide, t)} value={values.unitId} error={errors.unitId} />
            <button type="submit">{t('admin.person.grant')}</button>
          </form>
        </>
      ) : (
        <>
          {errors.role && <p class="field-error" id="role">{errors.role}</p>}
          <p class="hint">{t('admin.person.ownRoles')}</p>
        </>
      )}

      {canManage && (
        <>
          <h2>{t('admin.person.details')}</h2>
          <form method="post" action={`/admin/personer/${u.id}`} novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <TextInput name="name" label={t('admin.people.name')} value={values.name} error={errors.name} autocomplete="off" />
            <TextInput name="email" label={t('admin.people.emailAddress')} type="email" value={values.email} error={errors.email} autocomplete="off" />
            <button type="submit">{t('admin.person.save')}</button>
          </form>
          <h2>{t('admin.person.account')}</h2>
          {errors.person && (
            <p class="field-error" id="person">
              {errors.person}
            </p>
          )}
          <div class="actions">
            {u.active && !u.has_password && !u.sso_subject && <ActionButton action={`/admin/personer/${u.id}/ny-inbjudan`} csrf={props.csrf} label={t('admin.person.reinvite')} secondary />}
            {u.active && canResetTotp && u.totp && <ActionButton action={`/admin/personer/${u.id}/nollstall-tvasteg`} csrf={props.csrf} label={t('admin.person.resetTotp')} secondary />}
            {!isSelf && (u.active ? <ActionButton action={`/admin/personer/${u.id}/avaktivera`} csrf={props.csrf} label={t('admin.person.deactivate', { name: u.name })} secondary /> : <ActionButton action={`/admin/personer/${u.id}/aktivera`} csrf={props.csrf} label={t('admin.person.activate', { name: u.name })} secondary />)}
          </div>
          <p class="hint">{t('admin.person.deactivateHint')}</p>
        </>
      )}
    </AdminLayout>
  );
}
