import type { Role } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, Radios, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import { MAX_KEY_NAME, ROLES, type ApiKeyListItem } from '../keys.ts';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

export const API_KEYS_PATH = '/admin/api-nycklar';

/** What each role lets an integration do (api.roleHint.<role>), so the admin picks the least that is enough. */
const roleHint = (role: Role) => `api.roleHint.${role}` as const;

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
  const i18n = useI18n();
  const { t } = i18n;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StaffLayout title={t('api.keys.title')} hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href="/admin">{t('api.keys.admin')}</a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>{t('api.keys.title')}</h1>
      {created && (
        <div class="success-banner" role="status">
          <h2>{t('api.keys.created', { name: created.name })}</h2>
          <p>{i18n.rich('api.keys.copyNow', { strong: (c) => <strong>{c}</strong> })}</p>
          <label for="ny-nyckel">{t('api.keys.key')}</label>
          <input id="ny-nyckel" type="text" readOnly value={created.key} class="break" size={52} spellcheck={false} autocomplete="off" />
          <p class="hint">{t('api.keys.bearer')}</p>
        </div>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>{i18n.rich('api.keys.lead', { org: orgName, link: (c) => <a href="/api/v1/openapi.json">{c}</a> })}</p>

      <h2>{t('api.keys.keysHeading')}</h2>
      {keys.length === 0 ? (
        <p>{t('api.keys.empty')}</p>
      ) : (
        <TableScroll label={t('api.keys.title')}>
          <table>
            <caption class="visually-hidden">{t('api.keys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('api.keys.name')}</th>
                <th scope="col">{t('api.keys.role')}</th>
                <th scope="col">{t('api.keys.prefix')}</th>
                <th scope="col">{t('api.keys.createdAt')}</th>
                <th scope="col">{t('api.keys.status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('api.keys.action')}</span>
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
                    {k.created_by_name ? t('api.keys.createdBy', { at: formatDateTime(k.created_at), name: k.created_by_name }) : t('api.keys.createdByCli', { at: formatDateTime(k.created_at) })}
                  </td>
                  <td>{k.revoked_at ? t('api.keys.revoked', { at: formatDateTime(k.revoked_at) }) : t('api.keys.active')}</td>
                  <td>
                    {!k.revoked_at && (
                      <form method="post" action={`${API_KEYS_PATH}/${k.id}/aterkalla`} class="inline-form">
                        <input type="hidden" name="_csrf" value={csrf} />
                        <button type="submit" class="secondary">
                          {i18n.rich('api.keys.revoke', { name: k.name, hidden: (c) => <span class="visually-hidden">{c}</span> })}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t('api.keys.createHeading')}</h2>
      <form method="post" action={API_KEYS_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="name" label={t('api.keys.name')} hint={t('api.keys.nameHint')} value={input.name} error={errors.name} maxLength={MAX_KEY_NAME} />
        <Radios
          name="role"
          legend={t('api.keys.role')}
          hint={t('api.keys.roleHint')}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r], hint: t(roleHint(r)) }))}
          value={input.role}
          error={errors.role}
        />
        <button type="submit">{t('api.keys.create')}</button>
      </form>
    </StaffLayout>
  );
}
