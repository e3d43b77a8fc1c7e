import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { MessageStatus } from '../../db/schema.ts';
import { formatDateTime } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import { coversWholeOrganization, type Actor } from '../cases/policy.ts';
import { requeueMessage } from './send.ts';
import { messageTemplateRoutes } from './templateRoutes.tsx';
import { MESSAGE_PURPOSE_LABEL, MESSAGE_STATUS_LABEL } from '../cases/views/staffLabels.ts';
import { sv, translator } from '../../platform/i18n/catalogue.ts';
import { withoutAnswerFooter } from './submitterMail.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';

const STATUSES: MessageStatus[] = ['queued', 'sending', 'sent', 'failed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE = 50;

/** The organization's e-mail, sent or waiting: with no SMTP server configured, the outbox is where mail goes. */
export const outboxRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  staffArea(app);
  const admin = (req: FastifyRequest): Actor => {
    const actor = req.actor as Actor;
    if (!coversWholeOrganization(actor, 'admin')) throw notFound();
    return actor;
  };
  messageTemplateRoutes(app, db, admin);

  app.get<{ Querystring: { status?: string; fore?: string } }>('/admin/utkorg', async (req, reply) => {
    const actor = admin(req);
    const { t } = req.i18n;
    const status = STATUSES.includes(req.query.status as MessageStatus) ? (req.query.status as MessageStatus) : undefined;
    const fore = req.query.fore && !Number.isNaN(Date.parse(req.query.fore)) ? new Date(req.query.fore) : undefined;
    const rows = await db
      .selectFrom('messages as m')
      .leftJoin('cases as c', 'c.id', 'm.case_id')
      .select(['m.id', 'm.created_at', 'm.recipient', 'm.subject', 'm.purpose', 'm.status', 'm.last_error', 'm.attempts', 'm.transport', 'c.number'])
      .where('m.organization_id', '=', actor.organizationId)
      .where('m.channel', '=', 'email')
      .$if(status !== undefined, (q) => q.where('m.status', '=', status!))
      .$if(fore !== undefined, (q) => q.where('m.created_at', '<', fore!))
      .orderBy('m.created_at', 'desc')
      .limit(PAGE + 1)
      .execute();
    const more = rows.length > PAGE;
    const shown = rows.slice(0, PAGE);
    const next = more ? `/admin/utkorg?${new URLSearchParams({ ...(status ? { status } : {}), fore: shown[shown.length - 1]!.created_at.toISOString() })}` : null;
    return sendPage(
      reply,
      <StaffLayout title={t('notifications.outbox.title')} orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()}>
        <p>
          <a href="/admin">{t('notifications.outbox.admin')}</a>
        </p>
        <h1>{t('notifications.outbox.title')}</h1>
        <p>{t('notifications.outbox.intro', { product: PRODUCT_NAME })}</p>
        <nav aria-label={t('notifications.outbox.filterLabel')}>
          <ul class="tabs">
            {[undefined, ...STATUSES].map((s) => (
              <li key={s ?? 'alla'}>
                <a href={s ? `/admin/utkorg?status=${s}` : '/admin/utkorg'} aria-current={s === status ? 'page' : undefined}>
                  {s ? MESSAGE_STATUS_LABEL[s] : t('notifications.outbox.all')}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {shown.length === 0 ? (
          <p>{t('notifications.outbox.empty')}</p>
        ) : (
          <div class="table-scroll" role="region" aria-label={t('notifications.outbox.caption')} tabindex={0}>
            <table class="case-table">
              <caption class="visually-hidden">{t('notifications.outbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('notifications.outbox.subject')}</th>
                  <th scope="col">{t('notifications.outbox.to')}</th>
                  <th scope="col">{t('notifications.outbox.kind')}</th>
                  <th scope="col">{t('notifications.outbox.case')}</th>
                  <th scope="col">{t('notifications.outbox.created')}</th>
                  <th scope="col">{t('notifications.outbox.status')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <a href={`/admin/utkorg/${m.id}`}>{m.subject || t('notifications.outbox.noSubject')}</a>
                    </th>
                    <td class="break">{m.recipient}</td>
                    <td>{MESSAGE_PURPOSE_LABEL[m.purpose] ?? m.purpose}</td>
                    <td>{m.number ? <a href={`/handlaggning/arenden/${m.number}`}>{m.number}</a> : '–'}</td>
                    <td>{formatDateTime(m.created_at)}</td>
                    <td>
                      <span class={m.status === 'failed' ? 'tag-warning' : 'status-tag'}>{MESSAGE_STATUS_LABEL[m.status]}</span>
                      {m.status === 'sent' && m.transport === 'outbox' && <span class="excerpt">{t('notifications.outbox.inLocalOutbox')}</span>}
                      {m.last_error && m.status !== 'sent' && <span class="excerpt">{m.last_error}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next && (
          <p class="pagination">
            <a href={next}>{t('notifications.outbox.older')}</a>
          </p>
        )}
      </StaffLayout>,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { skickas?: string } }>('/admin/utkorg/:id', async (req, reply) => {
    const actor = admin(req);
    const { t } = req.i18n;
    if (!UUID.test(req.params.id)) throw notFound(sv('notifications.outbox.theMessage'));
    const m = await db
      .selectFrom('messages as m')
      .leftJoin('cases as c', 'c.id', 'm.case_id')
      .selectAll('m')
      .select(['c.number', 'c.language'])
      .where('m.id', '=', req.params.id)
      .where('m.organization_id', '=', actor.organizationId)
      .where('m.channel', '=', 'email')
      .executeTakeFirst();
    if (!m) throw notFound(sv('notifications.outbox.theMessage'));
    const csrf = reply.generateCsrf();
    const own = submitterLanguage(m);
    return sendPage(
      reply,
      <StaffLayout title={m.subject ?? t('notifications.outbox.message')} orgName={req.org.name} actor={actor} csrf={csrf}>
        <p>
          <a href="/admin/utkorg">{t('notifications.outbox.back')}</a>
        </p>
        {req.query.skickas !== undefined && (
          <div class="success-banner" role="status">
            <p>{t('notifications.outbox.requeued')}</p>
          </div>
        )}
        <h1 class="break" {...(m.subject ? own.subject : {})}>
          {m.subject ?? t('notifications.outbox.noSubject')}
        </h1>
        <dl class="summary-list">
          <dt>{t('notifications.outbox.status')}</dt>
          <dd>
            <span class={m.status === 'failed' ? 'tag-warning' : 'status-tag'}>{MESSAGE_STATUS_LABEL[m.status]}</span>
            {m.status === 'sent' && m.transport === 'outbox' && t('notifications.outbox.savedLocally')}
          </dd>
          {m.last_error && (
            <>
              <dt>{t(m.status === 'sent' ? 'notifications.outbox.earlierError' : 'notifications.outbox.cause')}</dt>
              <dd class="break">{m.last_error}</dd>
            </>
          )}
          <dt>{t('notifications.outbox.to')}</dt>
          <dd class="break">{m.recipient}</dd>
          <dt>{t('notifications.outbox.replyTo')}</dt>
          <dd class="break">{m.reply_to ?? '–'}</dd>
          <dt>{t('notifications.outbox.kind')}</dt>
          <dd>{MESSAGE_PURPOSE_LABEL[m.purpose] ?? m.purpose}</dd>
          <dt>{t('notifications.outbox.case')}</dt>
          <dd>{m.number ? <a href={`/handlaggning/arenden/${m.number}`}>{m.number}</a> : '–'}</dd>
          <dt>{t('notifications.outbox.created')}</dt>
          <dd>{formatDateTime(m.created_at)}</dd>
          <dt>{t('notifications.outbox.sent')}</dt>
          <dd>{m.sent_at ? formatDateTime(m.sent_at) : '–'}</dd>
          <dt>{t('notifications.outbox.attempts')}</dt>
          <dd>{m.attempts}</dd>
          <dt>{t('notifications.outbox.messageId')}</dt>
          <dd class="break">{m.header_message_id ?? '–'}</dd>
          {m.smtp_response && (
            <>
              <dt>{t('notifications.outbox.serverResponse')}</dt>
              <dd class="break">{m.smtp_response}</dd>
            </>
          )}
        </dl>
        <h2>{t('notifications.outbox.body')}</h2>
        <div class="inset user-text" {...own.body}>
          {own.footer ? (
            <>
              {withoutAnswerFooter(m)}
              <span {...own.footer}>{m.footer}</span>
            </>
          ) : (
            m.body
          )}
        </div>
        {m.status === 'failed' && (
          <form method="post" action={`/admin/utkorg/${m.id}/skicka-igen`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <p>{t('notifications.outbox.checkFirst')}</p>
            <button type="submit">{t('notifications.outbox.resend')}</button>
          </form>
        )}
      </StaffLayout>,
    );
  });

  app.post<{ Params: { id: string } }>('/admin/utkorg/:id/skicka-igen', async (req, reply) => {
    const actor = admin(req);
    if (!UUID.test(req.params.id)) throw notFound(sv('notifications.outbox.theMessage'));
    const ok = await requeueMessage(db, actor.organizationId, req.params.id);
    if (!ok) throw notFound(sv('notifications.outbox.theMessage'));
    return reply.code(303).header('location', `/admin/utkorg/${req.params.id}?skickas=1`).send();
  });
};

/**
 * Which parts of a message to the submitter are in their language rather than Swedish, as `lang`
 * and `dir` (WCAG 3.1.2): the acknowledgement whole, since the system writes it in their language;
 * of anything else only the footer the system adds. What staff wrote is Swedish, like the page.
 */
function submitterLanguage(m: { language: string | null; purpose: string; body: string; footer: string | null }) {
  type Attrs = { lang: string; dir: 'ltr' | 'rtl' } | undefined;
  if (!m.language || m.language === 'sv') return { subject: undefined as Attrs, body: undefined as Attrs, footer: undefined as Attrs };
  const l = translator(m.language);
  const attrs: Attrs = { lang: l.code, dir: l.dir };
  if (m.purpose === 'acknowledgement') return { subject: attrs, body: attrs, footer: undefined as Attrs };
  return { subject: undefined as Attrs, body: undefined as Attrs, footer: m.footer && m.body.endsWith(m.footer) ? attrs : undefined };
}
