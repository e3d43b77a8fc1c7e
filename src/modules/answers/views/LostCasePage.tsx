import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';

/**
 * The case left this person's sight while they wrote (sent to another unit, reassigned outside
 * their units): it does not exist for them any more (404), but what they wrote is theirs and is
 * shown back so it is not lost.
 */
export function LostCasePage({ orgName, actor, csrf, number, text }: { orgName: string; actor: Actor; csrf: string; number: string; text: string }) {
  return (
    <StaffLayout title="Svaret har inte skickats" hasErrors orgName={orgName} actor={actor} csrf={csrf} current="/handlaggning/arenden">
      <div class="error-summary" role="alert" aria-labelledby="lost-title" tabindex={-1} data-error-summary>
        <h2 id="lost-title">Svaret har inte skickats</h2>
        <p>Du kan inte längre se ärendet {number}: det har skickats vidare eller fått en annan handläggare medan du skrev.</p>
      </div>
      <h1>Svaret har inte skickats</h1>
      {text.trim() && (
        <div class="field">
          <label for="body">Din text (kopiera den och ge den till den som har ärendet nu)</label>
          <textarea id="body" name="body" rows={12} readonly>
            {text}
          </textarea>
        </div>
      )}
      <p>
        <a href="/handlaggning/arenden">Till ärendelistan</a>
      </p>
    </StaffLayout>
  );
}
