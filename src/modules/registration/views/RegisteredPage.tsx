import { useI18n } from '../../../platform/i18n/context.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { REGISTER_PATH } from './RegisterPage.tsx';

interface Props {
  orgName: string;
  actor: Actor;
  csrf: string;
  number: string;
  mode: 'normal' | 'quick' | 'internal';
  /** The submitter's private status link; absent for internal cases, which have no outside submitter. */
  statusUrl?: string;
  /** Whether this user may open the case page (after routing the registering person may not). */
  canOpen: boolean;
}

export function RegisteredPage({ orgName, actor, csrf, number, mode, statusUrl, canOpen }: Props) {
  const { t } = useI18n();
  return (
    <StaffLayout title={t('registration.registered.title', { number })} orgName={orgName} actor={actor} csrf={csrf} current={REGISTER_PATH}>
      <div class="panel">
        <h1>{t('registration.registered.heading')}</h1>
        <p>
          {t('registration.registered.caseNumber')}
          <br />
          <span class="case-number">{number}</span>
        </p>
      </div>
      <p>{t(`registration.registered.next.${mode}`)}</p>
      {statusUrl && (
        <>
          <h2>{t('registration.registered.giveLink')}</h2>
          <p>{t('registration.registered.giveLinkLead')}</p>
          <p class="break">
            <a href={statusUrl}>{statusUrl}</a>
          </p>
          <p class="muted">{t('registration.registered.linkWarning')}</p>
        </>
      )}
      <ul>
        {canOpen && (
          <li>
            <a href={`/handlaggning/arenden/${number}`}>{t('registration.registered.open', { number })}</a>
          </li>
        )}
        <li>
          <a href={REGISTER_PATH}>{t('registration.registered.another')}</a>
        </li>
      </ul>
    </StaffLayout>
  );
}
