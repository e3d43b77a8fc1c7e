import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../platform/i18n/context.ts';
import { formSectionId } from '../../cases/views/ActionForms.tsx';

/** Closing a case as spam: one button, no reply (an answer would only confirm the address to a sender of spam). */
export function SpamForm({ action, hidden, error }: { action: string; hidden: ComponentChildren; error?: string }) {
  const { t } = useI18n();
  return (
    <section id={formSectionId('skrap')} aria-labelledby="skrap-rubrik" tabindex={-1}>
      <h3 id="skrap-rubrik">{t('triage.spam.heading')}</h3>
      {error && (
        <p class="field-error">
          <span class="visually-hidden">{t('layout.errorPrefix')}</span>
          {error}
        </p>
      )}
      <p>{t('triage.spam.text')}</p>
      <form method="post" action={action}>
        {hidden}
        <button type="submit" class="secondary">
          {t('triage.spam.heading')}
        </button>
      </form>
    </section>
  );
}
