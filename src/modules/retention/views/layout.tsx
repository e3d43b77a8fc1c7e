import { sv } from '../../../platform/i18n/catalogue.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import type { AdminNavItem, AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { coversWholeOrganization, type Actor } from '../../cases/policy.ts';

/** The records section's own navigation: the records officer may not be an admin at all. */
export const RECORDS_NAV: AdminNavItem[] = [
  { href: '/admin/arkiv', label: sv('retention.nav.overview') },
  { href: '/admin/arkiv/gallringsplan', label: sv('retention.nav.schedule') },
  { href: '/admin/arkiv/gallring', label: sv('retention.nav.disposal') },
  { href: '/admin/arkiv/gallringslogg', label: sv('retention.nav.log') },
  { href: '/admin/arkiv/bevarandestopp', label: sv('retention.nav.holds') },
  { href: '/admin/arkiv/registerutdrag', label: sv('retention.nav.gdpr') },
  { href: '/admin/arkiv/e-arkiv', label: sv('retention.nav.earchive') },
  { href: '/admin/arkiv/installningar', label: sv('retention.nav.settings') },
];

export function recordsFrame(orgName: string, actor: Actor, csrf: string, current: string, extraNav: AdminNavItem[] = []): AdminPageProps {
  const isAdmin = coversWholeOrganization(actor, 'admin');
  return { orgName, actor, csrf, nav: [...(isAdmin ? [{ href: '/admin', label: sv('retention.nav.admin') }] : []), ...RECORDS_NAV, ...extraNav], current };
}

export function Pager({ base, page, hasMore, query = {} }: { base: string; page: number; hasMore: boolean; query?: Record<string, string> }) {
  const href = (p: number) => `${base}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), sida: String(p) })}`;
  const { t } = useI18n();
  if (page <= 1 && !hasMore) return null;
  return (
    <nav aria-label={t('retention.pager.label')} class="pager">
      <ul class="action-links">
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('retention.pager.previous')}
            </a>
          </li>
        )}
        <li>{t('retention.pager.page', { page: String(page) })}</li>
        {hasMore && (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('retention.pager.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
