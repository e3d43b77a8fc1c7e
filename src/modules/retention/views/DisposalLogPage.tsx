import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { KIND_LABEL } from '../../cases/labels.ts';
import type { LogRow } from '../log.ts';
import { Pager } from './layout.tsx';

export function DisposalLogPage(p: AdminPageProps & { rows: LogRow[]; page: number; hasMore: boolean; from: string; to: string; errors?: FieldErrors }) {
  const query = { fran: p.from, till: p.to };
  const csv = `/admin/arkiv/gallringslogg.csv?${new URLSearchParams(Object.fromEntries(Object.entries(query).filter(([, v]) => v)))}`;
  const { t } = useI18n();
  return (
    <AdminLayout title={t('retention.log.title')} errors={p.errors} {...p}>
      <h1>{t('retention.log.title')}</h1>
      <p>{t('retention.log.intro')}</p>
      <form method="get" action="/admin/arkiv/gallringslogg" novalidate class="filter-form">
        <TextInput name="fran" type="date" label={t('retention.log.from')} value={p.from} error={p.errors?.fran} />
        <TextInput name="till" type="date" label={t('retention.log.to')} value={p.to} error={p.errors?.till} />
        <button type="submit" class="secondary">
          {t('retention.log.show')}
        </button>
      </form>
      <p>
        <a href={csv}>{t('retention.log.csv')}</a>
      </p>
      {p.rows.length === 0 ? (
        <p>{t(p.from || p.to ? 'retention.log.noneInPeriod' : 'retention.log.none')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="gallringslogg-tabell" tabindex={0}>
          <table>
            <caption id="gallringslogg-tabell" class="visually-hidden">{t('retention.log.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.table.case')}</th>
                <th scope="col">{t('retention.table.received')}</th>
                <th scope="col">{t('retention.table.kind')}</th>
                <th scope="col">{t('retention.table.area')}</th>
                <th scope="col">{t('retention.table.department')}</th>
                <th scope="col">{t('retention.table.closed')}</th>
                <th scope="col">{t('retention.table.rule')}</th>
                <th scope="col">{t('retention.table.decision')}</th>
                <th scope="col">{t('retention.table.disposed')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.case_number}</td>
                  <td>{r.received_on}</td>
                  <td>{KIND_LABEL[r.kind]}</td>
                  <td>{r.area_name ?? '–'}</td>
                  <td>{r.forvaltning_name ?? '–'}</td>
                  <td>{r.closed_on}</td>
                  <td>
                    {r.rule_text} ({r.rule_decision_ref})
                  </td>
                  <td>{r.decision_ref}</td>
                  <td>
                    {formatDateTime(r.disposed_at)}, {r.disposed_by_label}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/admin/arkiv/gallringslogg" page={p.page} hasMore={p.hasMore} query={query} />
    </AdminLayout>
  );
}
