import { useI18n } from '../../../platform/i18n/context.ts';
import { Checkbox, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';

export interface SettingsInput {
  pseudonymiseOnRequest: boolean;
  months: string;
  archiveName: string;
}

export function RecordsSettingsPage(p: AdminPageProps & { input: SettingsInput; errors?: FieldErrors; notice?: string }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('gdpr.settings.title')} errors={p.errors} notice={p.notice} {...p}>
      <h1>{t('gdpr.settings.title')}</h1>
      <form method="post" action="/admin/arkiv/installningar" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <Checkbox name="pseudonymiseOnRequest" label={t('gdpr.settings.pseudonymiseOnRequest')} checked={p.input.pseudonymiseOnRequest} />
        <TextInput
          name="months"
          label={t('gdpr.settings.months')}
          hint={t('gdpr.settings.monthsHint')}
          inputmode="numeric"
          value={p.input.months}
          error={p.errors?.months}
        />
        <TextInput name="archiveName" label={t('gdpr.settings.archiveName')} hint={t('gdpr.settings.archiveNameHint')} value={p.input.archiveName} error={p.errors?.archiveName} />
        <button type="submit">{t('gdpr.settings.save')}</button>
      </form>
    </AdminLayout>
  );
}
