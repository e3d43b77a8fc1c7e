import type { Actor } from '../../cases/policy.ts';
import { ErrorSummary, TextArea, type FieldErrors } from '../../../platform/views/forms.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';

export interface HoldPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  number: string;
  /** The active hold, when there is one: the page then lifts it. */
  hold: { reason: string | null; by: string; at: string } | null;
  reason?: string;
  errors?: FieldErrors;
}

/** Place a legal hold with a reason, or lift the one there is, with a reason too. */
export function HoldPage(p: HoldPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const errors = p.errors ?? {};
  const base = `/handlaggning/arenden/${p.number}`;
  const title = t(p.hold ? 'legalHold.page.liftTitle' : 'legalHold.page.placeTitle', { number: p.number });
  return (
    <StaffLayout title={title} hasErrors={Object.keys(errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf}>
      <p>
        <a href={base}>{t('legalHold.page.back', { number: p.number })}</a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {p.hold ? (
        <>
          <p>
            {p.hold.reason
              ? i18n.rich('legalHold.page.placedByWithReason', {
                  by: p.hold.by,
                  at: p.hold.at,
                  reason: p.hold.reason,
                  text: (s) => (
                    <span class="user-text" dir="auto">
                      {s}
                    </span>
                  ),
                })
              : t('legalHold.page.placedBy', { by: p.hold.by, at: p.hold.at })}
          </p>
          <p>{t('legalHold.page.liftText')}</p>
          <form method="post" action={`${base}/bevarandestopp/hav`} novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextArea name="reason" label={t('legalHold.page.liftReason')} hint={t('legalHold.page.liftReasonHint')} value={p.reason ?? ''} error={errors.reason} rows={4} />
            <button type="submit">{t('legalHold.page.liftButton')}</button>
          </form>
        </>
      ) : (
        <>
          <p>{t('legalHold.page.placeText')}</p>
          <form method="post" action={`${base}/bevarandestopp`} novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextArea name="reason" label={t('legalHold.page.reason')} hint={t('legalHold.page.reasonHint')} value={p.reason ?? ''} error={errors.reason} rows={4} />
            <button type="submit">{t('legalHold.page.placeButton')}</button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
