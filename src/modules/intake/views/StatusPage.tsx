import type { Organization } from '../../../db/schema.ts';
import { formatDateTime, formatLongDate } from '../../../platform/clock.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { KIND_LABEL, STATUS_LABEL_PUBLIC } from '../../cases/labels.ts';
import type { findCaseForSubmitter } from '../queries.ts';
import { SUBMITTER_EVENT_LABEL, SUBMITTER_MESSAGE_HEADING } from './submitterLabels.ts';

type SubmitterCase = NonNullable<Awaited<ReturnType<typeof findCaseForSubmitter>>>;
type SubmitterMessage = SubmitterCase['messages'][number];

/** A message's day: the day of the call or letter when recorded, otherwise when it was written. */
function messageDay(m: SubmitterMessage): Date {
  return m.occurred_on ? new Date(`${m.occurred_on}T12:00:00Z`) : m.created_at;
}

export function StatusPage({ org, c }: { org: Organization; c: SubmitterCase }) {
  const history = c.history.filter((e) => SUBMITTER_EVENT_LABEL[e.type]);
  return (
    <Layout title={`Ärende ${c.number}`} orgName={org.name}>
      <h1>Ärende {c.number}</h1>
      <dl class="summary-list">
        <dt>Status</dt>
        <dd>
          <span class="status-tag">{STATUS_LABEL_PUBLIC[c.status] ?? c.status}</span>
        </dd>
        <dt>Typ</dt>
        <dd>{KIND_LABEL[c.kind]}</dd>
        <dt>Mottagen</dt>
        <dd>
          <time dateTime={c.received_at.toISOString()}>{formatLongDate(c.received_at)}</time>
        </dd>
        {c.handler_name && (
          <>
            <dt>Handläggare</dt>
            <dd>{c.handler_name}</dd>
          </>
        )}
      </dl>
      <h2>Det här skrev du</h2>
      <div class="inset">
        <p class="user-text" dir="auto">
          {c.description}
        </p>
      </div>
      {c.attachments.length > 0 && (
        <>
          <h3>Filer du bifogade</h3>
          <ul>
            {c.attachments.map((a) => (
              <li key={a.id} class="break">
                {a.filename}
              </li>
            ))}
          </ul>
        </>
      )}

      {c.messages.length > 0 && (
        <>
          <h2>Svar från oss</h2>
          {c.messages.map((m) => {
            const day = messageDay(m);
            return (
              <section key={m.id} class="inset" aria-labelledby={`svar-${m.id}`}>
                <h3 id={`svar-${m.id}`}>
                  {SUBMITTER_MESSAGE_HEADING[m.purpose as keyof typeof SUBMITTER_MESSAGE_HEADING]?.[m.channel] ?? 'Meddelande'}{' '}
                  <time dateTime={day.toISOString().slice(0, 10)}>{formatLongDate(day)}</time>
                </h3>
                {m.channel === 'phone' ? <p class="muted">Det här talade vi om:</p> : m.subject && <p class="muted">{m.subject}</p>}
                <p class="user-text" dir="auto">
                  {m.body}
                </p>
              </section>
            );
          })}
        </>
      )}

      {history.length > 0 && (
        <>
          <h2>Vad har hänt</h2>
          <ol class="timeline">
            {history.map((e) => {
              // Staff may record feedback later than it arrived; the submitter knows it by when they gave it.
              const at = e.type === 'received' ? c.received_at : e.occurred_at;
              return (
                <li key={e.id}>
                  <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>
                  <br />
                  {SUBMITTER_EVENT_LABEL[e.type]}
                </li>
              );
            })}
          </ol>
        </>
      )}
      <p>
        <a href="/">Till startsidan</a>
      </p>
    </Layout>
  );
}
