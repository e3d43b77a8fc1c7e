import { formatDateTime } from '../../../platform/clock.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import type { DeliveryLogItem } from '../deliveryLog.ts';
import type { SubscriptionItem } from '../subscriptions.ts';
import { statusText, WEBHOOKS_PATH } from './WebhooksPage.tsx';

const DELIVERY_STATUS: Record<string, string> = { pending: 'Väntar', delivered: 'Levererad', failed: 'Gav upp efter 24 timmar' };

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
  return (
    <StaffLayout title={`Webhook till ${s.url}`} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href={WEBHOOKS_PATH}>Webhooks</a>
      </p>
      <h1 class="break">Webhook till {s.url}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <dl class="facts">
        <dt>Status</dt>
        <dd>{statusText(s)}</dd>
        {s.status === 'paused' && (
          <>
            <dt>Pausad</dt>
            <dd>
              {s.paused_at ? formatDateTime(s.paused_at) : ''} – {s.pause_reason}
            </dd>
          </>
        )}
        <dt>Händelser</dt>
        <dd>{s.event_types.join(', ')}</dd>
        {s.description && (
          <>
            <dt>Beskrivning</dt>
            <dd>{s.description}</dd>
          </>
        )}
        <dt>Väntar på leverans</dt>
        <dd>{s.pending}</dd>
        <dt>Skapad</dt>
        <dd>{formatDateTime(s.created_at)}</dd>
      </dl>
      {s.status === 'paused' && (
        <form method="post" action={`${WEBHOOKS_PATH}/${s.id}/ateruppta`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>Det som hänt under pausen skickas när webhooken återupptas, i ordning för varje ärende.</p>
          <button type="submit">Återuppta</button>
        </form>
      )}

      <h2>Leveranslogg</h2>
      {deliveries.length === 0 ? (
        <p>Inget har skickats än.</p>
      ) : (
        <table>
          <caption class="visually-hidden">De senaste leveranserna, nyast först</caption>
          <thead>
            <tr>
              <th scope="col">Händelse</th>
              <th scope="col">Ärende</th>
              <th scope="col">Status</th>
              <th scope="col">Försök</th>
              <th scope="col">webhook-id</th>
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
                  {DELIVERY_STATUS[d.status] ?? d.status}
                  {d.status === 'pending' && d.next_attempt_at && <>, nästa försök {formatDateTime(d.next_attempt_at)}</>}
                </td>
                <td>
                  {d.attemptLog.length === 0 ? (
                    'Inga än'
                  ) : (
                    <ol class="compact">
                      {d.attemptLog.map((a, i) => (
                        <li key={i}>
                          {formatDateTime(a.attempted_at)}: {a.error ?? `svar ${a.status_code}`} ({a.duration_ms} ms)
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
      )}

      <h2>Ta bort</h2>
      <form method="post" action={`${WEBHOOKS_PATH}/${s.id}/ta-bort`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <p>Inget mer skickas till adressen. Det som väntar på leverans skickas inte.</p>
        <button type="submit" class="secondary">
          Ta bort webhooken
        </button>
      </form>
    </StaffLayout>
  );
}
