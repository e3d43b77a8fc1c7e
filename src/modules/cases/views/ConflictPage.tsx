import { Fragment } from 'preact';
import type { Actor } from '../policy.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';

/**
 * Someone else saved the case first. Nothing was saved; the person gets back what they typed,
 * so they can look at the case as it is now and make their change again.
 */
export function ConflictPage({ orgName, actor, csrf, number, message, what, input }: { orgName: string; actor: Actor; csrf: string; number: string; message: string; what: string; input: [string, string][] }) {
  const { t } = useI18n();
  const shown = input.filter(([, v]) => v.trim() !== '');
  return (
    <StaffLayout title={t('cases.conflict.title', { number })} hasErrors orgName={orgName} actor={actor} csrf={csrf}>
      <div class="error-summary" role="alert" aria-labelledby="konflikt-rubrik" tabindex={-1}>
        <h1 id="konflikt-rubrik">{t('cases.conflict.heading', { number })}</h1>
        <p>{message}</p>
      </div>
      <h2>{t('cases.conflict.attempted')}</h2>
      <p>{what}</p>
      {shown.length > 0 && (
        <>
          <p>{t('cases.conflict.yourInput')}</p>
          <dl class="summary-list">
            {shown.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd class="user-text" dir="auto">
                  {value}
                </dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
      <p>
        <a class="button" href={`/handlaggning/arenden/${number}`}>
          {t('cases.conflict.openCase')}
        </a>
      </p>
    </StaffLayout>
  );
}
