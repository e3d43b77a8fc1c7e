import type { Updateable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildOrg, buildStaff, snapshot, type CaseOverrides, type OrgFixture } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import type { Db } from '../../db/database.ts';
import type { CasesTable, Role } from '../../db/schema.ts';
import { fixedClock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { quickCase } from '../registration/commands.ts';
import { answerCase, closeCase, registerCase, type CaseDeps } from './commands.ts';
import { EVENTS, findTransition, STATUSES, targetStatus, TRANSITIONS, type CaseEvent, type Status } from './lifecycle.ts';
import type { Actor } from './policy.ts';
import { transition } from './transition.ts';

/**
 * Walks the transition table against a real database: every (status × event) pair, allowed
 * for every role the table names and refused for everything else, through the one
 * transition() function inside a transaction, as the commands call it.
 */

let tdb: TestDatabase;
let db: Db;
let org: OrgFixture;
let deps: CaseDeps;
const NOW = new Date('2026-12-22T09:00:00Z');

// The cast: each role granted where it would be in a real municipality. The case fixtures live
// in Solrosens förskola (Barn och utbildning → Förskoleavdelningen → Solrosens förskola).
let registrar: Actor; // whole organization
let coordinator: Actor; // Barn och utbildning
let admin: Actor; // whole organization
let handler: Actor; // Förskoleavdelningen; the handler the fixtures are assigned to
let colleague: Actor; // Förskoleavdelningen; a handler, not assigned
let unitAdmin: Actor; // Barn och utbildning
let reader: Actor; // Barn och utbildning
let mergeTarget: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  org = await buildOrg(db);
  const bou = org.unit('Barn och utbildning');
  const forskola = org.unit('Förskoleavdelningen');
  registrar = await buildStaff(db, org.id, { name: 'Rebecka Registrator', grants: [{ role: 'registrar', unitId: null }] });
  coordinator = await buildStaff(db, org.id, { name: 'Sara Samordnare', grants: [{ role: 'coordinator', unitId: bou }] });
  admin = await buildStaff(db, org.id, { name: 'Anna Administratör', grants: [{ role: 'admin', unitId: null }] });
  handler = await buildStaff(db, org.id, { name: 'Hanna Handläggare', grants: [{ role: 'handler', unitId: forskola }] });
  colleague = await buildStaff(db, org.id, { name: 'Kalle Kollega', grants: [{ role: 'handler', unitId: forskola }] });
  unitAdmin = await buildStaff(db, org.id, { name: 'Ulla Superanvändare', grants: [{ role: 'unit_admin', unitId: bou }] });
  reader = await buildStaff(db, org.id, { name: 'Lars Läsare', grants: [{ role: 'reader', unitId: bou }] });
  deps = { db, clock: fixedClock(NOW), tokenSecret: Buffer.alloc(32, 7) };
  mergeTarget = (await buildCase(db, { ...classified(), status: 'in_progress', handlerId: handler.id })).id;
});
afterAll(() => tdb.drop());

function classified(): CaseOverrides {
  return {
    organizationId: org.id,
    kind: 'klagomal',
    unitId: org.unit('Solrosens förskola'),
    areaId: org.area(),
    // Barn och utbildning requires a subcategory.
    subcategoryId: org.subcategory('Barn och utbildning', 'Förskola'),
    significance: 'routine',
  };
}

const ANSWERED_AT = new Date('2026-12-10T10:00:00Z');
const CLOSED_AT = new Date('2026-12-12T10:00:00Z');

