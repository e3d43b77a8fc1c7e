import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import type { Organization } from '../../src/db/schema.ts';
import type { CaseFilter, Sort } from '../../src/modules/cases/listQueries.ts';
import type { Actor } from '../../src/modules/cases/policy.ts';
import { swedishDate } from '../../src/platform/clock.ts';

export interface ListScenario {
  label: string;
  /** The page's query string (see cases/listParams.ts). */
  query: string;
  /** The same filter as listCases gets it. */
  filter: CaseFilter;
  sort?: Sort;
  page?: number;
}

export interface Subject {
  org: Organization;
  actor: Actor;
  /** Other roles of the same organization, whose lists are only EXPLAINed. */
  others: { label: string; actor: Actor; filters: { label: string; filter: CaseFilter }[] }[];
  unitId: string;
  unitName: string;
  numbers: string[];
  scenarios: ListScenario[];
}

/** The default organization's busiest handler, the cases they may open, and the list filters to rotate through. */
/** `count`: how many of their cases to open. */
export async function pickSubject(db: Db, count: number): Promise<Subject> {
  const org = await db.selectFrom('organizations').selectAll().where('is_default', '=', true).executeTakeFirstOrThrow();
  const handler = await db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .innerJoin('org_units as ou', 'ou.id', 'g.org_unit_id')
    .select(['u.id', 'u.name', 'g.org_unit_id as unitId', 'ou.name as unitName'])
    .select((eb) =>
      eb
        .selectFrom('cases as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.handler_id', '=', 'u.id')
        .where('c.status', 'in', ['assigned', 'in_progress', 'waiting'])
        .as('open'),
    )
    .where('u.organization_id', '=', org.id)
    .where('g.role', '=', 'handler')
    .orderBy('open', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const grants = await db.selectFrom('role_grants').select(['role', 'org_unit_id']).where('user_id', '=', handler.id).execute();
  const actor: Actor = { kind: 'user', id: handler.id, name: handler.name, organizationId: org.id, grants: grants.map((g) => ({ role: g.role, unitId: g.org_unit_id })) };

  // 200 different cases of theirs to open: their own and their unit's, old and new.
  const numbers = (
    await sql<{ number: string }>`
      SELECT number FROM cases
      WHERE organization_id = ${org.id} AND (unit_id = ${handler.unitId} OR handler_id = ${handler.id}) AND NOT confidential
      ORDER BY md5(id::text) LIMIT ${count}`.execute(db)
  ).rows.map((r) => r.number);

  const day = (daysAgo: number) => swedishDate(new Date(Date.now() - daysAgo * 86_400_000));
  const words = ['gatlyktan', 'snön', 'äldreboendet', 'personalen', 'biblioteket', 'skolskjutsen', 'bygglov', 'papperskorgar'];
  const scenarios: ListScenario[] = [
    { label: 'my open cases', query: 'vy=mina', filter: { open: true, handlerId: handler.id } },
    { label: "my unit's open cases", query: 'vy=enhet', filter: { open: true } },
    { label: 'status + kind', query: 'vy=enhet&status=in_progress&typ=klagomal', filter: { status: ['in_progress'], kind: ['klagomal'] } },
    ...words.slice(0, 4).map((w) => ({ label: 'free text, all statuses', query: `vy=enhet&status=alla&q=${encodeURIComponent(w)}`, filter: { q: w } })),
    { label: 'status + kind + free text', query: `vy=enhet&status=closed&typ=klagomal&q=${encodeURIComponent('personalen')}`, filter: { status: ['closed'], kind: ['klagomal'], q: 'personalen' } },
    {
      label: 'kind + received period',
      query: `vy=enhet&status=alla&typ=fraga&fran=${day(300)}&till=${day(120)}`,
      filter: { kind: ['fraga'], receivedFrom: day(300), receivedTo: day(120) },
    },
    { label: 'overdue', query: 'vy=enhet&forsenade=ja', filter: { open: true, overdue: true } },
    {
      label: 'unit, oldest first',
      query: `vy=enhet&status=alla&enhet=${handler.unitId}&sortering=received_asc`,
      filter: { unitId: handler.unitId! },
      sort: 'received_asc',
    },
    { label: 'all statuses, page 5', query: 'vy=enhet&status=alla&sida=5', filter: {}, page: 5 },
  ];
  const actorWith = async (role: 'registrar' | 'coordinator'): Promise<Actor> => {
    const u = await db
      .selectFrom('users as u')
      .innerJoin('role_grants as g', 'g.user_id', 'u.id')
      .select(['u.id', 'u.name', 'g.org_unit_id'])
      .where('u.organization_id', '=', org.id)
      .where('g.role', '=', role)
      .orderBy('u.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    return { kind: 'user', id: u.id, name: u.name, organizationId: org.id, grants: [{ role, unitId: u.org_unit_id }] };
  };
  const others = [
    {
      label: 'registrar (whole organization)',
      actor: await actorWith('registrar'),
      filters: [
        { label: 'open cases', filter: { open: true } },
        { label: 'status + kind', filter: { status: ['in_progress'], kind: ['klagomal'] } },
        { label: 'free text', filter: { q: 'skolskjutsen' } },
        { label: 'unassigned, overdue', filter: { unassigned: true, overdue: true } },
      ] satisfies { label: string; filter: CaseFilter }[],
    },
    {
      label: 'coordinator (förvaltning)',
      actor: await actorWith('coordinator'),
      filters: [
        { label: 'open cases', filter: { open: true } },
        { label: 'unassigned', filter: { open: true, unassigned: true } },
        { label: 'overdue', filter: { overdue: true } },
      ] satisfies { label: string; filter: CaseFilter }[],
    },
  ];
  return { org, actor, others, unitId: handler.unitId!, unitName: handler.unitName, numbers, scenarios };
}
