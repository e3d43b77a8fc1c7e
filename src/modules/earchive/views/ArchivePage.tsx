import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import type { listPackages } from '../confirm.ts';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

type Pkg = Awaited<ReturnType<typeof listPackages>>[number];

const receiptId = (packageId: string) => `receipt-${packageId}`;

export function ArchivePage(p: AdminPageProps & { packages: Pkg[]; year: string; receipt: { id: string; value: string } | null; errors?: FieldErrors; notice?: string }) {
  // Each unconfirmed package has its own receipt field: the error summary links to the one that was sent.
  const fieldIds = { package: 'paket', ...(p.receipt ? { receipt: receiptId(p.receipt.id) } : {}) };
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <AdminLayout title={t('earchive.page.title')} errors={p.errors} fieldIds={fieldIds} notice={p.notice} {...p}>
      <h1>{t('earchive.page.title')}</h1>
      <p>{t('earchive.page.intro')}</p>
      <h2>{t('earchive.create.title')}</h2>
      <form method="post" action="/admin/arkiv/e-arkiv" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <TextInput name="year" label={t('earchive.create.year')} inputmode="numeric" value={p.year} error={p.errors?.year} hint={t('earchive.create.yearHint')} />
        <button type="submit">{t('earchive.create.submit')}</button>
      </form>
      <h2 id="paket" tabindex={-1}>
        {t('earchive.packages.title')}
      </h2>
      {p.packages.length === 0 ? (
        <p>{t('earchive.packages.none')}</p>
      ) : (
        <TableScroll label={t('earchive.packages.caption')}>
        <table>
          <caption class="visually-hidden">{t('earchive.packages.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('earchive.packages.package')}</th>
              <th scope="col">{t('earchive.packages.year')}</th>
              <th scope="col">{t('earchive.packages.cases')}</th>
              <th scope="col">{t('earchive.packages.created')}</th>
              <th scope="col">{t('earchive.packages.receipt')}</th>
            </tr>
          </thead>
          <tbody>
            {p.packages.map((k) => (
              <tr key={k.id}>
                <td>
                  {k.id}
                  {!k.confirmed_at && (
                    <form method="post" action={`/admin/arkiv/e-arkiv/${k.id}/ladda-ner`} class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <button type="submit" class="secondary">
                        {i18n.rich('earchive.download.submit', { id: k.id, hidden: (c) => <span class="visually-hidden">{c}</span> })}
                      </button>
                    </form>
                  )}
                </td>
                <td>{k.closed_year}</td>
                <td>{k.case_count}</td>
                <td>
                  {formatDateTime(k.created_at)}, {k.created_by_label}
                </td>
                <td>
                  {k.confirmed_at ? (
                    `${k.receipt_ref} (${formatDateTime(k.confirmed_at)}, ${k.confirmed_by_label})`
                  ) : (
                    <form method="post" action={`/admin/arkiv/e-arkiv/${k.id}/kvittens`} novalidate class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <TextInput
                        name="receipt"
                        id={receiptId(k.id)}
                        label={<>{i18n.rich('earchive.receipt.label', { id: k.id, hidden: (c) => <span class="visually-hidden">{c}</span> })}</>}
                        value={p.receipt?.id === k.id ? p.receipt.value : ''}
                        error={p.receipt?.id === k.id ? p.errors?.receipt : undefined}
                      />
                      <button type="submit" class="secondary">
                        {t('earchive.receipt.submit')}
                      </button>
                    </form>
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
