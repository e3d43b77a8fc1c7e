import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Checkbox, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { SettingsInput } from '../commands/settings.ts';
import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

export function TextsPage({ values, errors = {}, notice, ...props }: AdminPageProps & { values: SettingsInput; errors?: FieldErrors; notice?: string }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('admin.texts.title')} errors={errors} notice={notice} {...props}>
      <h1>{t('admin.texts.title')}</h1>
      <form method="post" action="/admin/texter" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <h2>{t('admin.texts.startPage')}</h2>
        <TextArea name="startPageIntro" label={t('admin.texts.startPageIntro')} rows={3} value={values.startPageIntro} error={errors.startPageIntro} hint={t('admin.texts.startPageIntroHint')} />
        <TextArea name="startPageExtra" label={t('admin.texts.startPageExtra')} rows={4} value={values.startPageExtra} error={errors.startPageExtra} hint={t('admin.texts.startPageExtraHint')} />

        <h2>{t('admin.texts.notFeedback')}</h2>
        <p>{t('admin.texts.notFeedbackLead')}</p>
        <TextInput name="faultReport" label={t('admin.texts.faultReport')} value={values.faultReport} error={errors.faultReport} />
        <TextInput name="appeal" label={t('admin.texts.appeal')} value={values.appeal} error={errors.appeal} />
        <TextInput name="deviation" label={t('admin.texts.deviation')} value={values.deviation} error={errors.deviation} />
        <TextInput name="schoolHarassmentUrl" label={t('admin.texts.schoolHarassmentUrl')} value={values.schoolHarassmentUrl} error={errors.schoolHarassmentUrl} />
        <TextArea name="otherAuthorityText" label={t('admin.texts.otherAuthorityText')} rows={3} value={values.otherAuthorityText} error={errors.otherAuthorityText} hint={t('admin.texts.otherAuthorityTextHint')} />

        <h2>{t('admin.texts.contact')}</h2>
        <TextInput name="contactEmail" label={t('admin.texts.contactEmail')} type="email" value={values.contactEmail} error={errors.contactEmail} />
        <TextInput name="contactPhone" label={t('admin.texts.contactPhone')} type="tel" value={values.contactPhone} error={errors.contactPhone} />
        <TextArea name="postalAddress" label={t('admin.texts.postalAddress')} rows={3} value={values.postalAddress} error={errors.postalAddress} />
        <TextInput name="visitingAddress" label={t('admin.texts.visitingAddress')} value={values.visitingAddress} error={errors.visitingAddress} hint={t('admin.texts.visitingAddressHint')} />
        <TextArea
          name="publishedContacts"
          label={t('admin.texts.publishedContacts')}
          rows={3}
          value={values.publishedContacts}
          error={errors.publishedContacts}
          hint={t('admin.texts.publishedContactsHint')}
        />

        <h2>{t('admin.texts.letterhead')}</h2>
        <p>{t('admin.texts.letterheadLead')}</p>
        <TextInput name="senderName" label={t('admin.texts.senderName')} value={values.senderName} error={errors.senderName} hint={t('admin.texts.senderNameHint')} />
        <TextArea name="letterPostalAddress" label={t('admin.texts.letterPostalAddress')} rows={3} value={values.letterPostalAddress} error={errors.letterPostalAddress} />
        <TextInput name="letterPhone" label={t('admin.texts.letterPhone')} type="tel" value={values.letterPhone} error={errors.letterPhone} />
        <TextInput name="letterEmail" label={t('admin.texts.letterEmail')} type="email" value={values.letterEmail} error={errors.letterEmail} />
        <TextInput name="website" label={t('admin.texts.website')} value={values.website} error={errors.website} />
        <TextArea name="signature" label={t('admin.texts.signature')} rows={3} value={values.signature} error={errors.signature} hint={t('admin.texts.signatureHint')} />

        <h2>{t('admin.texts.caseNumbers')}</h2>
        <TextInput name="casePrefix" label={t('admin.texts.casePrefix')} value={values.casePrefix} error={errors.casePrefix} hint={t('admin.texts.casePrefixHint')} />
        <button type="submit">{t('admin.texts.save')}</button>
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

export function LoginSettingsPage({ values, hasSecret, secretNotSaved, redirectUri, logoutUri, updatedAt, errors = {}, notice, ...props }: AdminPageProps & { values: LoginSettingsValues; hasSecret: boolean; secretNotSaved?: boolean; redirectUri: string; logoutUri: string; updatedAt: Date | null; errors?: FieldErrors; notice?: string }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('admin.loginSettings.title')} errors={errors} notice={notice} {...props}>
      <h1>{t('admin.loginSettings.title')}</h1>
      <p>{t('admin.loginSettings.lead')}</p>
      <dl class="summary-list">
        <div>
          <dt>{t('admin.loginSettings.redirectUri')}</dt>
          <dd>
            <code class="break">{redirectUri}</code>
          </dd>
        </div>
        <div>
          <dt>{t('admin.loginSettings.logoutUri')}</dt>
          <dd>
            <code class="break">{logoutUri}</code>
          </dd>
        </div>
      </dl>
      <form method="post" action="/admin/inloggning" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <h2>{t('admin.loginSettings.provider')}</h2>
        <TextInput name="issuerUrl" label={t('admin.loginSettings.issuerUrl')} value={values.issuerUrl} error={errors.issuerUrl} hint={t('admin.loginSettings.issuerUrlHint')} />
        <TextInput name="clientId" label={t('admin.loginSettings.clientId')} value={values.clientId} error={errors.clientId} autocomplete="off" />
        <TextInput
          name="clientSecret"
          label={t('admin.loginSettings.clientSecret')}
          type="password"
          autocomplete="new-password"
          error={errors.clientSecret}
          hint={secretNotSaved ? t('admin.loginSettings.secretNotSaved') : hasSecret ? t('admin.loginSettings.secretSaved') : t('admin.loginSettings.secretHint')}
        />
        <TextInput name="scopes" label={t('admin.loginSettings.scopes')} value={values.scopes} error={errors.scopes} hint={t('admin.loginSettings.scopesHint')} />
        <TextInput name="emailClaim" label={t('admin.loginSettings.emailClaim')} value={values.emailClaim} error={errors.emailClaim} hint={t('admin.loginSettings.emailClaimHint')} />
        <TextInput name="groupsClaim" label={t('admin.loginSettings.groupsClaim')} value={values.groupsClaim} error={errors.groupsClaim} hint={t('admin.loginSettings.groupsClaimHint')} />
        <TextArea
          name="groupRoles"
          label={t('admin.loginSettings.groupRoles')}
          rows={5}
          value={values.groupRoles}
          error={errors.groupRoles}
          hint={t('admin.loginSettings.groupRolesHint')}
        />
        <TextInput name="buttonLabel" label={t('admin.loginSettings.buttonLabel')} value={values.buttonLabel} error={errors.buttonLabel} hint={t('admin.loginSettings.buttonLabelHint')} />
        <Checkbox name="enabled" label={t('admin.loginSettings.enabled')} checked={values.enabled} error={errors.enabled} />
        <h2>{t('admin.loginSettings.password')}</h2>
        <Checkbox
          name="passwordLogin"
          label={t('admin.loginSettings.passwordLogin')}
          checked={values.passwordLogin}
          error={errors.passwordLogin}
          hint={t('admin.loginSettings.passwordLoginHint')}
        />
        <button type="submit">{t('admin.loginSettings.save')}</button>
      </form>
      {updatedAt && <p class="hint">{t('admin.loginSettings.updated', { at: formatDateTime(updatedAt) })}</p>}
    </AdminLayout>
  );
}
