import { useI18n } from '../../../platform/i18n/context.ts';
import type { StaffKey } from '../../../platform/i18n/staffKeys.ts';
import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

const DESCRIPTIONS: Record<string, StaffKey> = {
  '/admin/organisationer': 'admin.overview.organizations',
  '/admin/enheter': 'admin.overview.units',
  '/admin/personer': 'admin.overview.people',
  '/admin/kategorier': 'admin.overview.categories',
  '/admin/svarsmallar': 'admin.overview.templates',
  '/admin/texter': 'admin.overview.texts',
  '/admin/inloggning': 'admin.overview.login',
  '/admin/tidsfrister': 'admin.overview.deadlines',
  '/admin/e-postmallar': 'admin.overview.mailTemplates',
  '/admin/utkorg': 'admin.overview.outbox',
  '/admin/api-nycklar': 'admin.overview.apiKeys',
  '/admin/sakerhetskopior': 'admin.overview.backups',
  '/admin/logg': 'admin.overview.log',
};

export function OverviewPage(props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('admin.overview.title')} {...props}>
      <h1>{t('admin.overview.title')}</h1>
      <dl class="summary-list">
        {props.nav
          .filter((n) => n.href !== '/admin')
          .map((n) => (
            <div key={n.href}>
              <dt>
                <a href={n.href}>{n.label}</a>
              </dt>
              <dd>{DESCRIPTIONS[n.href] ? t(DESCRIPTIONS[n.href]!) : ''}</dd>
            </div>
          ))}
      </dl>
    </AdminLayout>
  );
}
