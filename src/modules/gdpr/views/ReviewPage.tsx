import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import type { StaffKey } from '../../../platform/i18n/staffKeys.ts';
import { TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { statusLabel } from '../../cases/labels.ts';
import { mayBePseudonymised, type loadReview, type Verdict } from '../erasure.ts';
import { KIND_LABEL } from '../identifier.ts';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

type Review = Awaited<ReturnType<typeof loadReview>>;

const VERDICT: Record<Verdict, StaffKey> = {
  open: 'gdpr.verdict.open',
  held: 'gdpr.verdict.held',
  due: 'gdpr.verdict.due',
  kept: 'gdpr.verdict.kept',
  retained: 'gdpr.verdict.retained',
  no_rule: 'gdpr.verdict.noRule',
};

export function ReviewPage(p: AdminPageProps & { data: Review; note: string; decision?: string; errors?: FieldErrors; notice?: string }) {
  const r = p.data.review;
  const open = r.status === 'open';
  const eligible = p.data.cases.filter(mayBePseudonymised).length;
  const notEligible = p.data.cases.filter((c) => !mayBePseudonymised(c) && !c.disposed_at && !c.contact_pseudonymised_at).length;
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <AdminLayout title={t('gdpr.review.title')} errors={p.errors} notice={p.notice} {...p}>
      <h1>{t('gdpr.review.title')}</h1>
      <p>{t('gdpr.review.concerns', { kind: KIND_LABEL[r.identifier_kind], identifier: r.identifier_masked, at: formatDateTime(r.requested_at), by: r.requested_by_label })}</p>
      {p.data.cases.length === 0 ? (
        <p>{t('gdpr.review.noCases')}</p>
      ) : (
        <TableScroll label={t('gdpr.review.caption')}>
        <table>
          <caption>{t('gdpr.review.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gdpr.review.case')}</th>
              <th scope="col">{t('gdpr.review.status')}</th>
              <th scope="col">{t('gdpr.review.rule')}</th>
              <th scope="col">{t('gdpr.review.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {p.data.cases.map((c) => (
              <tr key={c.id}>
                <td>{c.disposed_at ? c.number : <a href={`/handlaggning/arenden/${c.number}`}>{c.number}</a>}</td>
                <td>
                  {c.disposed_at ? t('gdpr.review.disposed') : statusLabel(c.status)}
                  {c.contact_pseudonymised_at && t('gdpr.review.pseudonymised')}
                </td>
                <td>
                  {c.ruleText ?? '–'}
                  {c.due && t('gdpr.review.dueFrom', { due: c.due })}
                </td>
                <td>{t(VERDICT[c.verdict])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
      {open && p.data.mayPseudonymise && (eligible > 0 || notEligible > 0) && (
        <>
          <h2>{t('gdpr.review.pseudonymiseTitle')}</h2>
          {eligible > 0 && <p>{t('gdpr.review.pseudonymiseText', { count: eligible })}</p>}
          {notEligible > 0 && <p>{t('gdpr.review.pseudonymiseKept', { count: notEligible })}</p>}
          {eligible > 0 && (
            <form method="post" action={`/admin/arkiv/registerutdrag/granskning/${r.id}/pseudonymisera`} novalidate>
              <input type="hidden" name="_csrf" value={p.csrf} />
              <TextInput name="decision" label={t('gdpr.review.pseudonymiseDecision')} hint={t('gdpr.review.pseudonymiseDecisionHint')} value={p.decision ?? ''} error={p.errors?.decision} />
              <button type="submit" class="secondary">
                {t('gdpr.review.pseudonymiseButton', { count: eligible })}
              </button>
            </form>
          )}
        </>
      )}
      {open ? (
        <>
          <h2>{t('gdpr.review.closeTitle')}</h2>
          <form method="post" action={`/admin/arkiv/registerutdrag/granskning/${r.id}`} novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextArea name="note" label={t('gdpr.review.decision')} hint={t('gdpr.review.decisionHint')} value={p.note} error={p.errors?.note} rows={4} />
            <button type="submit">{t('gdpr.review.closeButton')}</button>
          </form>
        </>
      ) : (
        <p>{i18n.rich('gdpr.review.reviewedBy', { at: r.reviewed_at ? formatDateTime(r.reviewed_at) : '', by: r.reviewed_by_label, note: <span class="user-text">{r.review_note}</span> })}</p>
      )}
    </AdminLayout>
  );
}
