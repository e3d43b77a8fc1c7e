import type { MessageChannel, MessageStatus } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { formatBytes } from '../../cases/views/format.ts';
import { MESSAGE_CHANNEL_LABEL, MESSAGE_PURPOSE_LABEL, MESSAGE_STATUS_LABEL } from '../../cases/views/staffLabels.ts';
import type { ConversationItem } from '../conversation.ts';
import { splitReply } from '../quotes.ts';

const OUTCOME_NOTE: Partial<Record<string, string>> = {
  reply_after_close: 'Kom efter att ärendet avslutats',
  auto_reply: 'Automatiskt svar (till exempel frånvaro); det besvaras inte',
  released: 'Hölls kvar och släpptes av registratorn',
  new_case_after_close: 'Svar på ett ärende som avslutats för länge sedan; nytt ärende',
};

/** The text with quoted earlier messages and signatures folded away; works without JavaScript. */
function MailText({ text }: { text: string }) {
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
            <summary>{s.kind === 'quote' ? 'Visa citerad text' : 'Visa signatur'}</summary>
            <p class="user-text" dir="auto">
              {s.text.trim()}
            </p>
          </details>
        ),
      )}
    </>
  );
}

function Heading({ m }: { m: ConversationItem }) {
  const when = <time dateTime={m.at.toISOString()}>{formatDateTime(m.at)}</time>;
  if (m.direction === 'in') {
    return (
      <h3>
        E-post från synpunktslämnaren, {when}
      </h3>
    );
  }
  const what = (m.purpose && MESSAGE_PURPOSE_LABEL[m.purpose]) ?? 'Meddelande';
  return (
    <h3>
      {what} till synpunktslämnaren, {MESSAGE_CHANNEL_LABEL[m.channel as MessageChannel]?.toLowerCase() ?? m.channel}, {when}
    </h3>
  );
}

/**
 * The conversation with the submitter on the case page, in and out, oldest first. Text, addresses
 * and files only for those who may see personal data; others see that there were messages.
 */
export function Conversation({ number, items, showText }: { number: string; items: readonly ConversationItem[]; showText: boolean }) {
  if (items.length === 0) return <p>Inga meddelanden till eller från synpunktslämnaren ännu.</p>;
  const base = `/handlaggning/arenden/${number}`;
  return (
    <ol class="conversation">
      {items.map((m) => (
        <li key={m.id} class={`conversation-item conversation-item--${m.direction}`}>
          <Heading m={m} />
          {m.direction === 'in' && OUTCOME_NOTE[m.outcome ?? ''] && <p class="muted">{OUTCOME_NOTE[m.outcome!]}</p>}
          {m.direction === 'out' && (
            <p>
              <span class={m.deliveryStatus === 'failed' ? 'tag-warning' : 'status-tag'}>{MESSAGE_STATUS_LABEL[m.deliveryStatus as MessageStatus] ?? m.deliveryStatus}</span>
              {m.lastError && m.deliveryStatus !== 'sent' && <span class="excerpt">Orsak: {m.lastError}</span>}
              {m.deliveryStatus === 'failed' && m.channel === 'email' && <span class="excerpt">Välj ett annat sätt att nå synpunktslämnaren om adressen inte fungerar.</span>}
              {m.authorName && <span class="excerpt">Av {m.authorName}</span>}
            </p>
          )}
          {showText ? (
            <>
              <dl class="mail-meta">
                {m.direction === 'in' && (
                  <>
                    <dt>Från</dt>
                    <dd class="break">{m.fromName ? `${m.fromName} <${m.from ?? ''}>` : (m.from ?? 'okänd avsändare')}</dd>
                  </>
                )}
                {m.to && (
                  <>
                    <dt>Till</dt>
                    <dd class="break">{m.to}</dd>
                  </>
                )}
                {m.subject && (
                  <>
                    <dt>Ämne</dt>
                    <dd class="user-text">{m.subject}</dd>
                  </>
                )}
              </dl>
              <MailText text={m.body} />
              {m.warnings.length > 0 && (
                <ul class="mail-warnings">
                  {m.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              )}
              {m.attachments.length > 0 && (
                <ul class="mail-files" aria-label="Bifogade filer">
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
                    Originalmeddelandet (.eml)<span class="visually-hidden">, {formatDateTime(m.at)}</span>
                  </a>
                </p>
              )}
              {m.direction === 'out' && m.channel === 'letter' && (
                <p>
                  <a href={`${base}/meddelanden/${m.id}.pdf`}>
                    Brevet som PDF<span class="visually-hidden"> ({formatDateTime(m.at)})</span>
                  </a>
                </p>
              )}
            </>
          ) : (
            <p class="muted">
              Meddelandets text visas inte för din roll.{m.attachments.length > 0 && ` ${m.attachments.length === 1 ? 'En bifogad fil' : `${m.attachments.length} bifogade filer`}.`}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
