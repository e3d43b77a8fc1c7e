import type { MessageChannel, MessageStatus } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import type { StaffKey } from '../../../platform/i18n/staffKeys.ts';
import { formatBytes } from '../../cases/views/format.ts';
import { MESSAGE_CHANNEL_LABEL, MESSAGE_STATUS_LABEL } from '../../cases/views/staffLabels.ts';
import { catalogueLabels } from '../../cases/catalogueLabels.ts';
import { MAX_SHOWN_BODY, type ConversationItem } from '../conversation.ts';
import { splitReply } from '../quotes.ts';

const OUTCOME_NOTE: Partial<Record<string, StaffKey>> = {
  reply_after_close: 'mailin.conversation.outcome.replyAfterClose',
  auto_reply: 'mailin.conversation.outcome.autoReply',
  released: 'mailin.conversation.outcome.released',
  new_case_after_close: 'mailin.conversation.outcome.newCaseAfterClose',
};

/** The text with quoted earlier messages and signatures folded away; works without JavaScript. */
function MailText({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <>
      {splitReply(text).map((s, i) =>
        s.kind === 'text' ? (
          s.text.trim() && (
            <p key={i} class="user-text" dir="auto">
              {s.text.trim()}
            </p>
          )
        ) : (
          <details key={i} class="mail-fold">
            <summary>{t(s.kind === 'quote' ? 'mailin.conversation.showQuote' : 'mailin.conversation.showSignature')}</summary>
            <p class="user-text" dir="auto">
              {s.text.trim()}
            </p>
          </details>
        ),
      )}
    </>
  );
}

/**
 * Each kind of message to the submitter as a whole phrase. Not the outbox's purpose labels with
 * "till synpunktslämnaren" added: some of those already name the recipient ("Fråga till synpunktslämnaren").
 * Messages to staff (reminders, digests) never appear in the conversation.
 */
export const OUT_HEADING: Record<string, string | undefined> = catalogueLabels('mailin.conversation.out', ['acknowledgement', 'answer', 'question', 'delay_notice', 'referral', 'not_handled', 'other'] as const);

function Heading({ m }: { m: ConversationItem }) {
  const i18n = useI18n();
  const when = <time dateTime={m.at.toISOString()}>{formatDateTime(m.at)}</time>;
  if (m.direction === 'in') return <h3>{i18n.rich('mailin.conversation.inHeading', { when })}</h3>;
  const what = (m.purpose && OUT_HEADING[m.purpose]) ?? i18n.t('mailin.conversation.message');
  const channel = MESSAGE_CHANNEL_LABEL[m.channel as MessageChannel]?.toLowerCase() ?? m.channel;
  return <h3>{i18n.rich('mailin.conversation.outHeading', { what, channel, when })}</h3>;
}

/**
 * The conversation with the submitter on the case page, in and out, oldest first. Text, addresses
 * and files only for those who may see personal data; others see that there were messages.
 */
export function Conversation({ number, items, showText }: { number: string; items: readonly ConversationItem[]; showText: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (items.length === 0) return <p>{t('mailin.conversation.none')}</p>;
  const base = `/handlaggning/arenden/${number}`;
  return (
    <ol class="conversation">
      {items.map((m) => (
        <li key={m.id} class={`conversation-item conversation-item--${m.direction}`}>
          <Heading m={m} />
          {m.direction === 'in' && OUTCOME_NOTE[m.outcome ?? ''] && <p class="muted">{t(OUTCOME_NOTE[m.outcome!]!)}</p>}
          {m.direction === 'out' && (
            <p>
              <span class={m.deliveryStatus === 'failed' ? 'tag-warning' : 'status-tag'}>{MESSAGE_STATUS_LABEL[m.deliveryStatus as MessageStatus] ?? m.deliveryStatus}</span>
              {m.lastError && m.deliveryStatus !== 'sent' && <span class="excerpt">{t('mailin.conversation.reason', { error: m.lastError })}</span>}
              {m.deliveryStatus === 'failed' && m.channel === 'email' && <span class="excerpt">{t('mailin.conversation.chooseOtherWay')}</span>}
              {m.authorName && <span class="excerpt">{t('mailin.conversation.by', { name: m.authorName })}</span>}
            </p>
          )}
          {showText ? (
            <>
              <dl class="mail-meta">
                {m.direction === 'in' && (
                  <>
                    <dt>{t('mailin.conversation.from')}</dt>
                    <dd class="break">{m.fromName ? `${m.fromName} <${m.from ?? ''}>` : (m.from ?? t('mailin.conversation.unknownSender'))}</dd>
                  </>
                )}
                {m.to && (
                  <>
                    <dt>{t('mailin.conversation.to')}</dt>
                    <dd class="break">{m.to}</dd>
                  </>
                )}
                {m.subject && (
                  <>
                    <dt>{t('mailin.conversation.subject')}</dt>
                    <dd class="user-text">{m.subject}</dd>
                  </>
                )}
              </dl>
              <MailText text={m.body} />
              {m.bodyCut && (
                <p class="mail-cut">
                  {m.direction === 'in'
                    ? i18n.rich('mailin.conversation.cutIn', { max: MAX_SHOWN_BODY.toLocaleString('sv-SE'), link: (c) => <a href={`${base}/e-post/${m.id}.eml`}>{c}</a> })
                    : t('mailin.conversation.cutOut', { max: MAX_SHOWN_BODY.toLocaleString('sv-SE') })}
                </p>
              )}
              {m.warnings.length > 0 && (
                <ul class="mail-warnings">
                  {m.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              )}
              {m.attachments.length > 0 && (
                <ul class="mail-files" aria-label={t('mailin.conversation.files')}>
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a class="break" href={`${base}/bilagor/${a.id}`} download>
                        {a.filename}
                      </a>{' '}
                      <span class="muted">
                        ({formatBytes(a.size)}, {a.contentType})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {m.direction === 'in' && (
                <p>
                  <a href={`${base}/e-post/${m.id}.eml`}>
                    {i18n.rich('mailin.conversation.original', { at: formatDateTime(m.at), hidden: (c) => <span class="visually-hidden">{c}</span> })}
                  </a>
                </p>
              )}
              {m.direction === 'out' && m.channel === 'letter' && (
                <p>
                  <a href={`${base}/meddelanden/${m.id}.pdf`}>
                    {i18n.rich('mailin.conversation.letterPdf', { at: formatDateTime(m.at), hidden: (c) => <span class="visually-hidden">{c}</span> })}
                  </a>
                </p>
              )}
            </>
          ) : (
            <p class="muted">{t('mailin.conversation.hidden', { files: m.attachments.length })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
