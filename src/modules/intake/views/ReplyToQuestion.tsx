import { useI18n } from '../../../platform/i18n/context.ts';
import { TextArea } from '../../../platform/views/forms.tsx';

/** The submitter's own replies to our questions, oldest first, and (while we wait) the form to reply. */
export function ReplyToQuestion({ token, waiting, replies, value, error }: { token: string; waiting: boolean; replies: { id: string; occurred_at: Date; reply_text: string | null }[]; value?: string; error?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      {replies.length > 0 && (
        <>
          <h2>{t('status.reply.yours')}</h2>
          {replies.map((r) => (
            <section key={r.id} class="inset" aria-labelledby={`ditt-svar-${r.id}`}>
              <h3 id={`ditt-svar-${r.id}`}>
                <time dateTime={r.occurred_at.toISOString()}>{i18n.dateTime(r.occurred_at)}</time>
              </h3>
              <p class="user-text" dir="auto">
                {r.reply_text}
              </p>
            </section>
          ))}
        </>
      )}
      {waiting && (
        <form method="post" action={`/arende/${token}/svar`} novalidate>
          <h2>{t('status.reply.heading')}</h2>
          <TextArea name="text" id="svar" label={t('status.reply.label')} hint={t('status.reply.hint')} value={value} error={error} rows={6} required />
          <button type="submit" class="button">
            {t('status.reply.submit')}
          </button>
        </form>
      )}
    </>
  );
}
