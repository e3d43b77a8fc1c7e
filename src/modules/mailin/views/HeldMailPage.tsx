import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import type { StaffKey } from '../../../platform/i18n/staffKeys.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import type { listHeld, listIgnored } from '../held.ts';

const IGNORED_LABEL: Record<string, StaffKey> = {
  auto_reply: 'mailin.held.ignored.autoReply',
  bounce_unmatched: 'mailin.held.ignored.bounceUnmatched',
  loop: 'mailin.held.ignored.loop',
  discarded: 'mailin.held.ignored.discarded',
};

export interface HeldMailPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  held: Awaited<ReturnType<typeof listHeld>>;
  ignored: Awaited<ReturnType<typeof listIgnored>>;
  notice?: string;
}

/** Mail waiting for the registrar: floods held back and messages too large to fetch; and what never became a case. */
export function HeldMailPage(p: HeldMailPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const hidden = (c: ComponentChildren) => <span class="visually-hidden">{c}</span>;
  return (
    <StaffLayout title={t('mailin.held.title')} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/e-post">
      {p.notice && (
        <div class="success-banner" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      <h1>{t('mailin.held.title')}</h1>
      <p>{t('mailin.held.intro')}</p>
      {p.held.length === 0 ? (
        <p>{t('mailin.held.none')}</p>
      ) : (
        <ul class="conversation">
          {p.held.map((m) => (
            <li key={m.id} class="conversation-item conversation-item--in">
              <h2 class="h3">
                <span class="user-text">{m.subject || t('mailin.held.noSubject')}</span>
              </h2>
              <p>
                {i18n.rich('mailin.held.fromAt', {
                  from: <span class="break">{m.from_name ? `${m.from_name} <${m.from_address ?? ''}>` : (m.from_address ?? t('mailin.held.unknownSender'))}</span>,
                  at: <time dateTime={m.received_at.toISOString()}>{formatDateTime(m.received_at)}</time>,
                })}
              </p>
              <ul class="mail-warnings">
                {m.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
              <ul class="action-links">
                {m.has_raw && (
                  <li>
                    <a href={`/handlaggning/e-post/${m.id}.eml`}>
                      {i18n.rich('mailin.held.readOriginal', { subject: m.subject, hidden })}
                    </a>
                  </li>
                )}
                {m.has_raw && (
                  <li>
                    <form method="post" action={`/handlaggning/e-post/${m.id}/slapp`} class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <button type="submit">
                        {i18n.rich('mailin.held.release', { subject: m.subject || t('mailin.held.untitled'), hidden })}
                      </button>
                    </form>
                  </li>
                )}
                <li>
                  <form method="post" action={`/handlaggning/e-post/${m.id}/kasta`} class="inline-form">
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <button type="submit" class="secondary">
                      {i18n.rich('mailin.held.discard', { subject: m.subject || t('mailin.held.untitled'), hidden })}
                    </button>
                  </form>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('mailin.held.ignoredTitle')}</h2>
      <p>{t('mailin.held.ignoredIntro')}</p>
      {p.ignored.length === 0 ? (
        <p>{t('mailin.held.noIgnored')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-label={t('mailin.held.ignoredCaption')} tabindex={0}>
          <table>
            <caption class="visually-hidden">{t('mailin.held.ignoredCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mailin.held.subject')}</th>
                <th scope="col">{t('mailin.held.from')}</th>
                <th scope="col">{t('mailin.held.received')}</th>
                <th scope="col">{t('mailin.held.why')}</th>
                <th scope="col">{t('mailin.held.action')}</th>
              </tr>
            </thead>
            <tbody>
              {p.ignored.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <a class="user-text" href={`/handlaggning/e-post/${m.id}.eml`}>
                      {m.subject || t('mailin.held.noSubject')}
                    </a>
                  </th>
                  <td class="break">{m.from_address ?? '–'}</td>
                  <td>{formatDateTime(m.received_at)}</td>
                  <td>{IGNORED_LABEL[m.outcome] ? t(IGNORED_LABEL[m.outcome]!) : m.outcome}</td>
                  <td>
                    {m.has_raw && (
                      <form method="post" action={`/handlaggning/e-post/${m.id}/slapp`} class="inline-form">
                        <input type="hidden" name="_csrf" value={p.csrf} />
                        <button type="submit" class="secondary">
                          {i18n.rich('mailin.held.release', { subject: m.subject || t('mailin.held.untitled'), hidden })}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
