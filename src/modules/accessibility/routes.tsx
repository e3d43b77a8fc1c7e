import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { citizenArea } from '../../platform/i18n/plugin.ts';
import { sendPage } from '../../platform/views/render.ts';
import { STATEMENT_PATH } from './paths.ts';
import { loadStatement } from './statement.ts';
import { StatementPage } from './views/StatementPage.tsx';

/** The organization's accessibility statement: /tillganglighet, and /o/<slug>/tillganglighet for the others. */
export const accessibilityRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  citizenArea(app);
  app.get(STATEMENT_PATH, async (req, reply) => sendPage(reply, <StatementPage org={req.org} statement={await loadStatement(db, req.org)} />));
};
