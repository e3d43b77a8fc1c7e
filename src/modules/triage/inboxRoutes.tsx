import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { loadLookups } from '../cases/lookups.ts';
import { hasRole, type Actor } from '../cases/policy.ts';
import { frame, mayReadExcerpts, staffActor } from '../cases/staffRequest.ts';
import { doneMessage } from '../cases/workspaceRoutes.tsx';
import { BULK_ACTIONS, readBulkInput, runBulk, validateBulk, type BulkInput } from './bulk.ts';
import { bulkResultQuery, readBulkResult } from './bulkResult.ts';
import { inboxHref, readInboxParams } from './inboxParams.ts';
import { listInbox } from './queries.ts';
import { InboxPage } from './views/InboxPage.tsx';
import type { FieldErrors } from '../../platform/views/forms.tsx';

const PAGE_SIZE = 50;

/** The registrar's inbox: search, filters, sort, and bulk actions on the ticked cases. */
export function inboxRoutes(app: FastifyInstance, deps: CaseDeps) {
  function registrar(req: FastifyRequest): Actor {
    const actor = staffActor(req);
    if (!hasRole(actor, 'registrar', 'admin')) throw notFound('Sidan');
    return actor;
  }

  async function show(req: FastifyRequest, reply: FastifyReply, actor: Actor, opts: { status?: number; bulk?: { input: BulkInput; errors: FieldErrors } } = {}) {
    const params = readInboxParams(req.query);
    const [{ rows, total }, lookups] = await Promise.all([listInbox(deps.db, actor, { params, pageSize: PAGE_SIZE }), loadLookups(deps.db, req.org)]);
    const page = (
      <InboxPage
        {...frame(req, reply)}
        params={params}
        lookups={lookups}
        rows={rows}
        total={total}
        pageSize={PAGE_SIZE}
        now={deps.clock.now()}
        showPersonal={mayReadExcerpts(actor)}
        done={doneMessage(req.query, lookups)}
        result={opts.bulk ? undefined : readBulkResult(req.query, BULK_ACTIONS)}
        bulk={opts.bulk}
      />
    );
    return sendPage(reply, page, opts.status ?? 200);
  }

  app.get('/handlaggning/inkorg', async (req, reply) => show(req, reply, registrar(req)));

  // Post/Redirect/Get: the inbox, as it was filtered, with what was done and refused on top; reloading
  // it or going back does not post again. Invalid input is the form again with the choices kept.
  app.post('/handlaggning/inkorg', async (req, reply) => {
    const actor = registrar(req);
    const input = readBulkInput(req.body);
    const checked = validateBulk(input, await loadLookups(deps.db, req.org));
    if (!checked.ok) return show(req, reply, actor, { status: 400, bulk: { input, errors: checked.errors } });
    const result = await runBulk(deps, actor, checked.value);
    const inbox = inboxHref(readInboxParams(req.query), { markera: '' });
    return reply.code(303).header('location', `${inbox}${inbox.includes('?') ? '&' : '?'}${bulkResultQuery(result)}`).send();
  });
}
