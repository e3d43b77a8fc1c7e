import type { CaseKind, Channel, ReplyChannel } from '../../../db/schema.ts';
import { formatDateTime, formatLongDate } from '../../../platform/clock.ts';
import type { CaseDetail } from '../detailQueries.ts';
import { CHANNEL_LABEL, KIND_LABEL, REPLY_CHANNEL_LABEL } from '../labels.ts';
import { isOverdue, OUTCOMES, REFERRAL_TYPES } from '../lifecycle.ts';
import { SIGNIFICANCE_LABEL } from './staffLabels.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { swedishLanguageName } from '../../../platform/i18n/languageName.ts';

function NotGiven() {
  return <span class="muted">{useI18n().t('cases.facts.notGiven')}</span>;
}
const none = <NotGiven />;
const day = (d: string | null) => (d ? <time dateTime={d}>{formatLongDate(new Date(`${d}T12:00:00Z`))}</time> : none);

/** The register entry and the classification: what the case is, where it is and when it is due. */
/** `today`: the Swedish date, to mark a case past its answer date. */
export function CaseFacts({ detail, today }: { detail: CaseDetail; today: string }) {
  const { t } = useI18n();
  const c = detail.case;
  return (
    <dl class="summary-list">
      <dt>{t('cases.facts.kind')}</dt>
      <dd>{KIND_LABEL[c.kind as CaseKind] ?? c.kind}</dd>
      <dt>{t('cases.facts.area')}</dt>
      <dd>{c.area_name ?? none}</dd>
      <dt>{t('cases.facts.subcategory')}</dt>
      <dd>{c.subcategory_name ?? none}</dd>
      <dt>{t('cases.facts.significance')}</dt>
      <dd>{c.significance ? SIGNIFICANCE_LABEL[c.significance] : none}</dd>
      <dt>{t('cases.facts.channel')}</dt>
      <dd>{CHANNEL_LABEL[c.channel as Channel] ?? c.channel}</dd>
      {c.language && (
        <>
          <dt>{t('cases.facts.language')}</dt>
          <dd>{swedishLanguageName(c.language)}</dd>
        </>
      )}
      <dt>{t('cases.facts.received')}</dt>
      <dd>
        <time dateTime={c.received_at.toISOString()}>{formatDateTime(c.received_at)}</time>
      </dd>
      <dt>{t('cases.facts.unit')}</dt>
      <dd>
        {c.unit_name ?? (
          <>
            {t('cases.facts.unitNotChosen')}
            {c.suggested_unit_name && <span class="muted">{t('cases.facts.suggestedUnit', { name: c.suggested_unit_name })}</span>}
          </>
        )}
      </dd>
      <dt>{t('cases.facts.handler')}</dt>
      <dd>{c.handler_name ?? <span class="muted">{t('cases.facts.noHandler')}</span>}</dd>
      <dt>{t('cases.facts.acknowledgeBy')}</dt>
      <dd>{day(c.acknowledge_by)}</dd>
      <dt>{t('cases.facts.answerBy')}</dt>
      <dd>
        {day(c.answer_by)}
        {isOverdue(c, today) && (
          <>
            {' '}
            <span class="tag-warning">{t('cases.table.overdue')}</span>
          </>
        )}
      </dd>
      {c.paused_since && (
        <>
          <dt>{t('cases.facts.pausedSince')}</dt>
          <dd>
            <time dateTime={c.paused_since.toISOString()}>{formatDateTime(c.paused_since)}</time>
          </dd>
        </>
      )}
      <dt>{t('cases.facts.confidential')}</dt>
      <dd>{c.confidential ? t('cases.facts.confidentialYes', { lagrum: c.confidentiality_ref ?? t('cases.facts.noLagrum') }) : t('cases.facts.no')}</dd>
      {c.outcome && (
        <>
          <dt>{t('cases.facts.outcome')}</dt>
          <dd>{OUTCOMES[c.outcome as keyof typeof OUTCOMES] ?? (c.outcome === 'not_handled' ? t('cases.facts.outcomeNotHandled') : c.outcome === 'spam' ? t('cases.facts.outcomeSpam') : c.outcome)}</dd>
        </>
      )}
      {c.referral_type && (
        <>
          <dt>{t('cases.facts.referredTo')}</dt>
          <dd>{REFERRAL_TYPES[c.referral_type as keyof typeof REFERRAL_TYPES] ?? c.referral_type}</dd>
        </>
      )}
      {c.closed_at && (
        <>
          <dt>{t('cases.facts.closed')}</dt>
          <dd>
            <time dateTime={c.closed_at.toISOString()}>{formatDateTime(c.closed_at)}</time>
          </dd>
        </>
      )}
    </dl>
  );
}

/** The submitter: contact details for the roles that may see them, and nothing but that fact for others. */
export function SubmitterFacts({ detail, mayViewContact }: { detail: CaseDetail; mayViewContact: boolean }) {
  const { t } = useI18n();
  const c = detail.case;
  if (c.anonymous) return <p>{t('cases.facts.anonymous')}</p>;
  if (!mayViewContact) return <p>{t('cases.facts.contactHidden')}</p>;
  const k = detail.contact;
  if (!k) return <p>{t('cases.facts.contactGone')}</p>;
  const channel = k.reply_channel === 'none' ? t('cases.facts.noReply') : REPLY_CHANNEL_LABEL[k.reply_channel as ReplyChannel];
  // Pseudonymised: the wish stays on record, but nothing is left to answer it by.
  const gone = c.contact_pseudonymised_at !== null && k.reply_channel !== 'none';
  return (
    <>
      {c.contact_pseudonymised_at && <p>{t('cases.facts.pseudonymised', { at: formatDateTime(c.contact_pseudonymised_at) })}</p>}
      <dl class="summary-list">
        <dt>{t('cases.facts.name')}</dt>
        <dd>{k.name ?? none}</dd>
        <dt>{t('cases.facts.email')}</dt>
        <dd class="break">{k.email ?? none}</dd>
        <dt>{t('cases.facts.phone')}</dt>
        <dd>{k.phone ?? none}</dd>
        <dt>{t('cases.facts.address')}</dt>
        <dd class="user-text">{k.address ?? none}</dd>
        <dt>{t('cases.facts.wantsReply')}</dt>
        <dd>{gone ? t('cases.facts.replyChannelGone', { channel }) : channel}</dd>
        {!c.is_internal && (
          <>
            <dt>{t('cases.facts.publication')}</dt>
            <dd>{t(c.publication_opt_out ? 'cases.facts.publicationNo' : 'cases.facts.publicationYes')}</dd>
          </>
        )}
        {c.channel !== 'web' && (
          <>
            <dt>{t('cases.facts.askedBeforeRegistration')}</dt>
            <dd>{c.channel_confirmed ? t('cases.facts.yes') : t('cases.facts.no')}</dd>
          </>
        )}
      </dl>
    </>
  );
}