/** A case as it would look in each status, all in Solrosens förskola. */
function fixtureFor(status: Status, event?: CaseEvent): CaseOverrides {
  const base = { ...classified(), status };
  const withHandler = { ...base, handlerId: handler.id };
  const answered = { ...withHandler, firstAnsweredAt: ANSWERED_AT, answerMessage: true };
  switch (status) {
    case 'received':
      // Not yet classified; staff registering on behalf may already have named the unit.
      return { organizationId: org.id, status, unitId: org.unit('Solrosens förskola') };
    case 'registered':
      return base;
    case 'assigned':
    case 'in_progress':
      // Closing needs the submitter to have been answered; the guard has tests of its own below.
      return event === 'close' ? answered : withHandler;
    case 'waiting':
      // Paused a week ago: resuming moves the answer date on (a 'deadline' event besides 'resume').
      return { ...withHandler, pausedSince: new Date('2026-12-15T09:00:00Z') };
    case 'answered':
      return answered;
    case 'closed':
      return { ...answered, outcome: 'answered', closedAt: CLOSED_AT };
    case 'referred':
      return { ...base, referralType: 'fault_report', closedAt: CLOSED_AT };
    case 'not_handled':
      return { ...base, outcome: 'not_handled', closedAt: CLOSED_AT };
    case 'merged':
      return { ...withHandler, mergedIntoId: mergeTarget, closedAt: CLOSED_AT };
    case 'withdrawn':
      return { ...withHandler, closedAt: CLOSED_AT };
  }
}

/** The column changes each event comes with, as the commands send them. */
function changesFor(event: CaseEvent, actor: Actor, current: CaseOverrides): Updateable<CasesTable> {
  const classification = {
    kind: 'klagomal' as const,
    area_id: org.area(),
    subcategory_id: org.subcategory('Barn och utbildning', 'Förskola'),
    significance: 'routine' as const,
    confidential: false,
    confidentiality_ref: null,
    unit_id: org.unit('Solrosens förskola'),
    registered_at: NOW,
    registered_by: actor.id,
  };
  switch (event) {
    case 'register':
      return classification;
    case 'route':
      return { unit_id: org.unit('Ekbackens förskola'), handler_id: null };
    case 'assign':
      // A case that has a handler is reassigned to the colleague.
      return { handler_id: current.handlerId ? colleague.id : handler.id };
    case 'start':
    case 'withdraw':
      return event === 'withdraw' ? { closed_at: NOW } : {};
    case 'wait':
      return { paused_since: NOW };
    case 'resume':
      return { paused_since: null };
    case 'answer':
      return { first_answered_at: NOW, paused_since: null };
    case 'close':
      return { outcome: 'answered', closed_at: NOW };
    case 'reopen':
      return { closed_at: null, outcome: null };
    case 'refer':
      return { referral_type: 'fault_report', closed_at: NOW };
    case 'reject':
      return { outcome: 'not_handled', closed_at: NOW };
    case 'merge':
      return { merged_into_id: mergeTarget, closed_at: NOW };
    case 'quick_close':
      return { ...classification, handler_id: actor.id, outcome: 'answered', closed_at: NOW };
  }
}

const actorFor = (who: Role | 'assigned_handler'): Actor | undefined =>
  ({ registrar, coordinator, admin, handler: colleague, assigned_handler: handler, unit_admin: unitAdmin, reader })[who];

async function errorOf(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected the change to be refused').toBeInstanceOf(DomainError);
  return err as DomainError;
}

const SENTINEL = new Error('roll back');

async function run(number: string, event: CaseEvent, actor: Actor, changes: Updateable<CasesTable>, expectedVersion?: number) {
  return db.transaction().execute((tx) => transition(tx, { actor, organizationId: org.id, number, event, changes, expectedVersion, now: NOW, data: { test: true } }));
}

/**
 * The lifecycle as DOMAIN.md and issue 3 describe it, written out by hand. The walk below is
 * derived from TRANSITIONS, so this is what catches a row added, dropped or pointed elsewhere.
 */
