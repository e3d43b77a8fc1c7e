import type { MessageChannel, MessagePurpose, MessageStatus } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import type { CaseDetail } from '../detailQueries.ts';
import { MESSAGE_CHANNEL_LABEL, MESSAGE_PURPOSE_LABEL, MESSAGE_STATUS_LABEL } from './staffLabels.ts';

/** Everything said to the submitter, kept on the case: e-mails, letters (as PDF) and phone calls. */
export function CaseMessages({ number, messages, showText }: { number: string; messages: CaseDetail['messages']; showText: boolean }) {
  if (messages.length === 0) return <p>Inga meddelanden har skickats till synpunktslämnaren.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">Meddelanden till synpunktslämnaren</caption>
        <thead>
          <tr>
            <th scope="col">Skapat</th>
            <th scope="col">Meddelande</th>
            <th scope="col">Sätt</th>
            <th scope="col">Status</th>
            <th scope="col">Av</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id}>
              <td>
                <time dateTime={m.created_at.toISOString()}>{formatDateTime(m.created_at)}</time>
                {m.channel === 'phone' && m.occurred_on && <span class="excerpt">Samtal {m.occurred_on}</span>}
              </td>
              <th scope="row">
                {MESSAGE_PURPOSE_LABEL[m.purpose as MessagePurpose] ?? m.purpose}
                {m.subject && <span class="excerpt">{m.subject}</span>}
                {showText ? (
                  <details>
                    <summary>Visa texten</summary>
                    {m.recipient && (
                      <p class="user-text">
                        <span class="visually-hidden">Mottagare: </span>
                        {m.recipient}
                      </p>
                    )}
                    <p class="user-text" dir="auto">
                      {m.body}
                    </p>
                  </details>
                ) : null}
              </th>
              <td>
                {MESSAGE_CHANNEL_LABEL[m.channel as MessageChannel] ?? m.channel}
                {m.channel === 'letter' && (
                  <>
                    {' '}
                    <a href={`/handlaggning/arenden/${number}/meddelanden/${m.id}.pdf`}>
                      Brevet som PDF<span class="visually-hidden"> ({formatDateTime(m.created_at)})</span>
                    </a>
                  </>
                )}
              </td>
              <td>
                {MESSAGE_STATUS_LABEL[m.status as MessageStatus] ?? m.status}
                {m.last_error && m.status !== 'sent' && <span class="excerpt">Orsak: {m.last_error}</span>}
              </td>
              <td>{m.author_name ?? <span class="muted">Systemet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
