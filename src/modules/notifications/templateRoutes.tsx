import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { TemplateKey } from '../../db/schema.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { ErrorSummary, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import type { Actor } from '../cases/policy.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, TEMPLATE_LABEL, setTemplate, type Template } from './templates.ts';

/** The texts of the automatic messages, per organization (/admin/e-postmallar). */
export function messageTemplateRoutes(app: FastifyInstance, db: Db, admin: (req: FastifyRequest) => Actor) {
  const KEYS = Object.keys(TEMPLATE_LABEL) as TemplateKey[];

  app.get('/admin/e-postmallar', async (req, reply) => {
    const actor = admin(req);
    const own = new Set((await db.selectFrom('message_templates').select('key').where('organization_id', '=', actor.organizationId).execute()).map((r) => r.key));
    return sendPage(
      reply,
      <StaffLayout title="E-postmallar" orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()}>
        <p>
          <a href="/admin">Administration</a>
        </p>
        <h1>E-postmallar</h1>
        <p>Texterna i de meddelanden som Lyhörd skickar automatiskt. Ändringar gäller meddelanden som skapas efter att du sparat.</p>
        <ul>
          {KEYS.map((k) => (
            <li key={k}>
              <a href={`/admin/e-postmallar/${k}`}>{TEMPLATE_LABEL[k]}</a> {own.has(k) ? '(egen text)' : '(standardtext)'}
            </li>
          ))}
        </ul>
      </StaffLayout>,
    );
  });

  function templatePage(req: FastifyRequest, csrf: string, actor: Actor, key: TemplateKey, t: Template, errors: FieldErrors = {}, saved = false) {
    return (
      <StaffLayout title={TEMPLATE_LABEL[key]} hasErrors={Object.keys(errors).length > 0} orgName={req.org.name} actor={actor} csrf={csrf}>
        <p>
          <a href="/admin/e-postmallar">E-postmallar</a>
        </p>
        <ErrorSummary errors={errors} />
        {saved && (
          <div class="success-banner" role="status">
            <p>Mallen är sparad.</p>
          </div>
        )}
        <h1>{TEMPLATE_LABEL[key]}</h1>
        <form method="post" action={`/admin/e-postmallar/${key}`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <TextInput name="subject" label="Ämnesrad" value={t.subject} error={errors.subject} maxLength={200} />
          <TextArea name="body" label="Text" rows={16} value={t.body} error={errors.body} />
          <button type="submit">Spara mallen</button>
        </form>
        <form method="post" action={`/admin/e-postmallar/${key}/aterstall`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="secondary">
            Återställ standardtexten
          </button>
        </form>
        <h2>Platshållare</h2>
        <dl class="summary-list">
          {Object.entries(PLACEHOLDERS).map(([name, about]) => (
            <div key={name}>
              <dt>{`{${name}}`}</dt>
              <dd>{about}</dd>
            </div>
          ))}
        </dl>
      </StaffLayout>
    );
  }

  const keyOf = (k: string): TemplateKey => {
    if (!(KEYS as string[]).includes(k)) throw notFound('Mallen');
    return k as TemplateKey;
  };

  app.get<{ Params: { key: string }; Querystring: { sparat?: string } }>('/admin/e-postmallar/:key', async (req, reply) => {
    const actor = admin(req);
    const key = keyOf(req.params.key);
    const row = await db.selectFrom('message_templates').select(['subject', 'body']).where('organization_id', '=', actor.organizationId).where('key', '=', key).executeTakeFirst();
    return sendPage(reply, templatePage(req, reply.generateCsrf(), actor, key, row ?? DEFAULT_TEMPLATES[key], {}, req.query.sparat !== undefined));
  });

  app.post<{ Params: { key: string } }>('/admin/e-postmallar/:key', async (req, reply) => {
    const actor = admin(req);
    const key = keyOf(req.params.key);
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const t = { subject: String(body.subject ?? '').trim(), body: String(body.body ?? '').replace(/\r\n/g, '\n') };
    try {
      await setTemplate(db, actor.organizationId, key, t, actor);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid') return sendPage(reply, templatePage(req, reply.generateCsrf(), actor, key, t, err.details), 400);
      throw err;
    }
    return reply.code(303).header('location', `/admin/e-postmallar/${key}?sparat=1`).send();
  });

  app.post<{ Params: { key: string } }>('/admin/e-postmallar/:key/aterstall', async (req, reply) => {
    const actor = admin(req);
    const key = keyOf(req.params.key);
    await setTemplate(db, actor.organizationId, key, null, actor);
    return reply.code(303).header('location', `/admin/e-postmallar/${key}?sparat=1`).send();
  });
}