const EXPECTED_TABLE = `
  received    --register-->    registered
  received    --quick_close--> closed
  received    --refer-->       referred
  received    --reject-->      not_handled
  received    --merge-->       merged
  received    --withdraw-->    withdrawn
  registered  --route-->       registered
  registered  --assign-->      assigned
  registered  --refer-->       referred
  registered  --reject-->      not_handled
  registered  --merge-->       merged
  registered  --withdraw-->    withdrawn
  assigned    --route-->       registered
  assigned    --assign-->      assigned
  assigned    --start-->       in_progress
  assigned    --wait-->        waiting
  assigned    --answer-->      answered
  assigned    --close-->       closed
  assigned    --refer-->       referred
  assigned    --reject-->      not_handled
  assigned    --merge-->       merged
  assigned    --withdraw-->    withdrawn
  in_progress --assign-->      in_progress
  in_progress --wait-->        waiting
  in_progress --answer-->      answered
  in_progress --close-->       closed
  in_progress --merge-->       merged
  in_progress --withdraw-->    withdrawn
  waiting     --assign-->      waiting
  waiting     --resume-->      in_progress
  waiting     --answer-->      answered
  waiting     --merge-->       merged
  waiting     --withdraw-->    withdrawn
  answered    --answer-->      answered
  answered    --close-->       closed
  answered    --reopen-->      in_progress
  answered    --withdraw-->    withdrawn
  closed      --reopen-->      in_progress
`;

describe('the table', () => {
  it('is the lifecycle the domain describes, no more, no less', () => {
    const expected = EXPECTED_TABLE.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' ')).sort();
    const actual = STATUSES.flatMap((s) => EVENTS.flatMap((e) => {
      const t = findTransition(s, e);
      return t ? [`${s} --${e}--> ${targetStatus(t, s)}`] : [];
    })).sort();
    expect(actual).toEqual(expected);
  });
});

// Every allowed (from, event, role) combination in the table.
const allowed = TRANSITIONS.flatMap((t) => t.from.flatMap((from) => t.who.map((who) => ({ t, from, who }))));

describe('every row of the table, for every role it names', () => {
  it('covers every event and every status at least once', () => {
    expect(new Set(allowed.map((a) => a.t.event))).toEqual(new Set(EVENTS));
    // Every status has a way out, except the ones that are final and cannot be reopened.
    const withExit = new Set(allowed.map((a) => a.from));
    expect(STATUSES.filter((s) => !withExit.has(s))).toEqual(['referred', 'not_handled', 'merged', 'withdrawn']);
    // No (status, event) pair is ambiguous: findTransition would silently pick the first row.
    for (const s of STATUSES) for (const e of EVENTS) expect(TRANSITIONS.filter((t) => t.event === e && t.from.includes(s)).length).toBeLessThanOrEqual(1);
  });

  it.each(allowed.map((a) => [a.from, a.t.event, a.who, a] as const))('%s --%s--> as %s', async (from, event, who, { t }) => {
    const fixture = fixtureFor(from, event);
    if (who === 'assigned_handler' && !fixture.handlerId) {
      // A case in this status has no handler yet, so no one can be its handler: nothing to walk.
      expect(['received', 'registered']).toContain(from);
      return;
    }
    const actor = actorFor(who)!;
    const c = await buildCase(db, fixture);
    const before = await snapshot(db, c.id);
    const expected = targetStatus(t, from);

    const result = await db.transaction().execute(async (tx) => {
      const r = await transition(tx, { actor, organizationId: org.id, number: c.number, event, changes: changesFor(event, actor, fixture), expectedVersion: before.row.version, now: NOW, data: { test: true } });
      // Inside the transaction: the new status and its event are there together …
      const inside = await snapshot(tx, c.id);
      expect(inside.row.status).toBe(expected);
      expect(inside.events.length).toBeGreaterThan(before.events.length);
      // … and outside it, before commit, neither is.
      const outside = await snapshot(db, c.id);
      expect(outside.row.status).toBe(from);
      expect(outside.events).toHaveLength(before.events.length);
      return r;
    });

    expect(result.status).toBe(expected);
    const after = await snapshot(db, c.id);
    expect(after.row.status).toBe(expected);
    expect(after.row.version).toBe(before.row.version + 1);
    expect(result.version).toBe(after.row.version);
    const added = after.events.slice(before.events.length);
    // Exactly one status change in the history; besides it only the deadline bookkeeping that
    // transition() does in the same transaction (resume moves the answer date).
    const changes = added.filter((e) => e.to_status !== null);
    expect(changes).toHaveLength(1);
    expect(added.filter((e) => e.to_status === null).map((e) => e.type)).toEqual(event === 'resume' ? ['deadline'] : []);
    expect(changes[0]).toMatchObject({
      type: event,
      from_status: from,
      to_status: expected,
      actor_user_id: actor.id,
      actor_label: actor.name,
      occurred_at: NOW,
      visible_to_submitter: t.visibleToSubmitter,
      data: { test: true },
    });
  });

  it.each(TRANSITIONS.flatMap((t) => t.from.map((from) => [from, t.event] as const)))('%s --%s--> rolls back with the transaction it is in', async (from, event) => {
    const fixture = fixtureFor(from, event);
    const c = await buildCase(db, fixture);
    const before = await snapshot(db, c.id);
    const err = await db
      .transaction()
      .execute(async (tx) => {
        await transition(tx, { actor: admin, organizationId: org.id, number: c.number, event, changes: changesFor(event, admin, fixture), now: NOW });
        throw SENTINEL;
      })
      .catch((e: unknown) => e);
    expect(err).toBe(SENTINEL);
    expect(await snapshot(db, c.id)).toEqual(before);
  });
});

