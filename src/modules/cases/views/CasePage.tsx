import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { CaseActionDef } from '../caseActions.ts';
import type { CaseDetail } from '../detailQueries.ts';
import type { Lookups } from '../lookups.ts';
import type { Actor } from '../policy.ts';
import { ActionForms, errorTargets, type FormState } from './ActionForms.tsx';
import { CaseConnections, CaseAttachments } from './CaseConnections.tsx';
import { CaseFacts, SubmitterFacts } from './CaseFacts.tsx';
import { CaseHistory, CaseNotes } from './CaseHistory.tsx';
import { Conversation } from '../../mailin/views/Conversation.tsx';
import { AfterCloseNotice } from '../../mailin/views/AfterCloseNotice.tsx';
import { unreadAfterClose, type ConversationItem } from '../../mailin/conversation.ts';
import { FINAL_STATUSES, type Status } from '../lifecycle.ts';
import type { Names } from './eventDetails.tsx';
import { statusLabel } from './staffLabels.ts';
import { SuccessBanner } from './SuccessBanner.tsx';

export interface CasePageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  detail: CaseDetail;
  /** The Swedish date today, for what is late. */
  today: string;
  lookups: Lookups;
  names: Names;
  /** The actions this person may take now, in the order shown. */
  actions: readonly CaseActionDef[];
  /** Links to the pages that do the bigger steps. */
  links: { register: boolean; answer: boolean; extend: boolean; referOrReject: boolean; publish?: 'publicera' | 'publicerad' | null };
  /** Contact details and free text: only for the roles that may see personal data. */
  mayViewPersonal: boolean;
  needsAnswer: boolean;
  /** Mail in and messages out, oldest first (modules/mailin). */
  conversation: readonly ConversationItem[];
  form?: FormState;
  done?: string;
  /** Retention, legal hold and delivery (modules/retention/panel.tsx). */
  records?: ComponentChildren;
  /** The hand-over to the diarium (diarium/panel.tsx), for those who may. */
  diarium?: ComponentChildren;
}

/** Everything about one case, and what the person can do with it next. */
export function CasePage(p: CasePageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const c = p.detail.case;
  const base = `/handlaggning/arenden/${c.number}`;
  const hasErrors = !!p.form && Object.keys(p.form.errors).length > 0;
  const anyAction = p.actions.length > 0 || p.links.register || p.links.answer || p.links.extend || p.links.referOrReject || !!p.links.publish;
  return (
    <StaffLayout title={t('cases.page.title', { number: c.number })} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf}>
      {p.form && <ErrorSummary errors={p.form.errors} fieldIds={errorTargets(p.form)} />}
      <SuccessBanner>{p.done}</SuccessBanner>
      <p>
        <a href="/handlaggning/arenden">{t('cases.page.backToList')}</a>
      </p>
      <h1>
        {t('cases.page.title', { number: c.number })} <span class="status-tag">{statusLabel(c.status)}</span>
      </h1>
      {c.confidential && (
        <div class="notice notice--confidential">
          <p>
            {i18n.rich(c.confidentiality_ref ? 'cases.page.confidential' : 'cases.page.confidentialNoRef', {
              tag: (s) => <strong class="tag-confidential">{s}</strong>,
              ref: (s) => <strong>{s}</strong>,
              lagrum: c.confidentiality_ref,
            })}
          </p>
        </div>
      )}
      {p.mayViewPersonal && FINAL_STATUSES.includes(c.status as Status) && (
        <AfterCloseNotice number={c.number} items={unreadAfterClose(p.conversation)} canReopen={p.actions.some((a) => a.slug === 'ateroppna')} csrf={p.csrf} />
      )}
      {c.is_internal && <p class="notice">{t('cases.page.internal')}</p>}
      {c.merged_into_number && (
        <p class="notice">
          {i18n.rich('cases.page.mergedInto', { number: c.merged_into_number, link: (s) => <a href={`/handlaggning/arenden/${c.merged_into_number}`}>{s}</a> })}
        </p>
      )}

      <h2>{t('cases.page.feedback')}</h2>
      {p.mayViewPersonal ? (
        <div class="inset">
          <p class="user-text" dir="auto">
            {c.description}
          </p>
          {c.location && (
            <p>
              <strong>{t('cases.page.location')}</strong> <span class="user-text" dir="auto">{c.location}</span>
            </p>
          )}
        </div>
      ) : (
        <p>{t('cases.page.textHidden')}</p>
      )}

      <h2>{t('cases.page.facts')}</h2>
      <CaseFacts detail={p.detail} today={p.today} />

      <h2>{t('cases.page.submitter')}</h2>
      <SubmitterFacts detail={p.detail} mayViewContact={p.mayViewPersonal} />

      {anyAction && (
        <section aria-labelledby="handlaggning-rubrik">
          <h2 id="handlaggning-rubrik">{t('cases.page.handling')}</h2>
          {(p.links.register || p.links.answer || p.links.extend || p.links.referOrReject || p.links.publish) && (
            <ul class="action-links">
              {p.links.register && (
                <li>
                  <a class="button" href={`${base}/registrera`}>
                    {t('cases.page.registerLink')}
                  </a>
                </li>
              )}
              {p.links.answer && (
                <li>
                  <a class="button" href={`${base}/svara`}>
                    {t('cases.page.answerLink')}
                  </a>
                </li>
              )}
              {p.links.extend && (
                <li>
                  <a href={`${base}/forlang`}>{t('cases.page.extendLink')}</a>
                </li>
              )}
              {p.links.referOrReject && (
                <li>
                  <a href={`${base}/registrera#inte-synpunkt`}>{t('cases.page.referLink')}</a>
                </li>
              )}
              {p.links.referOrReject && (
                <li>
                  <a href={`${base}/vidarebefordra`}>{t('cases.page.forwardLink')}</a>
                </li>
              )}
              {p.links.publish && (
                <li>
                  <a href={`${base}/publicera`}>{t(p.links.publish === 'publicerad' ? 'cases.page.publishedLink' : 'cases.page.publishLink')}</a>
                </li>
              )}
            </ul>
          )}
          <ActionForms defs={p.actions} detail={p.detail} lookups={p.lookups} csrf={p.csrf} form={p.form} needsAnswer={p.needsAnswer} actor={p.actor} />
        </section>
      )}

      <h2>{t('cases.page.notes')}</h2>
      <CaseNotes events={p.detail.events} showText={p.mayViewPersonal} />

      <h2 id="konversation-rubrik">{t('cases.page.conversation')}</h2>
      <Conversation number={c.number} items={p.conversation} showText={p.mayViewPersonal} />

      <h2>{t('cases.page.connections')}</h2>
      <CaseConnections detail={p.detail} />

      <h2>{t('cases.page.attachments')}</h2>
      <CaseAttachments number={c.number} attachments={p.detail.attachments} downloadable={p.mayViewPersonal} />

      {p.records}

      {p.diarium}

      <h2>{t('cases.page.history')}</h2>
      <CaseHistory events={p.detail.events} names={p.names} showText={p.mayViewPersonal} />
    </StaffLayout>
  );
}
