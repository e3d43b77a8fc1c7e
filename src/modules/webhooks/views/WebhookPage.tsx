import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import type { DeliveryLogItem } from '../deliveryLog.ts';
import type { SubscriptionItem } from '../subscriptions.ts';
import { statusText, WEBHOOKS_PATH } from './WebhooksPage.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

const DELIVERY_STATUS = { pending: 'webhooks.delivery.pending', delivered: 'webhooks.delivery.delivered', failed: 'webhooks.delivery.failed' } as const;

export interface WebhookPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  subscription: SubscriptionItem;
  deliveries: DeliveryLogItem[];
  notice?: string;
}

/** One subscription: its state, pause and resume, removal, and the delivery log. */
export function WebhookPage({ orgName, actor, csrf, subscription: s, deliveries, notice }: WebhookPageProps) {
  const { t } = useI18n();
  return (
    <StaffLayout title={t('webhooks.detail.title', { url: s.url })} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href={WEBHOOKS_PATH}>{t('webhooks.list.title')}</a>
      </p>
      <h1 class="break">{t('webhooks.detail.title', { url: s.url })}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <dl class="facts">
        <dt>{t('webhooks.list.status')}</dt>
        <dd>{statusText(s, t)}</dd>
        {s.status === 'paused' && (
          <>
            <dt>{t('webhooks.status.paused')}</dt>
            <dd>
              {s.paused_at ? formatDateTime(s.paused_at) : ''} – {s.pause_reason}
            </dd>
          </>
        )}
        <dt>{t('webhooks.list.events')}</dt>
        <dd>{s.event_types.join(', ')}</dd>
        {s.description && (
          <>
            <dt>{t('webhooks.detail.description')}</dt>
            <dd>{s.description}</dd>
          </>
        )}
        <dt>{t('webhooks.detail.pending')}</dt>
        <dd>{s.pending}</dd>
        <dt>{t('webhooks.list.createdAt')}</dt>
        <dd>{formatDateTime(s.created_at)}</dd>
      </dl>
      {s.status === 'paused' && (
        <form method="post" action={`${WEBHOOKS_PATH}/${s.id}/ateruppta`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>{t('webhooks.detail.resumeLead')}</p>
          <button type="submit">{t('webhooks.detail.resume')}</button>
        </form>
      )}

      <h2>{t('webhooks.detail.log')}</h2>
      {deliveries.length === 0 ? (
        <p>{t('webhooks.detail.logEmpty')}</p>
      ) : (
        <TableScroll label={t('webhooks.detail.logCaption')}>
        <table>
          <caption class="visually-hidden">{t('webhooks.detail.logCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.detail.event')}</th>
              <th scope="col">{t('webhooks.detail.case')}</th>
              <th scope="col">{t('webhooks.list.status')}</th>
              <th scope="col">{t('webhooks.detail.attempts')}</th>
              <th scope="col">{t('webhooks.detail.webhookId')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <code>{d.type}</code>
                  <br />
                  {formatDateTime(d.created_at)}
                </th>
                <td>
                  <a href={`/handlaggning/arenden/${d.case_number}`}>{d.case_number}</a>
                </td>
                <td>
                  {d.status in DELIVERY_STATUS ? t(DELIVERY_STATUS[d.status as keyof typeof DELIVERY_STATUS]) : d.status}
                  {d.status === 'pending' && d.next_attempt_at && t('webhooks.detail.nextAttempt', { at: formatDateTime(d.next_attempt_at) })}
                </td>
                <td>
                  {d.attemptLog.length === 0 ? (
                    t('webhooks.detail.noAttempts')
                  ) : (
                    <ol class="compact">
                      {d.attemptLog.map((a, i) => (
                        <li key={i}>
                          {t('webhooks.detail.attempt', { at: formatDateTime(a.attempted_at), result: a.error ?? t('webhooks.detail.response', { code: String(a.status_code) }), ms: String(a.duration_ms) })}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
                <td>
                  <code class="break">{d.webhookId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}

      <h2>{t('webhooks.detail.remove')}</h2>
      <form method="post" action={`${WEBHOOKS_PATH}/${s.id}/ta-bort`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <p>{t('webhooks.detail.removeLead')}</p>
        <button type="submit" class="secondary">
          {t('webhooks.detail.removeSubmit')}
        </button>
      </form>
    </StaffLayout>
  );
}
