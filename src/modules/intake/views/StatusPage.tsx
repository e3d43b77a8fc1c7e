import type { Organization } from '../../../db/schema.ts';
import { staffLang, useI18n } from '../../../platform/i18n/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ErrorSummary } from '../../../platform/views/forms.tsx';
import { Ltr } from '../../../platform/views/Ltr.tsx';
import { ReplyToQuestion } from './ReplyToQuestion.tsx';
import type { findCaseForSubmitter } from '../queries.ts';
import { isMessageChannel, isPublicStatus, isSubmitterEvent, isSubmitterMessagePurpose } from './submitterLabels.ts';

type SubmitterCase = NonNullable<Awaited<ReturnType<typeof findCaseForSubmitter>>> & { forwarded: { org: string; number: string; link: string } | null };
type SubmitterMessage = SubmitterCase['messages'][number];

/** A message's day: the day of the call or letter when recorded, otherwise when it was written. */
function messageDay(m: SubmitterMessage): Date {
  return m.occurred_on ? new Date(`${m.occurred_on}T12:00:00Z`) : m.created_at;
}

/** The status page; `reply` is a refused reply to our question, shown again with its error. */
export function StatusPage({ org, c, token, reply, replied }: { org: Organization; c: SubmitterCase; token: string; reply?: { value: string; error: string }; replied?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const history = c.history.filter((e) => isSubmitterEvent(e.type));
  // A moved answer date names the new day: "we moved it" alone left the submitter guessing.
  const eventText = (e: SubmitterCase['history'][number]) =>
    e.type === 'deadline' ? e.new_answer_by && t('status.event.deadline', { date: i18n.date(e.new_answer_by) }) : isSubmitterEvent(e.type) && t(`status.event.${e.type}`);
  const heading = (m: SubmitterMessage) =>
    isSubmitterMessagePurpose(m.purpose) && isMessageChannel(m.channel) ? t(`status.message.${m.purpose}.${m.channel}`) : t('status.message.other');
  return (
    <Layout title={t('status.title', { number: i18n.ltr(c.number) })} hasErrors={!!reply} orgName={org.name}>
      <ErrorSummary errors={reply ? { text: reply.error } : {}} fieldIds={{ text: 'svar' }} />
      {replied && (
        <div class="success-banner" role="status">
          <p>{t('status.reply.sent')}</p>
        </div>
      )}
      <h1>{i18n.rich('status.title', { number: <Ltr>{c.number}</Ltr> })}</h1>
      <dl class="summary-list">
        <dt>{t('status.label.status')}</dt>
        <dd>
          <span class="status-tag">{isPublicStatus(c.status) ? t(`status.public.${c.status}`) : c.status}</span>
        </dd>
        <dt>{t('status.label.kind')}</dt>
        <dd>{t(`kind.${c.kind}`)}</dd>
        <dt>{t('status.label.received')}</dt>
        <dd>
          <time dateTime={c.received_at.toISOString()}>{i18n.date(c.received_at)}</time>
        </dd>
        {c.handler_name && (
          <>
            <dt>{t('status.label.handler')}</dt>
            <dd>{c.handler_name}</dd>
          </>
        )}
      </dl>
      {c.forwarded && (
        <div class="inset">
          <p>{i18n.rich('status.forwarded', { org: c.forwarded.org, number: <Ltr>{c.forwarded.number}</Ltr> })}</p>
          <p>
            <a href={c.forwarded.link}>{t('status.forwarded.link', { org: c.forwarded.org })}</a>
          </p>
        </div>
      )}
      <h2>{t('status.yourText')}</h2>
      <div class="inset">
        <p class="user-text" dir="auto">
          {c.description}
        </p>
      </div>
      {c.attachments.length > 0 && (
        <>
          <h3>{t('status.yourFiles')}</h3>
          <ul>
            {c.attachments.map((a) => (
              <li key={a.id} class="break" dir="auto">
                {a.filename}
              </li>
            ))}
          </ul>
        </>
      )}

      {c.messages.length > 0 && (
        <>
          {/* Questions and answers in the order they came; each one's heading says which it is. */}
          <h2>{t('status.messages.fromUs')}</h2>
          {c.messages.map((m) => {
            const day = messageDay(m);
            return (
              <section key={m.id} class="inset" aria-labelledby={`svar-${m.id}`}>
                <h3 id={`svar-${m.id}`}>
                  {heading(m)} <time dateTime={day.toISOString().slice(0, 10)}>{i18n.date(day)}</time>
                </h3>
                {m.channel === 'phone' ? (
                  <p class="muted">{t('status.messages.phone')}</p>
                ) : (
                  m.subject && (
                    <p class="muted" dir="auto" lang={staffLang(i18n)}>
                      {m.subject}
                    </p>
                  )
                )}
                <p class="user-text" dir="auto" lang={staffLang(i18n)}>
                  {m.body}
                </p>
              </section>
            );
          })}
        </>
      )}

      <ReplyToQuestion
        token={token}
        waiting={c.status === 'waiting' && c.messages.some((m) => m.purpose === 'question')}
        replies={c.history.filter((e) => e.type === 'submitter_reply' || e.type === 'submitter_addition')}
        value={reply?.value}
        error={reply?.error}
      />

      {history.length > 0 && (
        <>
          <h2>{t('status.history.heading')}</h2>
          <ol class="timeline">
            {history.map((e) => {
              // Staff may record feedback later than it arrived; the submitter knows it by when they gave it.
              const at = e.type === 'received' ? c.received_at : e.occurred_at;
              return (
                <li key={e.id}>
                  <time dateTime={at.toISOString()}>{i18n.dateTime(at)}</time>
                  <br />
                  {eventText(e)}
                  {e.deadline_reason && (
                    <>
                      <br />
                      {i18n.rich('status.event.deadline.reason', { reason: <span class="user-text" dir="auto" lang={staffLang(i18n)}>{e.deadline_reason}</span> })}
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
      <p>
        <a href="/">{t('common.toStartPage')}</a>
      </p>
    </Layout>
  );
}
