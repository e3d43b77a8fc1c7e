import { formatDateTime, formatLongDate } from '../../../platform/clock.ts';
import { ErrorSummary, Radios, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { swedishLanguageName } from '../../../platform/i18n/languageName.ts';
import type { CaseDetail } from '../../cases/detailQueries.ts';
import { KIND_LABEL, REPLY_CHANNEL_LABEL } from '../../cases/labels.ts';
import type { Actor } from '../../cases/policy.ts';
import { answerPath, casePath, messagePdfPath } from '../paths.ts';
import type { AnswerTemplate } from '../queries.ts';
import { MESSAGE_CHANNELS, recipientFor, type AnswerFormInput, type Reachability } from '../validation.ts';

interface Props {
  orgName: string;
  actor: Actor;
  csrf: string;
  detail: CaseDetail;
  templates: AnswerTemplate[];
  selectedTemplate?: string;
  input: AnswerFormInput;
  errors?: FieldErrors;
  /** Someone else saved first, or the case can no longer be answered: nothing was sent. */
  conflict?: string;
  /** Why this case cannot be answered at all (anonymous, no answer wanted). */
  blocked?: string;
}

export function AnswerPage({ orgName, actor, csrf, detail, templates, selectedTemplate, input, errors = {}, conflict, blocked }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const c = detail.case;
  const contact = detail.contact;
  const reach: Reachability = { email: contact?.email ?? null, phone: contact?.phone ?? null, address: contact?.address ?? null };
  const title = t('answers.page.title', { number: c.number });
  const hasErrors = Object.keys(errors).length > 0 || !!conflict;
  const sent = detail.messages.filter((m) => ['answer', 'referral', 'not_handled'].includes(m.purpose));
  return (
    <StaffLayout title={title} hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/handlaggning/arenden">
      <p>
        <a href={casePath(c.number)}>{t('answers.page.back', { number: c.number })}</a>
      </p>
      {conflict && (
        <div class="error-summary" role="alert" aria-labelledby="conflict-title" tabindex={-1} data-error-summary>
          <h2 id="conflict-title">{t('answers.lost.title')}</h2>
          <p>{conflict}</p>
          <p>{i18n.rich('answers.page.conflictText', { link: (s) => <a href={casePath(c.number)}>{s}</a> })}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {c.language && c.language !== 'sv' && (
        <p class="notice">
          {t('answers.page.otherLanguage', { language: swedishLanguageName(c.language) })}
        </p>
      )}
      <dl class="summary-list">
        <dt>{t('answers.page.kind')}</dt>
        <dd>{KIND_LABEL[c.kind]}</dd>
        {c.language && (
          <>
            <dt>{t('answers.page.language')}</dt>
            <dd>{swedishLanguageName(c.language)}</dd>
          </>
        )}
        <dt>{t('answers.page.received')}</dt>
        <dd>
          <time dateTime={c.received_at.toISOString()}>{formatLongDate(c.received_at)}</time>
        </dd>
        {contact && (
          <>
            <dt>{t('answers.page.name')}</dt>
            <dd>{contact.name || '–'}</dd>
            <dt>{t('answers.page.wantsReply')}</dt>
            <dd>{REPLY_CHANNEL_LABEL[contact.reply_channel]}</dd>
            {contact.email && (
              <>
                <dt>{t('answers.page.email')}</dt>
                <dd class="break">{contact.email}</dd>
              </>
            )}
            {contact.phone && (
              <>
                <dt>{t('answers.page.phone')}</dt>
                <dd>{contact.phone}</dd>
              </>
            )}
            {contact.address && (
              <>
                <dt>{t('answers.page.address')}</dt>
                <dd class="user-text">{contact.address}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <h2>{t('answers.page.feedback')}</h2>
      <div class="inset">
        <p class="user-text" dir="auto">
          {c.description}
        </p>
      </div>

      {sent.length > 0 && (
        <>
          <h2>{t('answers.page.previous')}</h2>
          <ul>
            {sent.map((m) => (
              <li key={m.id}>
                {i18n.rich(m.author_name ? 'answers.page.previousItemBy' : 'answers.page.previousItem', {
                  channel: t(`answers.channel.${m.channel}`),
                  at: formatDateTime(m.created_at),
                  author: m.author_name,
                  subject: m.subject ?? '',
                  pdf: (s) => <a href={messagePdfPath(c.number, m.id)}>{s}</a>,
                })}
              </li>
            ))}
          </ul>
        </>
      )}

      {blocked ? (
        <div class="notice">
          <p>{blocked}</p>
        </div>
      ) : (
        <>
          {templates.length > 0 && (
            <>
              <h2>{t('answers.page.templateHeading')}</h2>
              <form method="get" action={answerPath(c.number)}>
                <Select
                  name="mall"
                  label={t('answers.page.templateLabel')}
                  hint={t('answers.page.templateHint')}
                  value={selectedTemplate ?? ''}
                  error={errors.mall}
                  options={[{ value: '', label: t('answers.page.chooseTemplate') }, ...templates.map((m) => ({ value: m.id, label: m.title }))]}
                />
                <button type="submit" class="secondary">
                  {t('answers.page.useTemplate')}
                </button>
              </form>
            </>
          )}

          <h2>{t('answers.page.yourAnswer')}</h2>
          <form method="post" action={answerPath(c.number)} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="version" value={input.version} />
            <Radios
              name="channel"
              legend={t('answers.page.channelLegend')}
              hint={contact && contact.reply_channel !== 'none' ? t('answers.page.prefers', { channel: REPLY_CHANNEL_LABEL[contact.reply_channel].toLowerCase() }) : undefined}
              value={input.channel}
              error={errors.channel}
              options={MESSAGE_CHANNELS.map((ch) => {
                const to = recipientFor(ch, reach);
                return { value: ch, label: t(`answers.channel.${ch}`), hint: to ? t('answers.page.channelHint', { channel: ch, to: ch === 'letter' ? to.replace(/\n/g, ', ') : to }) : t('answers.page.notGiven') };
              })}
            />
            <TextInput name="subject" label={t('answers.page.subject')} hint={t('answers.page.subjectHint')} value={input.subject} error={errors.subject} maxLength={200} />
            <TextArea
              name="body"
              label={t('answers.page.body')}
              hint={t('answers.page.bodyHint')}
              value={input.body}
              error={errors.body}
              rows={14}
              required
            />
            <TextInput name="callDate" type="date" label={t('answers.page.callDate')} hint={t('answers.page.callDateHint')} value={input.callDate} error={errors.callDate} />
            <button type="submit">{t('answers.page.send')}</button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
