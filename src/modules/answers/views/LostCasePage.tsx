import { useI18n } from '../../../platform/i18n/context.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';

/**
 * The case left this person's sight while they wrote (sent to another unit, reassigned outside
 * their units): it does not exist for them any more (404), but what they wrote is theirs and is
 * shown back so it is not lost.
 */
export function LostCasePage({ orgName, actor, csrf, number, text }: { orgName: string; actor: Actor; csrf: string; number: string; text: string }) {
  const { t } = useI18n();
  return (
    <StaffLayout title={t('answers.lost.title')} hasErrors orgName={orgName} actor={actor} csrf={csrf} current="/handlaggning/arenden">
      <div class="error-summary" role="alert" aria-labelledby="lost-title" tabindex={-1} data-error-summary>
        <h2 id="lost-title">{t('answers.lost.title')}</h2>
        <p>{t('answers.lost.text', { number })}</p>
      </div>
      <h1>{t('answers.lost.title')}</h1>
      {text.trim() && (
        <div class="field">
          <label for="body">{t('answers.lost.yourText')}</label>
          <textarea id="body" name="body" rows={12} readonly>
            {text}
          </textarea>
        </div>
      )}
      <p>
        <a href="/handlaggning/arenden">{t('answers.lost.toList')}</a>
      </p>
    </StaffLayout>
  );
}
