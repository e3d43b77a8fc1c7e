import type { Db } from '../src/db/database.ts';
import type { ReplyChannel } from '../src/db/schema.ts';
import { assignCase, registerCase, simpleTransition, type CaseDeps } from '../src/modules/cases/commands.ts';
import { registerOnBehalf } from '../src/modules/registration/commands.ts';
import type { Actor } from '../src/modules/cases/policy.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { installationSecret } from '../src/platform/secrets.ts';
import { buildStaff } from './factories.ts';

/**
 * An organization with the demo unit tree and the people deadline and mail tests need, acting
 * through the real commands on a fake clock.
 */
export async function deadlineWorld(db: Db, now = '2026-12-22T09:00:00Z') {
  const orgId = await seedDemoOrganization(db);
  const units = await db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', orgId).execute();
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const area = (await db.selectFrom('categories').select('id').where('organization_id', '=', orgId).where('level', '=', 'area').orderBy('sort_order').executeTakeFirstOrThrow()).id;
  const registrar = await buildStaff(db, orgId, { name: 'Rebecka Registrator', grants: [{ role: 'registrar', unitId: null }] });
  const admin = await buildStaff(db, orgId, { name: 'Anna Administratör', grants: [{ role: 'admin', unitId: null }] });
  const coordinator = await buildStaff(db, orgId, { name: 'Sven Samordnare', grants: [{ role: 'coordinator', unitId: unit('Samhällsbyggnad') }] });
  const handler = await buildStaff(db, orgId, { name: 'Gustav Gatuchef', grants: [{ role: 'handler', unitId: unit('Gata och park') }] });
  const clock = fixedClock(now);
  const deps: CaseDeps = { db, clock, tokenSecret: await installationSecret(db, 'status-token') };
  const email = async (a: Actor) => (await db.selectFrom('users').select('email').where('id', '=', a.id).executeTakeFirstOrThrow()).email;

  /** A case as a staff member registers it from a phone call, received at `receivedAt` (default: now). */
  async function receive(opts: { receivedAt?: string; replyChannel?: ReplyChannel; email?: string | null; anonymous?: boolean; kind?: 'klagomal' | 'fraga' | 'berom' | 'forslag' } = {}) {
    return registerOnBehalf(deps, registrar, {
      kind: opts.kind ?? 'klagomal',
      description: 'Gatlyktan vid skolan har varit släckt i två veckor.',
      channel: 'phone',
      receivedAt: new Date(opts.receivedAt ?? clock.now().toISOString()),
      confirmedWithSubmitter: true,
      contact: opts.anonymous
        ? null
        : { name: 'Åsa Öberg', email: opts.email === undefined ? 'asa@example.se' : opts.email, phone: '070-123 45 67', address: 'Storgatan 2, 123 45 Exempelstad', replyChannel: opts.replyChannel ?? 'email' },
    });
  }

  async function register(number: string) {
    return registerCase(deps, {
      actor: registrar,
      number,
      classification: { kind: 'klagomal', areaId: area, subcategoryId: null, significance: 'routine', confidential: false, confidentialityRef: null, unitId: unit('Gata och park') },
    });
  }

  async function assign(number: string) {
    return assignCase(deps, { actor: coordinator, number, handlerId: handler.id });
  }

  /** Received, registered to Gata och park, assigned to Gustav and started. */
  async function inProgress(opts: Parameters<typeof receive>[0] = {}) {
    const c = await receive(opts);
    await register(c.number);
    await assign(c.number);
    await simpleTransition(deps, { actor: handler, number: c.number, event: 'start' });
    return c;
  }

  const caseRow = (id: string) => db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  return { orgId, unit, area, registrar, admin, coordinator, handler, clock, deps, email, receive, register, assign, inProgress, caseRow };
}
