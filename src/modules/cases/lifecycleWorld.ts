import type { Updateable } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildCase, buildOrg, buildStaff, type CaseOverrides, type OrgFixture } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import type { Db } from '../../db/database.ts';
import type { CasesTable, Role } from '../../db/schema.ts';
import { fixedClock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import type { CaseDeps } from './commands.ts';
import type { CaseEvent, Status } from './lifecycle.ts';
import type { Actor } from './policy.ts';
import { transition } from './transition.ts';

/**
 * The world of the lifecycle tests (lifecycle.test.ts, lifecycleGuards.test.ts): one
 * organization with each role granted where it would be in a real municipality, a case fixture
 * for every status and the column changes each event comes with.
 */

export let tdb: TestDatabase;
export let db: Db;
export let org: OrgFixture;
export let deps: CaseDeps;
export const NOW = new Date('2026-12-22T09:00:00Z');

// The cast: each role granted where it would be in a real municipality. The case fixtures live
// in Solrosens förskola (Barn och utbildning → Förskoleavdelningen → Solrosens förskola).
export let registrar: Actor; // whole organization
export let coordinator: Actor; // Barn och utbildning
export let admin: Actor; // whole organization
export let handler: Actor; // Förskoleavdelningen; the handler the fixtures are assigned to
export let colleague: Actor; // Förskoleavdelningen; a handler, not assigned
export let unitAdmin: Actor; // Barn och utbildning
export let reader: Actor; // Barn och utbildning
export let mergeTarget: string;

export function withLifecycleWorld() {
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
}

export function classified(): CaseOverrides {
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

export const ANSWERED_AT = new Date('2026-12-10T10:00:00Z');
export const CLOSED_AT = new Date('2026-12-12T10:00:00Z');

/** A case as it would look in each status, all in Solrosens förskola. */
export function fixtureFor(status: Status, event?: CaseEvent): CaseOverrides {
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
export function changesFor(event: CaseEvent, actor: Actor, current: CaseOverrides): Updateable<CasesTable> {
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
    case 'spam':
      return { outcome: 'spam', closed_at: NOW };
    case 'merge':
      return { merged_into_id: mergeTarget, closed_at: NOW };
    case 'quick_close':
      return { ...classification, handler_id: actor.id, outcome: 'answered', closed_at: NOW };
  }
}

export const actorFor = (who: Role | 'assigned_handler'): Actor | undefined =>
  ({ registrar, coordinator, admin, handler: colleague, assigned_handler: handler, unit_admin: unitAdmin, reader, archivist: undefined })[who];

export async function errorOf(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected the change to be refused').toBeInstanceOf(DomainError);
  return err as DomainError;
}

export const SENTINEL = new Error('roll back');

export async function run(number: string, event: CaseEvent, actor: Actor, changes: Updateable<CasesTable>, expectedVersion?: number) {
  return db.transaction().execute((tx) => transition(tx, { actor, organizationId: org.id, number, event, changes, expectedVersion, now: NOW, data: { test: true } }));
}
