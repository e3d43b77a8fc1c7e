import { Fragment } from 'preact';
import { formatDateTime } from '../../../platform/clock.ts';
import type { CaseDetail } from '../detailQueries.ts';
import { EVENT_LABEL } from '../lifecycle.ts';
import { eventDetails, type Names } from './eventDetails.tsx';
import { statusLabel } from './staffLabels.ts';
import { useI18n } from '../../../platform/i18n/context.ts';

type CaseEventRow = CaseDetail['events'][number];

const label = (e: CaseEventRow) => EVENT_LABEL[e.type as keyof typeof EVENT_LABEL] ?? e.type;

/** Every event in order: what happened, who did it, when, and what it changed. */
export function CaseHistory({ events, names, showText }: { events: CaseEventRow[]; names: Names; showText: boolean }) {
  const { t } = useI18n();
  return (
    <ol class="timeline">
      {events.map((e) => {
        const details = eventDetails(t, e.data ?? {}, names, showText, e.type);
        const statusChange = e.from_status && e.to_status && e.from_status !== e.to_status;
        return (
          <li key={e.id}>
            <p class="timeline-head">
              <strong>{label(e)}</strong> <time dateTime={e.occurred_at.toISOString()}>{formatDateTime(e.occurred_at)}</time>
              {e.actor_label && <>{t('cases.history.by', { name: e.actor_label })}</>}
              {e.visible_to_submitter && <span class="muted">{t('cases.history.visibleToSubmitter')}</span>}
            </p>
            {(statusChange || details.length > 0) && (
              <dl class="event-details">
                {statusChange && (
                  <>
                    <dt>{t('cases.history.status')}</dt>
                    <dd>
                      {t('cases.history.statusChange', { from: statusLabel(e.from_status!), to: statusLabel(e.to_status!) })}
                    </dd>
                  </>
                )}
                {details.map(([k, v]) => (
                  <Fragment key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </Fragment>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Internal notes alone, newest first: the working memory of the case. */
export function CaseNotes({ events, showText }: { events: CaseEventRow[]; showText: boolean }) {
  const { t } = useI18n();
  const notes = events.filter((e) => e.type === 'note').reverse();
  if (notes.length === 0) return <p>{t('cases.history.noNotes')}</p>;
  return (
    <ul class="notes">
      {notes.map((n) => (
        <li key={n.id}>
          <p class="timeline-head">
            <strong>{n.actor_label ?? t('cases.history.unknown')}</strong> <time dateTime={n.occurred_at.toISOString()}>{formatDateTime(n.occurred_at)}</time>
          </p>
          {showText ? (
            <p class="user-text" dir="auto">
              {String((n.data as { text?: unknown })?.text ?? '')}
            </p>
          ) : (
            <p class="muted">{t('cases.history.noteHidden')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