describe('refused', () => {
  const notInTable = STATUSES.flatMap((s) => EVENTS.filter((e) => !findTransition(s, e)).map((e) => [s, e] as const));

  it('leaves pairs to refuse: the table is not "anything goes"', () => {
    expect(notInTable.length).toBeGreaterThan(100);
  });

  it.each(notInTable)('%s --%s--> is not in the table: refused even for an admin, nothing changes', async (from, event) => {
    const fixture = fixtureFor(from, event);
    const c = await buildCase(db, fixture);
    const before = await snapshot(db, c.id);
    const err = await errorOf(run(c.number, event, admin, changesFor(event, admin, fixture), before.row.version));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('Det går inte att göra det');
    expect(await snapshot(db, c.id)).toEqual(before);
  });

  // Everyone who can see the case but is not named in the row's "who".
  const CAST: (Role | 'assigned_handler')[] = ['registrar', 'coordinator', 'admin', 'handler', 'assigned_handler', 'unit_admin', 'reader'];
  const wrongRole = TRANSITIONS.flatMap((t) =>
    t.from.flatMap((from) => CAST.filter((who) => !t.who.includes(who)).map((who) => [from, t.event, who] as const)),
  );

  it.each(wrongRole)('%s --%s--> refused for %s, nothing changes', async (from, event, who) => {
    const fixture = fixtureFor(from, event);
    if (who === 'assigned_handler' && !fixture.handlerId) return;
    const actor = actorFor(who)!;
    // The colleague holds the handler role but is never the assigned handler of a fixture.
    expect(fixture.handlerId ?? null).not.toBe(colleague.id);
    const c = await buildCase(db, fixture);
    const before = await snapshot(db, c.id);
    const err = await errorOf(run(c.number, event, actor, changesFor(event, actor, fixture), before.row.version));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('Du har inte behörighet att göra det här i ärendet.');
    expect(await snapshot(db, c.id)).toEqual(before);
  });

  it('a case the actor may not see answers not found, for every event', async () => {
    const outsider = await buildStaff(db, org.id, { grants: [{ role: 'coordinator', unitId: org.unit('Samhällsbyggnad') }] });
    const c = await buildCase(db, fixtureFor('assigned'));
    const before = await snapshot(db, c.id);
    for (const event of EVENTS) {
      const err = await errorOf(run(c.number, event, outsider, changesFor(event, outsider, fixtureFor('assigned'))));
      expect(err.code).toBe('not_found');
    }
    expect(await snapshot(db, c.id)).toEqual(before);
  });

  it("another organization's case by the same number is not found", async () => {
    const other = await buildOrg(db);
    const otherAdmin = await buildStaff(db, other.id, { grants: [{ role: 'admin', unitId: null }] });
    const c = await buildCase(db, fixtureFor('assigned'));
    const before = await snapshot(db, c.id);
    const err = await errorOf(db.transaction().execute((tx) => transition(tx, { actor: otherAdmin, organizationId: otherAdmin.organizationId, number: c.number, event: 'withdraw', now: NOW })));
    expect(err.code).toBe('not_found');
    // Even when the caller passes the wrong organization with the actor.
    const err2 = await errorOf(db.transaction().execute((tx) => transition(tx, { actor: otherAdmin, organizationId: org.id, number: c.number, event: 'withdraw', now: NOW })));
    expect(err2.code).toBe('not_found');
    expect(await snapshot(db, c.id)).toEqual(before);
  });
});

