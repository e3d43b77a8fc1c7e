import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.ts';
import { EVENTS, findTransition, STATUSES, TRANSITIONS, type CaseEvent, type Status } from './lifecycle.ts';
import { can, canSee, coversWholeOrganization, type Actor, type CaseAction, type PolicyCase } from './policy.ts';

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

/** Events that the matrix checks through another column they must always agree with. */
const SAME_AS: Partial<Record<CaseEvent, CaseEvent>> = { spam: 'reject' };

// Keep the event columns of the matrix in step with the table.
it('the matrix has a column for every event in the table', () => {
  expect([...ACTIONS.filter((a) => (EVENTS as readonly string[]).includes(a)), ...(Object.keys(SAME_AS) as CaseEvent[])].sort()).toEqual([...EVENTS].sort() as CaseEvent[]);
});

// Marking as spam is open to exactly those who may close a case as not handled, from the same statuses.
it('spam is allowed exactly where rejecting is, for every person, case and status', () => {
  for (const [event, twin] of Object.entries(SAME_AS) as [CaseEvent, CaseEvent][]) {
    for (const grants of Object.values(ACTORS)) {
      for (const s of [INSIDE, OUTSIDE, CONFIDENTIAL, MINE, MINE_CONFIDENTIAL, MINE_OUTSIDE, UNROUTED, OTHER_ORG]) {
        for (const status of STATUSES) {
          const c = policyCaseFor(s, status);
          expect(can(actor(grants), event, c), `${s.name} ${status}`).toBe(can(actor(grants), twin, c));
        }
      }
    }
  }
});

describe('coversWholeOrganization', () => {
  const actor = (grants: Actor['grants']): Actor => ({ kind: 'user', id: 'u', name: 'X', organizationId: 'o', grants });
  it('is a grant without a unit, of a named role when roles are named', () => {
    const reader = actor([{ role: 'reader', unitId: null }, { role: 'registrar', unitId: 'unit-1' }]);
    expect(coversWholeOrganization(reader)).toBe(true);
    expect(coversWholeOrganization(reader, 'registrar')).toBe(false);
    expect(coversWholeOrganization(reader, 'reader', 'admin')).toBe(true);
    expect(coversWholeOrganization(actor([{ role: 'admin', unitId: 'unit-1' }]))).toBe(false);
    expect(coversWholeOrganization(actor([]))).toBe(false);
  });
});
