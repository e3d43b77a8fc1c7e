// The second floor for bench/submissions.ts: Fastify, the same form parser, and the web form's
// own statement (case, contact and `received` event, numbered from the case sequence) on the
// app's schema, with none of the app around it: no validation, rate limit, spam checks,
// deadlines, hashing, logging or jobs. The app against this one says what the server costs;
// against bareServer.ts, what the server and the schema cost together.
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { createDb } from '../src/db/database.ts';
import { insertWebCase } from '../src/modules/intake/queries.ts';
import { newCaseId } from '../src/modules/cases/caseId.ts';
import { initialDeadlines, loadDeadlineContext } from '../src/modules/deadlines/policies.ts';
import { swedishYear } from '../src/platform/clock.ts';
import { serveForBench } from './lib/server.ts';

const db = createDb(process.env.BENCH_DATABASE_URL!, Number(process.env.BENCH_POOL_SIZE));
const { id: organizationId } = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
// The dates the app gives a complaint received today (worked out once per day there too), so the rows and index entries are the same.
const deadlines = initialDeadlines(await loadDeadlineContext(db, organizationId), 'klagomal', new Date(), true);
const app = Fastify();
await app.register(formbody);
app.post<{ Body: { formId: string; description: string; name: string; email: string } }>('/synpunkt', async (req, reply) => {
  const now = new Date();
  const b = req.body;
  await insertWebCase(db, {
    case: {
      id: newCaseId(),
      organization_id: organizationId,
      year: swedishYear(now),
      kind: 'klagomal',
      description: b.description,
      language: null,
      anonymous: false,
      received_at: now,
      suggested_unit_id: null,
      status_token_hash: randomBytes(32),
      submission_key: createHash('sha256').update(b.formId).digest(),
      content_hash: randomBytes(32),
      publication_opt_out: false,
      ...deadlines,
    },
    contact: { name: b.name, email: b.email, phone: null, address: null, replyChannel: 'email' },
    event: { actor_label: 'Synpunktslämnaren via webbformuläret', occurred_at: now, data: { channel: 'web' } },
  });
  return reply.code(303).header('location', '/kvitto').send();
});
await serveForBench(app, () => db.destroy());
