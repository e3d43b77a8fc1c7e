import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { MessageStatus } from '../../db/schema.ts';
import { formatDateTime } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import type { Actor } from '../cases/policy.ts';
import { requeueMessage } from './send.ts';
import { messageTemplateRoutes } from './templateRoutes.tsx';

export const STATUS_LABEL: Record<MessageStatus, string> = {
  queued: 'Väntar på att skickas',
  sending: 'Skickas',
  sent: 'Skickat',
  failed: 'Misslyckades',
  recorded: 'Registrerat',
};

export const PURPOSE_LABEL: Record<string, string> = {
  acknowledgement: 'Bekräftelse',
  answer: 'Svar',
  delay_notice: 'Förlängd svarstid',
  referral: 'Hänvisning',
  not_handled: 'Handläggs inte',
  reminder: 'Påminnelse',
  escalation: 'Eskalering',
  digest: 'Daglig sammanställning',
  other: 'Övrigt',
};

const STATUSES: MessageStatus[] = ['queued', 'sending', 'sent', 'failed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE = 50;

/** The organization's e-mail, sent or waiting: with no SMTP server configured, the outbox is where mail goes. */
export const outboxRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  staffArea(app);
  const admin = (req: FastifyRequest): Actor => {
    const actor = req.actor as Actor;
    if (!actor.grants.some((g) => g.role === 'admin' && g.unitId === null)) throw notFound();
    return actor;
  };
  messageTemplateRoutes(app, db, admin);

  app.get<{ Querystring: { status?: string; fore?: string } }>('/admin/utkorg', async (req, reply) => {
    const actor = admin(req);
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
      <StaffLayout title="Utkorg" orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()}>
        <p>
          <a href="/admin">Administration</a>
        </p>
        <h1>Utkorg</h1>
        <p>
          All e-post som Lyhörd skickar eller ska skicka. Utan inställd e-postserver (SMTP_URL) sparas meddelandena här i stället för att skickas, så att du ser vad som
          skulle ha gått ut. Misslyckade meddelanden visas med orsaken.
        </p>
        <nav aria-label="Filtrera på status">
          <ul class="tabs">
            {[undefined, ...STATUSES].map((s) => (
              <li key={s ?? 'alla'}>
                <a href={s ? `/admin/utkorg?status=${s}` : '/admin/utkorg'} aria-current={s === status ? 'page' : undefined}>
                  {s ? STATUS_LABEL[s] : 'Alla'}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {shown.length === 0 ? (
          <p>Inga meddelanden.</p>
        ) : (
          <div class="table-scroll">
            <table class="case-table">
              <caption class="visually-hidden">E-postmeddelanden, senaste först</caption>
              <thead>
                <tr>
                  <th scope="col">Ämne</th>
                  <th scope="col">Till</th>
                  <th scope="col">Typ</th>
                  <th scope="col">Ärende</th>
                  <th scope="col">Skapat</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <a href={`/admin/utkorg/${m.id}`}>{m.subject || '(inget ämne)'}</a>
                    </th>
                    <td class="break">{m.recipient}</td>
                    <td>{PURPOSE_LABEL[m.purpose] ?? m.purpose}</td>
                    <td>{m.number ? <a href={`/handlaggning/arenden/${m.number}`}>{m.number}</a> : '–'}</td>
                    <td>{formatDateTime(m.created_at)}</td>
                    <td>
                      <span class={m.status === 'failed' ? 'tag-warning' : 'status-tag'}>{STATUS_LABEL[m.status]}</span>
                      {m.status === 'sent' && m.transport === 'outbox' && <span class="excerpt">i den lokala utkorgen</span>}
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
            <a href={next}>Äldre meddelanden</a>
          </p>
        )}
      </StaffLayout>,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { skickas?: string } }>('/admin/utkorg/:id', async (req, reply) => {
    const actor = admin(req);
    if (!UUID.test(req.params.id)) throw notFound('Meddelandet');
    const m = await db
      .selectFrom('messages as m')
      .leftJoin('cases as c', 'c.id', 'm.case_id')
      .selectAll('m')
      .select('c.number')
      .where('m.id', '=', req.params.id)
      .where('m.organization_id', '=', actor.organizationId)
      .where('m.channel', '=', 'email')
      .executeTakeFirst();
    if (!m) throw notFound('Meddelandet');
    const csrf = reply.generateCsrf();
    return sendPage(
      reply,
      <StaffLayout title={m.subject ?? 'Meddelande'} orgName={req.org.name} actor={actor} csrf={csrf}>
        <p>
          <a href="/admin/utkorg">Tillbaka till utkorgen</a>
        </p>
        {req.query.skickas !== undefined && (
          <div class="success-banner" role="status">
            <p>Meddelandet har lagts i kön igen och skickas strax.</p>
          </div>
        )}
        <h1 class="break">{m.subject ?? '(inget ämne)'}</h1>
        <dl class="summary-list">
          <dt>Status</dt>
          <dd>
            <span class={m.status === 'failed' ? 'tag-warning' : 'status-tag'}>{STATUS_LABEL[m.status]}</span>
            {m.status === 'sent' && m.transport === 'outbox' && ' – sparat i den lokala utkorgen, ingen e-postserver är inställd'}
          </dd>
          {m.last_error && (
            <>
              <dt>{m.status === 'sent' ? 'Tidigare fel' : 'Orsak'}</dt>
              <dd class="break">{m.last_error}</dd>
            </>
          )}
          <dt>Till</dt>
          <dd class="break">{m.recipient}</dd>
          <dt>Svar till</dt>
          <dd class="break">{m.reply_to ?? '–'}</dd>
          <dt>Typ</dt>
          <dd>{PURPOSE_LABEL[m.purpose] ?? m.purpose}</dd>
          <dt>Ärende</dt>
          <dd>{m.number ? <a href={`/handlaggning/arenden/${m.number}`}>{m.number}</a> : '–'}</dd>
          <dt>Skapat</dt>
          <dd>{formatDateTime(m.created_at)}</dd>
          <dt>Skickat</dt>
          <dd>{m.sent_at ? formatDateTime(m.sent_at) : '–'}</dd>
          <dt>Försök</dt>
          <dd>{m.attempts}</dd>
          <dt>Message-ID</dt>
          <dd class="break">{m.header_message_id ?? '–'}</dd>
          {m.smtp_response && (
            <>
              <dt>Serverns svar</dt>
              <dd class="break">{m.smtp_response}</dd>
            </>
          )}
        </dl>
        <h2>Meddelandet</h2>
        <div class="inset user-text">{m.body}</div>
        {m.status === 'failed' && (
          <form method="post" action={`/admin/utkorg/${m.id}/skicka-igen`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <p>Kontrollera först att mottagaren inte redan har fått meddelandet.</p>
            <button type="submit">Skicka igen</button>
          </form>
        )}
      </StaffLayout>,
    );
  });

  app.post<{ Params: { id: string } }>('/admin/utkorg/:id/skicka-igen', async (req, reply) => {
    const actor = admin(req);
    if (!UUID.test(req.params.id)) throw notFound('Meddelandet');
    const ok = await requeueMessage(db, actor.organizationId, req.params.id);
    if (!ok) throw notFound('Meddelandet');
    return reply.code(303).header('location', `/admin/utkorg/${req.params.id}?skickas=1`).send();
  });
};
