import { useI18n } from '../../../platform/i18n/context.ts';
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
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <StaffLayout title={t('mailin.admin.title')} hasErrors={Object.keys(errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/admin">
      <p>
        <a href="/admin">{t('mailin.admin.back')}</a>
      </p>
      <ErrorSummary errors={errors} />
      {p.notice && (
        <div class="success-banner" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      <h1>{t('mailin.admin.title')}</h1>
      <p>{i18n.rich('mailin.admin.intro', { address: (c) => <span class="break">{c}</span> })}</p>

      <h2>{t('mailin.admin.addresses')}</h2>
      {p.installationAddress && <p>{i18n.rich('mailin.admin.installationAddress', { address: <strong class="break">{p.installationAddress}</strong> })}</p>}
      {p.addresses.length === 0 ? (
        <p>{t('mailin.admin.noAddresses')}</p>
      ) : (
        <ul class="address-list">
          {p.addresses.map((a) => (
            <li key={a.address}>
              <span class="break">{a.address}</span>{' '}
              <form method="post" action="/admin/e-post-in/adresser/ta-bort" class="inline-form">
                <input type="hidden" name="_csrf" value={p.csrf} />
                <input type="hidden" name="address" value={a.address} />
                <button type="submit" class="secondary" aria-label={t('mailin.admin.removeLabel', { address: a.address })}>
                  {t('mailin.admin.remove')}
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
          label={t('mailin.admin.addAddress')}
          hint={t('mailin.admin.addAddressHint')}
          value={p.addressInput}
          error={errors.address}
          autocomplete="off"
        />
        <button type="submit">{t('mailin.admin.addSubmit')}</button>
      </form>

      <h2>{t('mailin.admin.rules')}</h2>
      <form method="post" action="/admin/e-post-in/regler" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <TextInput
          name="newCaseAfterDays"
          type="number"
          inputmode="numeric"
          label={t('mailin.admin.newCaseAfterDays')}
          hint={t('mailin.admin.newCaseAfterDaysHint')}
          value={p.settings.newCaseAfterDays}
          error={errors.newCaseAfterDays}
        />
        <TextInput
          name="senderHourlyLimit"
          type="number"
          inputmode="numeric"
          label={t('mailin.admin.senderHourlyLimit')}
          hint={t('mailin.admin.senderHourlyLimitHint')}
          value={p.settings.senderHourlyLimit}
          error={errors.senderHourlyLimit}
        />
        <button type="submit">{t('mailin.admin.saveRules')}</button>
      </form>
    </StaffLayout>
  );
}
