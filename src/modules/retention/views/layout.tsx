import type { AdminNavItem, AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import type { Actor } from '../../cases/policy.ts';

/** The records section's own navigation: the records officer may not be an admin at all. */
export const RECORDS_NAV: AdminNavItem[] = [
  { href: '/admin/arkiv', label: 'Översikt' },
  { href: '/admin/arkiv/gallringsplan', label: 'Gallringsplan' },
  { href: '/admin/arkiv/gallring', label: 'Gallring' },
  { href: '/admin/arkiv/gallringslogg', label: 'Gallringslogg' },
  { href: '/admin/arkiv/bevarandestopp', label: 'Bevarandestopp' },
  { href: '/admin/arkiv/registerutdrag', label: 'Registerutdrag och radering' },
  { href: '/admin/arkiv/e-arkiv', label: 'Leverans till e-arkiv' },
  { href: '/admin/arkiv/installningar', label: 'Inställningar' },
];

export function recordsFrame(orgName: string, actor: Actor, csrf: string, current: string, extraNav: AdminNavItem[] = []): AdminPageProps {
  const isAdmin = actor.grants.some((g) => g.role === 'admin' && g.unitId === null);
  return { orgName, actor, csrf, nav: [...(isAdmin ? [{ href: '/admin', label: 'Administration' }] : []), ...RECORDS_NAV, ...extraNav], current };
}

export function Pager({ base, page, hasMore, query = {} }: { base: string; page: number; hasMore: boolean; query?: Record<string, string> }) {
  const href = (p: number) => `${base}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), sida: String(p) })}`;
  if (page <= 1 && !hasMore) return null;
  return (
    <nav aria-label="Sidor" class="pager">
      <ul class="action-links">
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              Föregående sida
            </a>
          </li>
        )}
        <li>Sida {page}</li>
        {hasMore && (
          <li>
            <a href={href(page + 1)} rel="next">
              Nästa sida
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
