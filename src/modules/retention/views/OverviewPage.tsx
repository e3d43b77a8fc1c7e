import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

export interface Hold {
  number: string;
  reason: string;
  placed_by_label: string;
  placed_at: Date;
}

export function RecordsOverviewPage(p: AdminPageProps & { rules: number; due: number; holds: number; openReviews: number }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('retention.overview.title')} {...p}>
      <h1>{t('retention.overview.title')}</h1>
      <p>{t('retention.overview.intro')}</p>
      <ul>
        <li>
          <a href="/admin/arkiv/gallringsplan">{t('retention.nav.schedule')}</a>: {t('retention.overview.rules', { n: p.rules })}
        </li>
        <li>
          <a href="/admin/arkiv/gallring">{t('retention.nav.disposal')}</a>: {t('retention.overview.due', { n: p.due })}
        </li>
        <li>
          <a href="/admin/arkiv/bevarandestopp">{t('retention.nav.holds')}</a>: {t('retention.overview.holds', { n: p.holds })}
        </li>
        <li>
          <a href="/admin/arkiv/registerutdrag">{t('retention.nav.gdpr')}</a>: {t('retention.overview.reviews', { n: p.openReviews })}
        </li>
        <li>
          <a href="/admin/arkiv/e-arkiv">{t('retention.nav.earchive')}</a>
        </li>
      </ul>
    </AdminLayout>
  );
}

export function HoldsPage(p: AdminPageProps & { holds: Hold[]; showReasons: boolean }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('retention.holds.title')} {...p}>
      <h1>{t('retention.holds.title')}</h1>
      <p>{t('retention.holds.intro')}</p>
      {p.holds.length === 0 ? (
        <p>{t('retention.holds.none')}</p>
      ) : (
        <TableScroll label={t('retention.holds.caption')}>
        <table>
          <caption class="visually-hidden">{t('retention.holds.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('retention.holds.case')}</th>
              <th scope="col">{t('retention.holds.reason')}</th>
              <th scope="col">{t('retention.holds.placed')}</th>
            </tr>
          </thead>
          <tbody>
            {p.holds.map((h) => (
              <tr key={h.number}>
                <td>
                  <a href={`/handlaggning/arenden/${h.number}`}>{h.number}</a>
                </td>
                <td class="user-text">{p.showReasons ? h.reason : t('retention.holds.reasonOnCase')}</td>
                <td>
                  {formatDateTime(h.placed_at)}, {h.placed_by_label}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
    </AdminLayout>
  );
}
