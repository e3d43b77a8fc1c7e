import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Checkbox, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ORGANIZATION_KINDS } from '../commands/organizations.ts';
import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

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

const kindOptions = (choose: string) => [{ value: '', label: choose }, ...Object.entries(ORGANIZATION_KINDS).map(([value, label]) => ({ value, label }))];

export function OrganizationsPage({ orgs, notice, ...props }: AdminPageProps & { orgs: OrgListRow[]; notice?: string }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('admin.orgs.title')} notice={notice} {...props}>
      <h1>{t('admin.orgs.title')}</h1>
      <p>{t('admin.orgs.lead')}</p>
      <p>
        <a class="button" href="/admin/organisationer/ny">
          {t('admin.orgs.add')}
        </a>
      </p>
      <TableScroll label={t('admin.orgs.caption')}>
        <table>
          <caption class="visually-hidden">{t('admin.orgs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.orgs.name')}</th>
              <th scope="col">{t('admin.orgs.kind')}</th>
              <th scope="col">{t('admin.orgs.address')}</th>
              <th scope="col">{t('admin.orgs.staff')}</th>
              <th scope="col">{t('admin.orgs.status')}</th>
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
                  {o.is_default ? t('admin.orgs.defaultAddress') : `/o/${o.slug}/`}
                  {o.host_name && (
                    <>
                      <br />
                      {o.host_name}
                    </>
                  )}
                </td>
                <td>{o.user_count}</td>
                <td>{o.active ? t('admin.orgs.active') : t('admin.orgs.closed')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
  const i18n = useI18n();
  const { t } = i18n;
  const title = existing ? t('admin.org.editTitle', { name: values.name }) : t('admin.orgs.add');
  return (
    <AdminLayout title={title} errors={errors} {...props}>
      <h1>{title}</h1>
      <form method="post" action={existing ? `/admin/organisationer/${existing.id}` : '/admin/organisationer/ny'} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="name" label={t('admin.org.name')} value={values.name} error={errors.name} hint={t('admin.org.nameHint')} />
        <Select name="kind" label={t('admin.orgs.kind')} options={kindOptions(t('admin.org.choose'))} value={values.kind} error={errors.kind} />
        {existing ? (
          <p>{i18n.rich('admin.org.slugFixed', { slug: existing.slug, path: existing.is_default ? '/' : `/o/${existing.slug}/`, code: (c) => <code>{c}</code> })}</p>
        ) : (
          <TextInput name="slug" label={t('admin.org.slug')} value={values.slug} error={errors.slug} hint={t('admin.org.slugHint')} />
        )}
        <TextInput name="hostName" label={t('admin.org.hostName')} value={values.hostName} error={errors.hostName} hint={t('admin.org.hostNameHint')} />
        {existing ? (
          <Checkbox name="active" label={t('admin.org.active')} checked={values.active} error={errors.active} hint={t('admin.org.activeHint')} />
        ) : (
          <fieldset>
            <legend>{t('admin.org.firstAdmin')}</legend>
            <p class="hint">{t('admin.org.firstAdminHint')}</p>
            <TextInput name="adminName" label={t('admin.org.adminName')} value={values.adminName} error={errors.adminName} autocomplete="off" />
            <TextInput name="adminEmail" label={t('admin.org.adminEmail')} type="email" value={values.adminEmail} error={errors.adminEmail} autocomplete="off" />
          </fieldset>
        )}
        <button type="submit">{existing ? t('admin.org.save') : t('admin.org.create')}</button>
      </form>
      {existing && <p class="hint">{t('admin.org.created', { at: formatDateTime(existing.created_at) })}</p>}
    </AdminLayout>
  );
}

/** Shown once after an invitation was made: the mail that was queued, and its link for passing on by hand. */
export function InvitationSentPage({ heading, who, link, subject, body, expiresAt, back, ...props }: AdminPageProps & { heading: string; who: string; link: string; subject: string; body: string; expiresAt: Date; back: { href: string; label: string } }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <AdminLayout title={heading} {...props}>
      <div class="success-banner" role="status">
        <h1>{heading}</h1>
      </div>
      <p>{i18n.rich('admin.invitationSent.lead', { who, expires: formatDateTime(expiresAt), link: (c) => <a href="/admin/utkorg">{c}</a> })}</p>
      <p>{i18n.rich('admin.invitationSent.link', { link, code: (c) => <code class="break">{c}</code> })}</p>
      <h2>{t('admin.invitationSent.message')}</h2>
      <p>{i18n.rich('admin.invitationSent.subject', { subject, strong: (c) => <strong>{c}</strong> })}</p>
      <pre class="user-text">{body}</pre>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </AdminLayout>
  );
}
