import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';
import { ChangeValues } from './ChangeValues.tsx';

export interface LogRow {
  id: string;
  occurred_at: Date;
  actor_label: string;
  action: string;
  entity_type: string;
  summary: string;
  before: unknown;
  after: unknown;
  forvaltning_name: string | null;
}

export function LogPage({ rows, names, page, hasMore, ...props }: AdminPageProps & { rows: LogRow[]; names: ReadonlyMap<string, string>; page: number; hasMore: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <AdminLayout title={t('admin.log.title')} {...props}>
      <h1>{t('admin.log.title')}</h1>
      <p>{t('admin.log.lead')}</p>
      <p>
        {i18n.rich('admin.log.csv', {
          link: (c) => (
            <a href="/admin/logg.csv" download>
              {c}
            </a>
          ),
          code: (c) => <code>{c}</code>,
        })}
      </p>
      {rows.length === 0 ? (
        <p>{t('admin.log.empty')}</p>
      ) : (
        <TableScroll label={t('admin.log.caption')}>
          <table>
            <caption class="visually-hidden">{t('admin.log.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.log.when')}</th>
                <th scope="col">{t('admin.log.who')}</th>
                <th scope="col">{t('admin.log.change')}</th>
                <th scope="col">{t('admin.log.beforeAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.occurred_at)}</td>
                  <td>{r.actor_label}</td>
                  <td>
                    {r.summary}
                    {r.forvaltning_name && <span class="muted"> ({r.forvaltning_name})</span>}
                  </td>
                  <td>
                    {(r.before != null || r.after != null) && (
                      <details>
                        <summary>{t('admin.log.show')}</summary>
                        {r.before != null && (
                          <>
                            <p>{t('admin.log.before')}</p>
                            <ChangeValues value={r.before} names={names} />
                          </>
                        )}
                        {r.after != null && (
                          <>
                            <p>{t('admin.log.after')}</p>
                            <ChangeValues value={r.after} names={names} />
                          </>
                        )}
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t('admin.log.pages')} class="pagination">
        {page > 1 && <a href={`/admin/logg?sida=${page - 1}`}>{t('admin.log.newer')}</a>} {hasMore && <a href={`/admin/logg?sida=${page + 1}`}>{t('admin.log.older')}</a>}
      </nav>
    </AdminLayout>
  );
}
