import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildOrg, buildStaff, policyCases, type OrgFixture } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { fixedClock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import type { CaseDeps } from './commands.ts';
import { linkCases, mergeCase } from './linking.ts';
import { loadCaseDetail } from './detailQueries.ts';
import { EVENTS, findTransition, STATUSES, TRANSITIONS, type CaseEvent, type Status } from './lifecycle.ts';
import { countCases, listCases, type CaseFilter } from './listQueries.ts';
import { can, canSee, type Actor, type CaseAction, type PolicyCase } from './policy.ts';

/*
 * The access rules at a glance, as pure unit tests of can(actor, action, case).
 *
 * The organization: two förvaltningar, F1 (with avdelning A1 and its enhet E1) and F2.
 * Grants reach the unit they are given on and its whole subtree; "org" = the whole organization.
 *
 * Columns: the actions. For each event the case is put in every status the table allows the event
 * from, and the answer must be the same in all of them: who may do something does not depend on
 * where the case comes from. (Statuses the table does not allow are refused for everyone; tested
 * at the end.)
 *
 *   x = allowed   . = refused
 */
const ACTIONS: readonly CaseAction[] = ['view', 'view_contact', 'note', 'link', 'edit', 'register', 'route', 'assign', 'start', 'wait', 'resume', 'answer', 'close', 'reopen', 'refer', 'reject', 'merge', 'withdraw', 'quick_close'];

const ORG = 'org-1';
const F1 = 'f1';
const A1 = 'a1';
const E1 = 'e1';
const F2 = 'f2';
const A2 = 'a2';
const ME = 'user-me';
const SOMEONE_ELSE = 'user-other';

type Grant = { role: Role; unitId: string | null };
const actor = (grants: Grant[], over: Partial<Actor> = {}): Actor => ({ kind: 'user', id: ME, name: 'Testperson', organizationId: ORG, grants, ...over });

/** The case in each scenario; status is set per action. */
interface Scenario {
  name: string;
  unitPath: string[];
  confidential: boolean;
  /** The actor is the case's handler. */
  assignedToMe: boolean;
  organizationId?: string;
}

const INSIDE: Scenario = { name: 'in E1 (inside F1)', unitPath: [F1, A1, E1], confidential: false, assignedToMe: false };
const OUTSIDE: Scenario = { name: 'in F2 (outside F1)', unitPath: [F2, A2], confidential: false, assignedToMe: false };
const CONFIDENTIAL: Scenario = { ...INSIDE, name: 'in E1, confidential', confidential: true };
const MINE: Scenario = { ...INSIDE, name: 'in E1, assigned to me', assignedToMe: true };
const MINE_CONFIDENTIAL: Scenario = { ...INSIDE, name: 'in E1, confidential, assigned to me', confidential: true, assignedToMe: true };
const MINE_OUTSIDE: Scenario = { ...OUTSIDE, name: 'in F2, assigned to me (outside my units)', assignedToMe: true };
const UNROUTED: Scenario = { name: 'not routed yet (no unit)', unitPath: [], confidential: false, assignedToMe: false };
const OTHER_ORG: Scenario = { ...INSIDE, name: "another organization's", organizationId: 'org-2' };

const ACTORS: Record<string, Grant[]> = {
  'registrar (org)': [{ role: 'registrar', unitId: null }],
  'registrar (F1)': [{ role: 'registrar', unitId: F1 }],
  'coordinator (F1)': [{ role: 'coordinator', unitId: F1 }],
  'coordinator (org)': [{ role: 'coordinator', unitId: null }],
  'handler (A1)': [{ role: 'handler', unitId: A1 }],
  'handler (E1)': [{ role: 'handler', unitId: E1 }],
  'unit_admin (F1)': [{ role: 'unit_admin', unitId: F1 }],
  'reader (F1)': [{ role: 'reader', unitId: F1 }],
  'reader (org)': [{ role: 'reader', unitId: null }],
  'admin (org)': [{ role: 'admin', unitId: null }],
  'admin (F1)': [{ role: 'admin', unitId: F1 }],
  'handler (A1) + coordinator (F2)': [
    { role: 'handler', unitId: A1 },
    { role: 'coordinator', unitId: F2 },
  ],
};

//                                          view      note      register  assign    wait      answer    reopen    reject    withdraw
//                                          | contact | link    | route   | start   | resume  | close   | refer   | merge   | quick_close
//                                          v v       v v edit  v v       v v       v v       v v       v v       v v       v v
const NONE = '                              . .       . . .     . .       . .       . .       . .       . .       . .       . .';

const EXPECTED: { scenario: Scenario; rows: Record<string, string> }[] = [
  {
    scenario: INSIDE,
    rows: {
      'registrar (org)':                 'x x       x x x     x x       x .       . .       . .       . x       x x       x x',
      'registrar (F1)':                  'x x       x x x     x x       x .       . .       . .       . x       x x       x x',
      'coordinator (F1)':                'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
      'coordinator (org)':               'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
      'handler (A1)':                    'x x       x x .     . .       . .       . .       . .       . .       . .       . x',
      'handler (E1)':                    'x x       x x .     . .       . .       . .       . .       . .       . .       . x',
      'unit_admin (F1)':                 'x .       . . .     . .       . .       . .       . .       . .       . .       . .',
      'reader (F1)':                     'x .       . . .     . .       . .       . .       . .       . .       . .       . .',
      'reader (org)':                    'x .       . . .     . .       . .       . .       . .       . .       . .       . .',
      'admin (org)':                     'x x       x x x     x x       x x       x x       x x       x x       x x       x x',
      'admin (F1)':                      'x x       x x x     x x       x x       x x       x x       x x       x x       x x',
      'handler (A1) + coordinator (F2)': 'x x       x x .     . .       . .       . .       . .       . .       . .       . x',
    },
  },
  {
    // Grants on F1 reach nothing in F2; org-wide grants reach everything.
    scenario: OUTSIDE,
    rows: {
      'registrar (org)':                 'x x       x x x     x x       x .       . .       . .       . x       x x       x x',
      'registrar (F1)':                  NONE,
      'coordinator (F1)':                NONE,
      'coordinator (org)':               'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
      'handler (A1)':                    NONE,
      'handler (E1)':                    NONE,
      'unit_admin (F1)':                 NONE,
      'reader (F1)':                     NONE,
      'reader (org)':                    'x .       . . .     . .       . .       . .       . .       . .       . .       . .',
      'admin (org)':                     'x x       x x x     x x       x x       x x       x x       x x       x x       x x',
      'admin (F1)':                      NONE,
      'handler (A1) + coordinator (F2)': 'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
    },
  },
  {
    // Confidential: only registrar, coordinator and admin in their units (and the case's own handler).
    scenario: CONFIDENTIAL,
    rows: {
      'registrar (org)':                 'x x       x x x     x x       x .       . .       . .       . x       x x       x x',
      'registrar (F1)':                  'x x       x x x     x x       x .       . .       . .       . x       x x       x x',
      'coordinator (F1)':                'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
      'coordinator (org)':               'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
      'handler (A1)':                    NONE,
      'handler (E1)':                    NONE,
      'unit_admin (F1)':                 NONE,
      'reader (F1)':                     NONE,
      'reader (org)':                    NONE,
      'admin (org)':                     'x x       x x x     x x       x x       x x       x x       x x       x x       x x',
      'admin (F1)':                      'x x       x x x     x x       x x       x x       x x       x x       x x       x x',
      'handler (A1) + coordinator (F2)': NONE,
    },
  },
  {
    // The handler the case is assigned to works it: edit, start … close, merge, withdraw, and sees
    // the contact to answer. That holds whatever else they are (a reader here, say, after their
    // grants changed): being the case's handler is what gives the rights.
    scenario: MINE,
    rows: {
      'handler (A1)':                    'x x       x x x     . .       . x       x x       x x       x .       . x       x x',
      'handler (E1)':                    'x x       x x x     . .       . x       x x       x x       x .       . x       x x',
      'reader (F1)':                     'x x       x x x     . .       . x       x x       x x       x .       . x       x .',
      'unit_admin (F1)':                 'x x       x x x     . .       . x       x x       x x       x .       . x       x .',
      'coordinator (F1)':                'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
    },
  },
  {
    scenario: MINE_CONFIDENTIAL,
    rows: {
      'handler (A1)':                    'x x       x x x     . .       . x       x x       x x       x .       . x       x x',
      'reader (F1)':                     'x x       x x x     . .       . x       x x       x x       x .       . x       x .',
    },
  },
  {
    // Assigned to a case outside their units (moved since, or grants changed): they still work it,
    // and see the contact to answer it, but get no other rights there.
    scenario: MINE_OUTSIDE,
    rows: {
      'handler (A1)':                    'x x       x x x     . .       . x       x x       x x       x .       . x       x .',
      'registrar (F1)':                  'x x       x x x     . .       . x       x x       x x       x .       . x       x .',
    },
  },
  {
    // Not routed yet: in the registrar's inbox, reached only by grants on the whole organization.
    scenario: UNROUTED,
    rows: {
      'registrar (org)':                 'x x       x x x     x x       x .       . .       . .       . x       x x       x x',
      'registrar (F1)':                  NONE,
      'coordinator (F1)':                NONE,
      'coordinator (org)':               'x x       x x x     . x       x x       x x       x x       x x       x x       x x',
      'handler (A1)':                    NONE,
      'reader (org)':                    'x .       . . .     . .       . .       . .       . .       . .       . .       . .',
      'admin (org)':                     'x x       x x x     x x       x x       x x       x x       x x       x x       x x',
    },
  },
  {
    scenario: OTHER_ORG,
    rows: Object.fromEntries(Object.keys(ACTORS).map((k) => [k, NONE])),
  },
];

function parse(row: string): boolean[] {
  const marks = row.trim().split(/\s+/);
  if (marks.length !== ACTIONS.length || marks.some((m) => m !== 'x' && m !== '.')) throw new Error(`Bad row "${row}"`);
  return marks.map((m) => m === 'x');
}

/** A status the action can happen from; for a non-event any status will do. */
const statusesFor = (action: CaseAction): Status[] =>
  (EVENTS as readonly string[]).includes(action) ? TRANSITIONS.filter((t) => t.event === action).flatMap((t) => [...t.from]) : ['in_progress'];

function policyCaseFor(s: Scenario, status: Status): PolicyCase {
  return { organizationId: s.organizationId ?? ORG, status, unitPath: s.unitPath, handlerId: s.assignedToMe ? ME : SOMEONE_ELSE, confidential: s.confidential };
}

describe.each(EXPECTED)('a case $scenario.name', ({ scenario, rows }) => {
  it.each(Object.entries(rows))('%s', (actorName, row) => {
    const who = actor(ACTORS[actorName]!);
    const expected = parse(row);
    const got = ACTIONS.map((action) => {
      const answers = statusesFor(action).map((status) => can(who, action, policyCaseFor(scenario, status)));
      // Same answer from every status the action is possible from.
      expect(new Set(answers).size, `${action} depends on the status`).toBe(1);
      return answers[0]!;
    });
    const show = (marks: boolean[]) => ACTIONS.map((a, i) => `${marks[i] ? 'x' : '.'} ${a}`).join('\n');
    expect(show(got)).toBe(show(expected));
    // canSee is exactly "view".
    expect(canSee(who, policyCaseFor(scenario, 'in_progress'))).toBe(expected[0]);
  });
});

describe('the rules behind the matrix', () => {
  it('every action is refused on a case the actor may not see', () => {
    for (const [name, grants] of Object.entries(ACTORS)) {
      for (const s of [OUTSIDE, CONFIDENTIAL, UNROUTED, OTHER_ORG]) {
        for (const status of STATUSES) {
          const c = policyCaseFor(s, status);
          if (canSee(actor(grants), c)) continue;
          for (const action of ACTIONS) expect(can(actor(grants), action, c), `${name} ${action} ${s.name}`).toBe(false);
        }
      }
    }
  });

  it('an event the table does not allow from a status is refused for everyone, even an admin on their own case', () => {
    const everyone = actor([{ role: 'admin', unitId: null }, { role: 'registrar', unitId: null }, { role: 'coordinator', unitId: null }, { role: 'handler', unitId: null }]);
    for (const status of STATUSES) {
      for (const event of EVENTS) {
        const c = policyCaseFor(MINE, status);
        expect(can(everyone, event, c), `${status} ${event}`).toBe(findTransition(status, event) !== undefined);
      }
    }
  });

  it('readers and unit admins never see personal data, whatever their grants', () => {
    for (const role of ['reader', 'unit_admin'] as const) {
      for (const s of [INSIDE, OUTSIDE, UNROUTED, CONFIDENTIAL]) {
        expect(can(actor([{ role, unitId: null }]), 'view_contact', policyCaseFor(s, 'in_progress'))).toBe(false);
      }
    }
  });

  it('an API key is never a case’s own handler, even if its id matched one', () => {
    const key = actor([{ role: 'handler', unitId: F2 }], { kind: 'api_key', id: ME });
    expect(canSee(key, policyCaseFor(MINE, 'in_progress'))).toBe(false);
    expect(can(key, 'close', policyCaseFor(MINE, 'answered'))).toBe(false);
  });
});

/*
 * SQL parity: listCases (scopeToActor) must return exactly the cases canSee() allows, no more,
 * no fewer, for a spread of cases and actors in a real database with two organizations.
 */
describe('the SQL scope and canSee() agree', () => {
  let tdb: TestDatabase;
  let db: Db;
  let org: OrgFixture;
  let other: OrgFixture;
  let actors: Record<string, Actor>;
  const today = '2026-12-22';

  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = tdb.db;
    org = await buildOrg(db);
    other = await buildOrg(db);
    const u = org.unit;
    const staff = (name: string, grants: Grant[], o = org) => buildStaff(db, o.id, { name, grants });
    actors = {
      registrarOrg: await staff('Registrator', [{ role: 'registrar', unitId: null }]),
      coordinatorBou: await staff('Samordnare BoU', [{ role: 'coordinator', unitId: u('Barn och utbildning') }]),
      coordinatorSbf: await staff('Samordnare SBF', [{ role: 'coordinator', unitId: u('Samhällsbyggnad') }]),
      handlerForskola: await staff('Handläggare förskola', [{ role: 'handler', unitId: u('Förskoleavdelningen') }]),
      handlerSolros: await staff('Handläggare Solrosen', [{ role: 'handler', unitId: u('Solrosens förskola') }]),
      handlerGata: await staff('Handläggare gata', [{ role: 'handler', unitId: u('Gata och park') }]),
      twoHats: await staff('Två roller', [{ role: 'handler', unitId: u('Gata och park') }, { role: 'registrar', unitId: u('Barn och utbildning') }]),
      unitAdminBou: await staff('Superanvändare', [{ role: 'unit_admin', unitId: u('Barn och utbildning') }]),
      readerOrg: await staff('Läsare', [{ role: 'reader', unitId: null }]),
      readerVoo: await staff('Läsare VoO', [{ role: 'reader', unitId: u('Vård och omsorg') }]),
      adminOrg: await staff('Admin', [{ role: 'admin', unitId: null }]),
      noGrants: await staff('Utan roller', []),
      otherAdmin: await staff('Annan admin', [{ role: 'admin', unitId: null }], other),
    };
    // An API key as an actor: its id is a key's, never a handler's.
    actors.apiKeyHandler = { kind: 'api_key', id: crypto.randomUUID(), name: 'Integration', organizationId: org.id, grants: [{ role: 'handler', unitId: u('Förskoleavdelningen') }] };

    const handlers = [null, actors.handlerForskola!.id, actors.handlerSolros!.id, actors.handlerGata!.id, actors.twoHats!.id, actors.coordinatorBou!.id];
    const units = [null, 'Barn och utbildning', 'Förskoleavdelningen', 'Solrosens förskola', 'Centralskolan', 'Gata och park', 'Samhällsbyggnad', 'Hemtjänst norr', 'Biblioteket'];
    const statuses: Status[] = ['received', 'registered', 'assigned', 'in_progress', 'closed', 'merged'];
    let i = 0;
    // Every unit × handler × confidential, cycling through statuses and kinds.
    for (const unit of units) {
      for (const handlerId of handlers) {
        for (const confidential of [false, true]) {
          const n = i++;
          await buildCase(db, {
            organizationId: org.id,
            status: statuses[n % statuses.length],
            kind: (['klagomal', 'fraga', 'berom', 'forslag'] as const)[n % 4],
            unitId: unit ? u(unit) : null,
            handlerId,
            confidential,
            confidentialityRef: confidential ? 'OSL 26 kap. 1 §' : null,
            description: n % 3 === 0 ? 'Snön är inte skottad vid förskolorna' : 'Biblioteket har för korta öppettider',
          });
        }
      }
    }
    // The other organization: same numbers, same unit names.
    for (let k = 0; k < 20; k++) {
      await buildCase(db, { organizationId: other.id, status: 'assigned', unitId: other.unit(k % 2 ? 'Solrosens förskola' : 'Gata och park'), confidential: k % 3 === 0 });
    }
  });
  afterAll(() => tdb.drop());

  async function listAll(a: Actor, filter: CaseFilter = {}) {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const r = await listCases(db, a, { filter, today, page, pageSize: 37 });
      ids.push(...r.rows.map((x) => x.id));
      if (!r.hasMore) break;
    }
    return ids;
  }

  it('has cases both visible and not for every actor but the admin and the other organization', async () => {
    expect((await policyCases(db)).length).toBe(9 * 6 * 2 + 20);
  });

  it.each(['registrarOrg', 'coordinatorBou', 'coordinatorSbf', 'handlerForskola', 'handlerSolros', 'handlerGata', 'twoHats', 'unitAdminBou', 'readerOrg', 'readerVoo', 'adminOrg', 'noGrants', 'otherAdmin', 'apiKeyHandler'])(
    '%s: listCases and countCases return exactly the cases canSee() allows',
    async (name) => {
      const a = actors[name]!;
      const all = await policyCases(db);
      const visible = all.filter((c) => canSee(a, c.policy)).map((c) => c.id).sort();
      const listed = await listAll(a);
      expect(listed.length, 'no duplicates across pages').toBe(new Set(listed).size);
      expect([...listed].sort()).toEqual(visible);
      expect(await countCases(db, a, {}, today)).toBe(visible.length);
      // Never another organization's rows.
      const orgs = new Set(all.filter((c) => listed.includes(c.id)).map((c) => c.policy.organizationId));
      expect([...orgs].every((o) => o === a.organizationId)).toBe(true);
      // The case page agrees, number by number, and never crosses organizations.
      for (const c of all.filter((x) => x.policy.organizationId === a.organizationId)) {
        const detail = await loadCaseDetail(db, a, c.number);
        expect(detail?.case.id, `${name} ${c.number}`).toBe(canSee(a, c.policy) ? c.id : undefined);
      }
    },
  );

  it('filters narrow the scope, never widen it', async () => {
    const a = actors.handlerForskola!;
    const all = await policyCases(db);
    const visible = new Set(all.filter((c) => canSee(a, c.policy)).map((c) => c.id));
    const filters: CaseFilter[] = [
      { status: ['assigned', 'in_progress'] },
      { open: true },
      { kind: ['klagomal'] },
      { unitId: org.unit('Samhällsbyggnad') },
      { unitId: org.unit('Barn och utbildning') },
      { handlerId: actors.handlerGata!.id },
      { unassigned: true },
      { q: 'snön förskolor' },
      { q: 'bibliotek' },
    ];
    for (const f of filters) {
      const ids = await listAll(a, f);
      expect(ids.every((id) => visible.has(id)), JSON.stringify(f)).toBe(true);
      expect(await countCases(db, a, f, today)).toBe(ids.length);
    }
    // Swedish stemming: "förskola" finds "förskolorna", "skotta" finds "skottad".
    // Every third of the 9 × 6 × 2 cases is about the snow.
    expect((await listAll(actors.adminOrg!, { q: 'förskola' })).length).toBe(36);
    expect((await listAll(actors.adminOrg!, { q: 'skotta' })).length).toBe(36);
    // The unit filter includes the unit's subtree.
    const bou = await listAll(actors.adminOrg!, { unitId: org.unit('Barn och utbildning') });
    const bouIds = new Set(all.filter((c) => c.policy.unitPath.includes(org.unit('Barn och utbildning')) && c.policy.organizationId === org.id).map((c) => c.id));
    expect(new Set(bou)).toEqual(bouIds);
  });

  it('merge and link do not reach a case the actor may not see', async () => {
    const deps: CaseDeps = { db, clock: fixedClock('2026-12-22T09:00:00Z'), tokenSecret: Buffer.alloc(32) };
    const a = actors.handlerForskola!;
    const mine = await buildCase(db, { organizationId: org.id, status: 'in_progress', unitId: org.unit('Solrosens förskola'), handlerId: a.id });
    const hidden = await buildCase(db, { organizationId: org.id, status: 'in_progress', unitId: org.unit('Solrosens förskola'), confidential: true, confidentialityRef: 'OSL 26 kap. 1 §' });
    const elsewhere = await buildCase(db, { organizationId: org.id, status: 'in_progress', unitId: org.unit('Gata och park') });
    for (const target of [hidden, elsewhere]) {
      for (const attempt of [() => mergeCase(deps, { actor: a, number: mine.number, intoNumber: target.number }), () => linkCases(deps, { actor: a, number: mine.number, otherNumber: target.number })]) {
        const err = await attempt().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).message).toMatch(/finns inte/);
      }
    }
    const events = await db.selectFrom('case_events').select('type').where('case_id', 'in', [hidden.id, elsewhere.id]).execute();
    expect(events.map((e) => e.type)).toEqual(['received', 'received']);
  });
});

// Keep the event columns of the matrix in step with the table.
it('the matrix has a column for every event in the table', () => {
  expect(ACTIONS.filter((a) => (EVENTS as readonly string[]).includes(a)).sort()).toEqual([...EVENTS].sort() as CaseEvent[]);
});
