import { formatDateTime } from '../../../platform/clock.ts';
import type { Translator } from '../../../platform/i18n/catalogue.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Checkbox, ErrorSummary, FieldError, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { WEBHOOK_EVENT_LABEL, WEBHOOK_EVENT_TYPES } from '../events.ts';
import { MAX_DESCRIPTION, MAX_URL, type SubscriptionItem } from '../subscriptions.ts';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

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

export function statusText(s: Pick<SubscriptionItem, 'status' | 'failing_since'>, t: Translator['t']): string {
  if (s.status === 'paused') return t('webhooks.status.paused');
  if (s.failing_since) return t('webhooks.status.failing', { since: formatDateTime(s.failing_since) });
  return t('webhooks.status.active');
}

/** The admin page: which systems hear of what, and a form to add one. */
export function WebhooksPage({ orgName, actor, csrf, subscriptions, input = emptyWebhookInput(), errors = {}, created, notice }: WebhooksPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StaffLayout title={t('webhooks.list.title')} hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href="/admin">{t('webhooks.list.admin')}</a>
      </p>
      <ErrorSummary errors={errors} fieldIds={{ eventTypes: 'eventTypes-0' }} />
      <h1>{t('webhooks.list.title')}</h1>
      {created && (
        <div class="success-banner" role="status">
          <h2>{t('webhooks.list.created', { url: created.url })}</h2>
          <p>{i18n.rich('webhooks.list.copyNow', { strong: (c) => <strong>{c}</strong> })}</p>
          <label for="ny-hemlighet">{t('webhooks.list.secret')}</label>
          <input id="ny-hemlighet" type="text" readOnly value={created.secret} class="break" size={60} spellcheck={false} autocomplete="off" />
        </div>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>{i18n.rich('webhooks.list.lead', { org: orgName, link: (c) => <a href="/admin/api-nycklar">{c}</a> })}</p>

      <h2>{t('webhooks.list.receivers')}</h2>
      {subscriptions.length === 0 ? (
        <p>{t('webhooks.list.empty')}</p>
      ) : (
        <TableScroll label={t('webhooks.list.title')}>
        <table>
          <caption class="visually-hidden">{t('webhooks.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.list.url')}</th>
              <th scope="col">{t('webhooks.list.events')}</th>
              <th scope="col">{t('webhooks.list.status')}</th>
              <th scope="col">{t('webhooks.list.pending')}</th>
              <th scope="col">{t('webhooks.list.createdAt')}</th>
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
                <td>{statusText(s, t)}</td>
                <td>{s.pending}</td>
                <td>{formatDateTime(s.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}

      <h2>{t('webhooks.list.addHeading')}</h2>
      <form method="post" action={WEBHOOKS_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput name="url" label={t('webhooks.list.url')} hint={t('webhooks.list.urlHint')} value={input.url} error={errors.url} maxLength={MAX_URL} />
        <TextInput name="description" label={t('webhooks.list.description')} hint={t('webhooks.list.descriptionHint')} value={input.description} error={errors.description} maxLength={MAX_DESCRIPTION} />
        <div class={`field${errors.eventTypes ? ' field--error' : ''}`}>
          <fieldset aria-describedby={errors.eventTypes ? 'eventTypes-fel' : undefined}>
            <legend>{t('webhooks.list.events')}</legend>
            <FieldError id="eventTypes" message={errors.eventTypes} />
            {WEBHOOK_EVENT_TYPES.map((type, i) => (
              <div class="checkbox" key={type}>
                <input type="checkbox" id={`eventTypes-${i}`} name="eventTypes" value={type} checked={input.eventTypes.includes(type)} />
                <label for={`eventTypes-${i}`}>
                  <code>{type}</code> – {WEBHOOK_EVENT_LABEL[type]}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        <Checkbox
          name="allowInsecure"
          label={t('webhooks.list.allowInsecure')}
          hint={t('webhooks.list.allowInsecureHint')}
          checked={input.allowInsecure}
        />
        <button type="submit">{t('webhooks.list.add')}</button>
      </form>
    </StaffLayout>
  );
}
