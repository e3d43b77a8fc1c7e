import { formatDateTime } from '../../../platform/clock.ts';
import { Checkbox, ErrorSummary, FieldError, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { WEBHOOK_EVENT_LABEL, WEBHOOK_EVENT_TYPES } from '../events.ts';
import { MAX_DESCRIPTION, MAX_URL, type SubscriptionItem } from '../subscriptions.ts';

export const WEBHOOKS_PATH = '/admin/webhooks';

export interface WebhookFormInput {
  url: string;
  description: string;
  eventTypes: string[];
  allowInsecure: boolean;
}

export const emptyWebhookInput = (): WebhookFormInput => ({ url: '', description: '', eventTypes: [...WEBHOOK_EVENT_TYPES], allowInsecure: false });

export interface WebhooksPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  subscriptions: SubscriptionItem[];
  input?: WebhookFormInput;
  errors?: FieldErrors;
  /** Shown once, right after it was created. */
  created?: { url: string; secret: string };
  notice?: string;
}

export function statusText(s: Pick<SubscriptionItem, 'status' | 'failing_since'>): string {
  if (s.status === 'paused') return 'Pausad';
  if (s.failing_since) return `Aktiv, misslyckas sedan ${formatDateTime(s.failing_since)}`;
  return 'Aktiv';
}

/** The admin page: which systems hear of what, and a form to add one. */
export function WebhooksPage({ orgName, actor, csrf, subscriptions, input = emptyWebhookInput(), errors = {}, created, notice }: WebhooksPageProps) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StaffLayout title="Webhooks" hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href="/admin">Administration</a>
      </p>
      <ErrorSummary errors={errors} fieldIds={{ eventTypes: 'eventTypes-0' }} />
      <h1>Webhooks</h1>
      {created && (
        <div class="success-banner" role="status">
          <h2>Webhooken till {created.url} är skapad</h2>
          <p>
            <strong>Kopiera hemligheten nu. Den visas bara den här gången.</strong> Mottagaren behöver den för att kontrollera signaturen på varje leverans.
          </p>
          <label for="ny-hemlighet">Hemlighet</label>
          <input id="ny-hemlighet" type="text" readOnly value={created.secret} class="break" size={60} spellcheck={false} autocomplete="off" />
        </div>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        En webhook skickar en kort signerad notis till ett annat system, till exempel diariet, felanmälningssystemet eller en instrumentpanel, när något händer med en synpunkt i {orgName}. Notisen
        innehåller bara ärendenummer, status och tid, inga personuppgifter. Mottagaren hämtar resten med en egen <a href="/admin/api-nycklar">API-nyckel</a>. Leveranserna följer Standard Webhooks
        och görs om i upp till 24 timmar om mottagaren inte svarar.
      </p>

      <h2>Mottagare</h2>
      {subscriptions.length === 0 ? (
        <p>Det finns inga webhooks än.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Webhooks</caption>
          <thead>
            <tr>
              <th scope="col">Adress</th>
              <th scope="col">Händelser</th>
              <th scope="col">Status</th>
              <th scope="col">Väntar</th>
              <th scope="col">Skapad</th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((s) => (
              <tr key={s.id}>
                <th scope="row" class="break">
                  <a href={`${WEBHOOKS_PATH}/${s.id}`}>{s.url}</a>
                  {s.description && <span class="hint"> – {s.description}</span>}
                </th>
                <td>{s.event_types.join(', ')}</td>
                <td>{statusText(s)}</td>
                <td>{s.pending}</td>
                <td>{formatDateTime(s.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Lägg till en webhook</h2>
      <form method="post" action={WEBHOOKS_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="url" label="Adress" hint="Dit notiserna skickas med POST, till exempel https://diarium.kommun.se/lyhord. Okrypterad http går bara till localhost." value={input.url} error={errors.url} maxLength={MAX_URL} />
        <TextInput name="description" label="Beskrivning (valfri)" hint="Vilket system det är, så att det går att känna igen." value={input.description} error={errors.description} maxLength={MAX_DESCRIPTION} />
        <div class={`field${errors.eventTypes ? ' field--error' : ''}`}>
          <fieldset aria-describedby={errors.eventTypes ? 'eventTypes-fel' : undefined}>
            <legend>Händelser</legend>
            <FieldError id="eventTypes" message={errors.eventTypes} />
            {WEBHOOK_EVENT_TYPES.map((t, i) => (
              <div class="checkbox" key={t}>
                <input type="checkbox" id={`eventTypes-${i}`} name="eventTypes" value={t} checked={input.eventTypes.includes(t)} />
                <label for={`eventTypes-${i}`}>
                  <code>{t}</code> – {WEBHOOK_EVENT_LABEL[t]}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        <Checkbox
          name="allowInsecure"
          label="Tillåt okrypterad http till en annan dator än den här"
          hint="Bara i ett skyddat nät. Notiserna är signerade men kan läsas av den som avlyssnar."
          checked={input.allowInsecure}
        />
        <button type="submit">Lägg till webhook</button>
      </form>
    </StaffLayout>
  );
}
