import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { formSectionId } from '../../cases/views/ActionForms.tsx';
import type { ConversationItem } from '../conversation.ts';

/**
 * "Nytt meddelande efter avslut": the submitter wrote after the case was closed. The handler
 * reads it in the conversation and either reopens the case or marks the mail as read.
 */
export function AfterCloseNotice({ number, items, canReopen, csrf }: { number: string; items: readonly ConversationItem[]; canReopen: boolean; csrf: string }) {
  const i18n = useI18n();
  if (items.length === 0) return null;
  const last = items[items.length - 1]!;
  return (
    <div class="notice" role="status">
      <p>
        {i18n.rich('mailin.afterClose.text', {
          at: formatDateTime(last.at),
          count: items.length,
          strong: (c) => <strong>{c}</strong>,
          link: (c) => <a href="#konversation-rubrik">{c}</a>,
        })}
      </p>
      <ul class="action-links">
        {canReopen && (
          <li>
            <a href={`#${formSectionId('ateroppna')}`}>{i18n.t('mailin.afterClose.reopen')}</a>
          </li>
        )}
        <li>
          <form method="post" action={`/handlaggning/arenden/${number}/e-post/last`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="secondary">
              {i18n.t('mailin.afterClose.markRead')}
            </button>
          </form>
        </li>
      </ul>
    </div>
  );
}
