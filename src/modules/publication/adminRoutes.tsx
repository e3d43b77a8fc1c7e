import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { Checkbox } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import { logAdminChange } from '../admin/log.ts';
import { isOrgAdmin } from '../admin/policy.ts';
import { orgSettings } from '../organizations/settings.ts';

export const PUBLICATION_SETTINGS_PATH = '/admin/publicering';

/** The organization's publication setting: whether a second person approves (four eyes). Org admins only; others get 404. */
export const publicationAdminRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  staffArea(app);
  app.addHook('preHandler', async (req) => {
    if (!isOrgAdmin(req.actor)) throw notFound();
  });

  app.get<{ Querystring: { sparat?: string } }>(PUBLICATION_SETTINGS_PATH, async (req, reply) => {
    const fourEyes = orgSettings(req.org).publicationFourEyes === true;
    const csrf = reply.generateCsrf();
    const { t } = req.i18n;
    const page = (
      <StaffLayout title={t('publication.settings.title')} orgName={req.org.name} actor={req.actor!} csrf={csrf} current="/admin">
        <p>
          <a href="/admin">{t('publication.settings.back')}</a>
        </p>
        {req.query.sparat !== undefined && (
          <div class="success-banner" role="status">
            <p>{t('publication.settings.saved')}</p>
          </div>
        )}
        <h1>{t('publication.settings.heading')}</h1>
        <p>{req.i18n.rich('publication.settings.intro', { link: (c) => <a href="/svar">{c}</a> })}</p>
        <form method="post" action={PUBLICATION_SETTINGS_PATH} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <Checkbox
            name="fourEyes"
            label={t('publication.settings.fourEyes')}
            checked={fourEyes}
            hint={t('publication.settings.fourEyesHint')}
          />
          <button type="submit">{t('publication.settings.save')}</button>
        </form>
      </StaffLayout>
    );
    return sendPage(reply, page);
  });

  app.post(PUBLICATION_SETTINGS_PATH, async (req, reply) => {
    const fourEyes = (req.body as Record<string, unknown> | undefined)?.fourEyes === 'ja';
    const actor = req.actor!;
    const before = orgSettings(req.org).publicationFourEyes === true;
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('organizations')
        .set({ settings: sql`settings || jsonb_build_object('publicationFourEyes', ${fourEyes}::boolean)`, updated_at: clock.now() })
        .where('id', '=', actor.organizationId)
        .execute();
      await logAdminChange(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'update',
        entityType: 'settings',
        summary: req.i18n.t(fourEyes ? 'publication.settings.logOn' : 'publication.settings.logOff'),
        before: { publicationFourEyes: before },
        after: { publicationFourEyes: fourEyes },
        now: clock.now(),
      });
    });
    return reply.code(303).header('location', `${PUBLICATION_SETTINGS_PATH}?sparat`).send();
  });
};
