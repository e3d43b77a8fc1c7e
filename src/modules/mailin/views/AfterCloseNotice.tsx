import { formatDateTime } from '../../../platform/clock.ts';
import { formSectionId } from '../../cases/views/ActionForms.tsx';
import type { ConversationItem } from '../conversation.ts';

/**
 * "Nytt meddelande efter avslut": the submitter wrote after the case was closed. The handler
 * reads it in the conversation and either reopens the case or marks the mail as read.
 */
export function AfterCloseNotice({ number, items, canReopen, csrf }: { number: string; items: readonly ConversationItem[]; canReopen: boolean; csrf: string }) {
  if (items.length === 0) return null;
  const last = items[items.length - 1]!;
  return (
    <div class="notice" role="status">
      <p>
        <strong>Nytt meddelande efter avslut.</strong> Synpunktslämnaren skrev {formatDateTime(last.at)}, efter att ärendet avslutats
        {items.length > 1 ? ` (${items.length} meddelanden)` : ''}. Läs det under <a href="#konversation-rubrik">Konversation med synpunktslämnaren</a>.
      </p>
      <ul class="action-links">
        {canReopen && (
          <li>
            <a href={`#${formSectionId('ateroppna')}`}>Öppna ärendet igen</a>
          </li>
        )}
        <li>
          <form method="post" action={`/handlaggning/arenden/${number}/e-post/last`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="secondary">
              Markera som läst, ärendet förblir avslutat
            </button>
          </form>
        </li>
      </ul>
    </div>
  );
}
