import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { changeOwnPassword, passwordChangeErrors } from './changePassword.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { CHANGE_PASSWORD_PATH, requireSignedIn } from './plugin.ts';
import { ChangePasswordPage } from './views/ChangePasswordPage.tsx';

/** A signed-in user's own password: required first for demo accounts seeded into a real database. */
export const changePasswordRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  app.get(CHANGE_PASSWORD_PATH, { preHandler: requireSignedIn }, async (req, reply) =>
    sendPage(reply, <ChangePasswordPage org={req.org} csrf={reply.generateCsrf()} minLength={MIN_PASSWORD_LENGTH} required={req.actor!.mustChangePassword === true} />),
  );

  app.post<{ Body: Record<string, unknown> }>(
    CHANGE_PASSWORD_PATH,
    { preHandler: [app.csrfProtection, requireSignedIn], config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const actor = req.actor!;
      const field = (name: string) => (typeof req.body?.[name] === 'string' ? (req.body[name] as string) : '');
      const input = { current: field('current'), password: field('password'), confirm: field('confirm') };
      let errors: FieldErrors = passwordChangeErrors(input);
      if (Object.keys(errors).length === 0) {
        const result = await changeOwnPassword(db, { id: actor.id, name: actor.name, organizationId: req.org.id, sessionId: req.sessionId }, input, clock.now());
        if (result.ok) return reply.code(303).header('location', '/handlaggning').send();
        errors = result.errors;
      }
      return sendPage(reply, <ChangePasswordPage org={req.org} csrf={reply.generateCsrf()} minLength={MIN_PASSWORD_LENGTH} required={actor.mustChangePassword === true} errors={errors} />, 400);
    },
  );
};
