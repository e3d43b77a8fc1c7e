import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { apiActor } from '../api/auth.ts';
import type { JsonSchema } from '../api/jsonSchema.ts';
import { mayManageRecords } from '../retention/policy.ts';
import { identifierFrom, registerExtract } from './extract.ts';

export const dataSubjectQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Exactly one of email, phone or personnummer.',
  properties: {
    email: { type: 'string', maxLength: 254, description: 'The contact e-mail address.' },
    phone: { type: 'string', maxLength: 40, description: 'The contact phone number, any notation (070-123 45 67, +46701234567).' },
    personnummer: { type: 'string', maxLength: 13, description: 'YYYYMMDD-NNNN or YYMMDD-NNNN; found where the person wrote it.' },
  },
};

/** GET /api/v1/data-subjects?email=… : the register extract (article 15) as JSON, recorded like the PDF. */
export const gdprApiRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  app.get<{ Querystring: Record<string, string | undefined> }>('/data-subjects', { schema: { querystring: dataSubjectQuerySchema } }, async (req) => {
    const actor = apiActor(req);
    if (!mayManageRecords(actor)) throw new DomainError('forbidden', 'API-nyckelns roll får inte ta ut registerutdrag (admin eller archivist).');
    const id = identifierFrom(req.query);
    const org = await db.selectFrom('organizations').select(['id', 'name']).where('id', '=', actor.organizationId).executeTakeFirstOrThrow();
    return registerExtract(db, actor, org, id, 'api', clock.now());
  });
};
