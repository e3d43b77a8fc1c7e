import { describe, expect, it } from 'vitest';
import { buildCase, buildOrg, buildStaff, snapshot } from '../../../test/factories.ts';
import type { Role } from '../../db/schema.ts';
import { EVENTS, findTransition, STATUSES, targetStatus, TRANSITIONS } from './lifecycle.ts';
import { transition } from './transition.ts';
import { db, org, NOW, admin, colleague, fixtureFor, changesFor, actorFor, errorOf, SENTINEL, run, withLifecycleWorld } from './lifecycleWorld.ts';

/**
 * Walks the transition table against a real database: every (status × event) pair, allowed
 * for every role the table names and refused for everything else, through the one
 * transition() function inside a transaction, as the commands call it.
 */

withLifecycleWorld();

/**
 * The lifecycle as DOMAIN.md and issue 3 describe it, written out by hand. The walk below is
 * derived from TRANSITIONS, so this is what catches a row added, dropped or pointed elsewhere.
 */
const EXPECTED_TABLE = `
  received    --register-->    registered
  received    --quick_close--> closed
  received    --refer-->       referred
  received    --reject-->      not_handled
  received    --spam-->        not_handled
  received    --merge-->       merged
  received    --withdraw-->    withdrawn
  registered  --route-->       registered
  registered  --assign-->      assigned
  registered  --refer-->       referred
  registered  --reject-->      not_handled
  registered  --spam-->        not_handled
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
  assigned    --spam-->        not_handled
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
