import type { Organization } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
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
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <StaffLayout title={t('sso.totp.title')} hasErrors={Object.keys(errors).length > 0} orgName={org.name} actor={actor} csrf={csrf} current={ACCOUNT_PATH}>
      <ErrorSummary errors={errors} />
      <h1>{t('sso.totp.title')}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {state === 'not_applicable' && <p>{t('sso.totp.notApplicable')}</p>}
      {state === 'enabled' && (
        <>
          <p>{t('sso.totp.enabledSince', { at: formatDateTime(enabledAt!) })}</p>
          <h2>{t('sso.totp.disableHeading')}</h2>
          <form method="post" action="/konto/tvastegsverifiering/stang-av" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <TextInput name="code" label={t('sso.totp.code')} inputmode="numeric" autocomplete="one-time-code" maxLength={7} error={errors.code} hint={t('sso.totp.disableHint')} />
            <button type="submit" class="secondary">
              {t('sso.totp.disable')}
            </button>
          </form>
        </>
      )}
      {state === 'enrol' && (
        <>
          <p>{t('sso.totp.enrolLead')}</p>
          <ol>
            <li>{t('sso.totp.step1')}</li>
            <li>{t('sso.totp.step2')}</li>
            <li>{t('sso.totp.step3')}</li>
          </ol>
          <div class="qr" role="img" aria-label={t('sso.totp.qr')} dangerouslySetInnerHTML={{ __html: qr! }} />
          <p>{i18n.rich('sso.totp.secret', { secret: secret ?? '', code: (c) => <code class="secret">{c}</code> })}</p>
          <form method="post" action="/konto/tvastegsverifiering/aktivera" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <TextInput name="code" label={t('sso.totp.code')} inputmode="numeric" autocomplete="one-time-code" maxLength={7} error={errors.code} hint={t('sso.totp.codeHint')} />
            <button type="submit">{t('sso.totp.enable')}</button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
