import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Radios, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import type { listRequests } from '../erasure.ts';
import { KIND_LABEL } from '../identifier.ts';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

type Request = Awaited<ReturnType<typeof listRequests>>[number];

export function GdprPage(p: AdminPageProps & { requests: Request[]; input: { kind: string; value: string; what: string }; errors?: FieldErrors; notice?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <AdminLayout title={t('gdpr.requests.title')} errors={p.errors} notice={p.notice} {...p}>
      <h1>{t('gdpr.requests.title')}</h1>
      <p>{t('gdpr.requests.intro')}</p>
      <form method="post" action="/admin/arkiv/registerutdrag" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <Radios
          name="kind"
          legend={t('gdpr.requests.kind')}
          value={p.input.kind}
          error={p.errors?.kind}
          options={[
            { value: 'email', label: t('gdpr.requests.kindEmail') },
            { value: 'phone', label: t('gdpr.requests.kindPhone') },
            { value: 'personnummer', label: t('gdpr.requests.kindPersonnummer'), hint: t('gdpr.requests.kindPersonnummerHint') },
          ]}
        />
        <TextInput name="value" label={t('gdpr.requests.value')} value={p.input.value} error={p.errors?.value} autocomplete="off" />
        <Radios
          name="what"
          legend={t('gdpr.requests.what')}
          value={p.input.what}
          error={p.errors?.what}
          options={[
            { value: 'extract', label: t('gdpr.requests.extract'), hint: t('gdpr.requests.extractHint') },
            { value: 'erasure', label: t('gdpr.requests.erasure'), hint: t('gdpr.requests.erasureHint') },
          ]}
        />
        <button type="submit">{t('gdpr.requests.submit')}</button>
      </form>
      <h2>{t('gdpr.requests.earlier')}</h2>
      {p.requests.length === 0 ? (
        <p>{t('gdpr.requests.none')}</p>
      ) : (
        <TableScroll label={t('gdpr.requests.caption')}>
        <table>
          <caption class="visually-hidden">{t('gdpr.requests.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gdpr.requests.when')}</th>
              <th scope="col">{t('gdpr.requests.type')}</th>
              <th scope="col">{t('gdpr.requests.person')}</th>
              <th scope="col">{t('gdpr.requests.cases')}</th>
              <th scope="col">{t('gdpr.requests.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.requests.map((r) => (
              <tr key={r.id}>
                <td>
                  {formatDateTime(r.requested_at)}, {r.requested_by_label}
                </td>
                <td>{r.type === 'extract' ? t(r.channel === 'api' ? 'gdpr.requests.extractViaApi' : 'gdpr.requests.extract') : t('gdpr.requests.erasure')}</td>
                <td>
                  {KIND_LABEL[r.identifier_kind]} {r.identifier_masked}
                </td>
                <td>{r.case_ids.length}</td>
                <td>
                  {r.type === 'erasure' ? (
                    <a href={`/admin/arkiv/registerutdrag/granskning/${r.id}`}>{t(r.status === 'open' ? 'gdpr.requests.review' : 'gdpr.requests.reviewed')}</a>
                  ) : r.handed_out_at ? (
                    t('gdpr.requests.handedOutBy', { at: formatDateTime(r.handed_out_at), by: r.handed_out_by_label ?? '' })
                  ) : (
                    <>
                      {t('gdpr.requests.generated')}
                      <form method="post" action={`/admin/arkiv/registerutdrag/${r.id}/utlamnat`} class="inline-form">
                        <input type="hidden" name="_csrf" value={p.csrf} />
                        <button type="submit" class="secondary">
                          {i18n.rich('gdpr.requests.markHandedOut', { when: formatDateTime(r.requested_at), hidden: (c) => <span class="visually-hidden">{c}</span> })}
                        </button>
                      </form>
                    </>
                  )}
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
