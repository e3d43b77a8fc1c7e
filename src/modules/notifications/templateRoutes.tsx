import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { TemplateKey } from '../../db/schema.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { ErrorSummary, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import type { Actor } from '../cases/policy.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, TEMPLATE_LABEL, setTemplate, type Template } from './templates.ts';

/** The texts of the automatic messages, per organization (/admin/e-postmallar). */
export function messageTemplateRoutes(app: FastifyInstance, db: Db, admin: (req: FastifyRequest) => Actor) {
  const KEYS = Object.keys(TEMPLATE_LABEL) as TemplateKey[];

  app.get('/admin/e-postmallar', async (req, reply) => {
    const actor = admin(req);
    const { t } = req.i18n;
    const own = new Set((await db.selectFrom('message_templates').select('key').where('organization_id', '=', actor.organizationId).execute()).map((r) => r.key));
    return sendPage(
      reply,
      <StaffLayout title={t('notifications.templates.title')} orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()}>
        <p>
          <a href="/admin">{t('notifications.templates.admin')}</a>
        </p>
        <h1>{t('notifications.templates.title')}</h1>
        <p>{t('notifications.templates.intro', { product: PRODUCT_NAME })}</p>
        <ul>
          {KEYS.map((k) => (
            <li key={k}>
              <a href={`/admin/e-postmallar/${k}`}>{TEMPLATE_LABEL[k]}</a> {t(own.has(k) ? 'notifications.templates.own' : 'notifications.templates.default')}
            </li>
          ))}
        </ul>
      </StaffLayout>,
    );
  });

  function templatePage(req: FastifyRequest, csrf: string, actor: Actor, key: TemplateKey, template: Template, errors: FieldErrors = {}, saved = false) {
    const { t } = req.i18n;
    return (
      <StaffLayout title={TEMPLATE_LABEL[key]} hasErrors={Object.keys(errors).length > 0} orgName={req.org.name} actor={actor} csrf={csrf}>
        <p>
          <a href="/admin/e-postmallar">{t('notifications.templates.title')}</a>
        </p>
        <ErrorSummary errors={errors} />
        {saved && (
          <div class="success-banner" role="status">
            <p>{t('notifications.templates.saved')}</p>
          </div>
        )}
        <h1>{TEMPLATE_LABEL[key]}</h1>
        <form method="post" action={`/admin/e-postmallar/${key}`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <TextInput name="subject" label={t('notifications.templates.subject')} value={template.subject} error={errors.subject} maxLength={200} />
          <TextArea name="body" label={t('notifications.templates.body')} rows={16} value={template.body} error={errors.body} />
          <button type="submit">{t('notifications.templates.save')}</button>
        </form>
        <form method="post" action={`/admin/e-postmallar/${key}/aterstall`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="secondary">
            {t('notifications.templates.reset')}
          </button>
        </form>
        <h2>{t('notifications.templates.placeholders')}</h2>
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
    if (!(KEYS as string[]).includes(k)) throw notFound(sv('notifications.templates.theTemplate'));
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
