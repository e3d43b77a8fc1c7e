import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { staffArea } from '../../platform/staff.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { isOrgAdmin } from '../admin/policy.ts';
import { createApiKey, listApiKeys, MAX_KEY_NAME, revokeApiKey, ROLES } from './keys.ts';
import { API_KEYS_PATH, ApiKeysPage } from './views/ApiKeysPage.tsx';
import { logAdminChange } from '../admin/log.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const field = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/** The admin page for API keys: list, create (the key is shown once), revoke. Others get 404. */
export const apiAdminRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  staffArea(app);
  // Keys reach the whole organization, so only an admin of the whole organization manages them.
  app.addHook('preHandler', async (req) => {
    if (!isOrgAdmin(req.actor)) throw notFound();
  });

  const page = async (req: FastifyRequest, csrf: string, extra: Partial<Parameters<typeof ApiKeysPage>[0]> = {}) => (
    <ApiKeysPage orgName={req.org.name} actor={req.actor!} csrf={csrf} keys={await listApiKeys(db, req.actor!.organizationId)} {...extra} />
  );

  app.get<{ Querystring: { aterkallad?: string } }>(API_KEYS_PATH, async (req, reply) => {
    const notice = req.query.aterkallad !== undefined ? req.i18n.t('api.keys.revokedNotice') : undefined;
    return sendPage(reply, await page(req, reply.generateCsrf(), { notice }));
  });

  app.post(API_KEYS_PATH, async (req, reply) => {
    const input = { name: field(req.body, 'name').trim(), role: field(req.body, 'role') };
    const errors: FieldErrors = {};
    if (!input.name) errors.name = req.i18n.t('api.keys.nameMissing');
    else if ([...input.name].length > MAX_KEY_NAME) errors.name = req.i18n.t('api.keys.nameTooLong', { max: MAX_KEY_NAME });
    if (!(ROLES as string[]).includes(input.role)) errors.role = req.i18n.t('api.keys.roleMissing');
    if (Object.keys(errors).length) return sendPage(reply, await page(req, reply.generateCsrf(), { input, errors }), 400);

    const actor = req.actor!;
    const now = clock.now();
    const { key } = await db.transaction().execute(async (tx) => {
      const created = await createApiKey(tx, { organizationId: actor.organizationId, name: input.name, role: input.role as Role, createdBy: actor.id, now });
      await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: 'create', entityType: 'api_key', entityId: created.id, summary: `API-nyckeln ”${input.name}” (${input.role}) skapades`, after: { name: input.name, role: input.role, prefix: created.prefix }, now });
      return created;
    });
    // Shown in this response only, never stored or redirected with: no post/redirect/get here.
    return sendPage(reply, await page(req, reply.generateCsrf(), { created: { name: input.name, key } }), 201);
  });

  app.post<{ Params: { id: string } }>(`${API_KEYS_PATH}/:id/aterkalla`, async (req, reply) => {
    const actor = req.actor!;
    const now = clock.now();
    const revoked =
      UUID.test(req.params.id) &&
      (await db.transaction().execute(async (tx) => {
        if (!(await revokeApiKey(tx, actor.organizationId, req.params.id, now))) return false;
        await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: 'revoke', entityType: 'api_key', entityId: req.params.id, summary: sv('api.log.revoked'), now });
        return true;
      }));
    if (!revoked) throw notFound('API-nyckeln');
    return reply.code(303).header('location', `${API_KEYS_PATH}?aterkallad`).send();
  });
};