describe('guards', () => {
  /** Runs one event with changes on a fresh case and expects the guard's reason. */
  async function guardRefuses(fixture: CaseOverrides, event: CaseEvent, actor: Actor, changes: Updateable<CasesTable>, reason: string | RegExp) {
    const c = await buildCase(db, fixture);
    const before = await snapshot(db, c.id);
    const err = await errorOf(run(c.number, event, actor, changes));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(reason);
    expect(await snapshot(db, c.id)).toEqual(before);
  }
  async function passes(fixture: CaseOverrides, event: CaseEvent, actor: Actor, changes: Updateable<CasesTable>) {
    const c = await buildCase(db, fixture);
    const r = await run(c.number, event, actor, changes);
    expect(r.status).toBe(targetStatus(findTransition(c.status, event)!, c.status));
  }

  const received = () => ({ organizationId: org.id, status: 'received' as const });
  const registration = () => changesFor('register', registrar, received());

  it('register needs every classification field', async () => {
    await passes(received(), 'register', registrar, registration());
    await guardRefuses(received(), 'register', registrar, { ...registration(), area_id: null }, 'Välj område.');
    await guardRefuses(received(), 'register', registrar, { ...registration(), significance: null }, 'Ange om ärendet är av vikt för verksamheten eller rutinmässigt.');
    await guardRefuses(received(), 'register', registrar, { ...registration(), unit_id: null }, 'Välj vilken förvaltning eller enhet ärendet ska till.');
  });

  it('quick close needs the classification too, and an outcome', async () => {
    const quick = () => changesFor('quick_close', registrar, received());
    await passes(received(), 'quick_close', registrar, quick());
    await guardRefuses(received(), 'quick_close', registrar, { ...quick(), area_id: null }, 'Välj område.');
    await guardRefuses(received(), 'quick_close', registrar, { ...quick(), outcome: null }, 'Ange ett utfall för att avsluta ärendet.');
    await guardRefuses(received(), 'quick_close', registrar, { ...quick(), subcategory_id: null }, 'Förvaltningen kräver en underkategori.');
  });

  it('a förvaltning that requires a subcategory gets one; one that does not, does not', async () => {
    await guardRefuses(received(), 'register', registrar, { ...registration(), subcategory_id: null }, 'Förvaltningen kräver en underkategori.');
    // Samhällsbyggnad does not require one.
    await passes(received(), 'register', registrar, { ...registration(), unit_id: org.unit('Gata och park'), subcategory_id: null });
    // The requirement follows the unit routed to, not the one the case had before.
    await guardRefuses({ ...received(), unitId: org.unit('Gata och park') }, 'register', registrar, { ...registration(), unit_id: org.unit('Centralskolan'), subcategory_id: null }, 'Förvaltningen kräver en underkategori.');
  });

  it('a confidential case needs its legal reference', async () => {
    await guardRefuses(received(), 'register', registrar, { ...registration(), confidential: true, confidentiality_ref: null }, /Ange lagrum för sekretessen/);
    await guardRefuses(received(), 'register', registrar, { ...registration(), confidential: true, confidentiality_ref: '   ' }, /Ange lagrum för sekretessen/);
    await passes(received(), 'register', registrar, { ...registration(), confidential: true, confidentiality_ref: 'OSL 26 kap. 1 §' });
  });

  it('routing to a unit that does not exist or is inactive is invalid, not a silent success', async () => {
    const inactive = await db
      .insertInto('org_units')
      .values({ organization_id: org.id, parent_id: org.unit('Barn och utbildning'), ancestor_ids: [], kind: 'avdelning', name: 'Nedlagd avdelning', active: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('org_units').set({ ancestor_ids: [org.unit('Barn och utbildning'), inactive.id] }).where('id', '=', inactive.id).execute();
    for (const unitId of [inactive.id, crypto.randomUUID()]) {
      const c = await buildCase(db, received());
      const before = await snapshot(db, c.id);
      const err = await errorOf(run(c.number, 'register', registrar, { ...registration(), unit_id: unitId }));
      expect(err.code).toBe('invalid');
      expect(await snapshot(db, c.id)).toEqual(before);
    }
  });

  it('route needs a unit; assign and reopen need a handler', async () => {
    await guardRefuses(fixtureFor('registered'), 'route', coordinator, { unit_id: null, handler_id: null }, 'Välj förvaltning eller enhet.');
    await guardRefuses(fixtureFor('registered'), 'assign', coordinator, { handler_id: null }, 'Välj en handläggare.');
    await guardRefuses(fixtureFor('in_progress'), 'assign', coordinator, { handler_id: null }, 'Välj en handläggare.');
    await guardRefuses({ ...fixtureFor('closed'), handlerId: null }, 'reopen', coordinator, {}, 'Välj en handläggare.');
  });

  it('close needs an outcome', async () => {
    await guardRefuses(fixtureFor('answered'), 'close', handler, { outcome: null }, 'Ange ett utfall för att avsluta ärendet.');
    await guardRefuses(fixtureFor('answered'), 'close', handler, { outcome: '  ' }, 'Ange ett utfall för att avsluta ärendet.');
  });

  it('close waits for the answer a submitter asked for, and only then', async () => {
    const notAnswered = { ...fixtureFor('in_progress'), firstAnsweredAt: null, answerMessage: false };
    await guardRefuses(notAnswered, 'close', handler, { outcome: 'measure_taken' }, 'Synpunktslämnaren vill ha svar. Svara innan ärendet avslutas.');
    // Answered: by a stored answer message, or by first_answered_at alone (an answer recorded by a quick case).
    await passes({ ...notAnswered, answerMessage: true }, 'close', handler, { outcome: 'measure_taken' });
    await passes({ ...notAnswered, firstAnsweredAt: ANSWERED_AT }, 'close', handler, { outcome: 'measure_taken' });
    // No answer wanted, or no one to answer.
    await passes({ ...notAnswered, contact: { name: 'Bo', email: 'bo@example.se', replyChannel: 'none' } }, 'close', handler, { outcome: 'noted' });
    await passes({ ...notAnswered, contact: null }, 'close', handler, { outcome: 'noted' });
  });

  it('an anonymous submitter cannot be answered or waited for; one who wants no answer cannot be answered', async () => {
    await guardRefuses({ ...fixtureFor('in_progress'), contact: null }, 'answer', handler, {}, 'Synpunktslämnaren är anonym och kan inte kontaktas.');
    await guardRefuses({ ...fixtureFor('in_progress'), contact: null }, 'wait', handler, {}, 'Synpunktslämnaren är anonym och kan inte kontaktas.');
    await guardRefuses({ ...fixtureFor('in_progress'), contact: { name: 'Bo', email: 'bo@example.se', replyChannel: 'none' } }, 'answer', handler, {}, 'Synpunktslämnaren har inte bett om svar.');
  });

  it('merge needs the case to merge into; refer needs where to', async () => {
    await guardRefuses(fixtureFor('in_progress'), 'merge', coordinator, {}, 'Ange vilket ärende det ska slås ihop med.');
    await guardRefuses(fixtureFor('registered'), 'refer', registrar, {}, 'Välj vart ärendet hänvisas.');
    await guardRefuses(fixtureFor('registered'), 'refer', registrar, { referral_type: '' }, 'Välj vart ärendet hänvisas.');
  });
});

describe('commands are all or nothing', () => {
  it('an answer by a channel the submitter gave no address for leaves status, version, events and messages as they were', async () => {
    const c = await buildCase(db, { ...fixtureFor('in_progress'), contact: { name: 'Åsa Öberg', email: 'asa@example.se', replyChannel: 'email' } });
    const before = await snapshot(db, c.id);
    const err = await errorOf(answerCase(deps, { actor: handler, number: c.number, expectedVersion: before.row.version, message: { channel: 'letter', body: 'Hej!' } }));
    expect(err.code).toBe('invalid');
    expect(err.details).toHaveProperty('channel');
    expect(await snapshot(db, c.id)).toEqual(before);
    // By e-mail the same answer goes through: status, event and message together.
    await answerCase(deps, { actor: handler, number: c.number, expectedVersion: before.row.version, message: { channel: 'email', body: 'Hej!' } });
    const after = await snapshot(db, c.id);
    expect(after.row.status).toBe('answered');
    expect(after.events.map((e) => e.type)).toEqual(['received', 'answer']);
    expect(after.messages).toMatchObject([{ purpose: 'answer', channel: 'email', recipient: 'asa@example.se', status: 'queued' }]);
    // The send job committed with the message (and the refused attempt above left none).
    expect(after.jobs).toEqual([{ task_identifier: 'send_message', key: `send_message:${after.messages[0]!.id}` }]);
  });

  it('closing with measures writes the close and the measure together, or neither', async () => {
    const c = await buildCase(db, { ...fixtureFor('in_progress'), firstAnsweredAt: null });
    const before = await snapshot(db, c.id);
    const err = await errorOf(closeCase(deps, { actor: handler, number: c.number, outcome: 'measure_taken', measures: 'Lampan byttes.' }));
    expect(err.message).toMatch(/vill ha svar/);
    expect(await snapshot(db, c.id)).toEqual(before);
  });

  it('a refused registration changes nothing, also when the categories check passes', async () => {
    const c = await buildCase(db, { organizationId: org.id });
    const before = await snapshot(db, c.id);
    const classification = { kind: 'klagomal' as const, areaId: org.area(), subcategoryId: null, significance: 'routine' as const, confidential: false, confidentialityRef: null, unitId: org.unit('Solrosens förskola') };
    const err = await errorOf(registerCase(deps, { actor: registrar, number: c.number, classification }));
    expect(err.message).toBe('Förvaltningen kräver en underkategori.');
    // A subcategory of another förvaltning is refused before the table is asked.
    const err2 = await errorOf(registerCase(deps, { actor: registrar, number: c.number, classification: { ...classification, subcategoryId: org.subcategory('Samhällsbyggnad') } }));
    expect(err2.code).toBe('invalid');
    expect(await snapshot(db, c.id)).toEqual(before);
  });

  it('a quick case the transition refuses leaves no case, contact or event behind', async () => {
    const count = async () => Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', org.id).executeTakeFirstOrThrow()).n);
    const n = await count();
    // A handler in Förskoleavdelningen quick-closing a case for Gata och park: outside their units.
    const err = await errorOf(
      quickCase(deps, handler, {
        kind: 'fraga',
        description: 'Hur söker jag bygglov?',
        channel: 'phone',
        receivedAt: NOW,
        confirmedWithSubmitter: true,
        contact: { name: 'Bo', email: null, phone: '070-123 45 67', address: null, replyChannel: 'phone' },
        classification: { kind: 'fraga', areaId: org.area(), subcategoryId: null, significance: 'routine', confidential: false, confidentialityRef: null, unitId: org.unit('Gata och park') },
        outcome: 'answered',
      }),
    );
    expect(['not_found', 'conflict']).toContain(err.code);
    expect(await count()).toBe(n);
  });
});
