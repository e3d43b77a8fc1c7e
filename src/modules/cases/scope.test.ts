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
import type { Status } from './lifecycle.ts';
import { countCases, listCases, type CaseFilter } from './listQueries.ts';
import { canSee, type Actor } from './policy.ts';

type Grant = { role: Role; unitId: string | null };

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
    // A case number as typed, in any case, finds that case (words and number are searched apart).
    const one = all.find((c) => visible.has(c.id))!;
    expect(await listAll(a, { q: ` ${one.number.toLowerCase()} ` })).toEqual([one.id]);
    // The unit filter includes the unit's subtree.
    const bou = await listAll(actors.adminOrg!, { unitId: org.unit('Barn och utbildning') });
    const bouIds = new Set(all.filter((c) => c.policy.unitPath.includes(org.unit('Barn och utbildning')) && c.policy.organizationId === org.id).map((c) => c.id));
    expect(new Set(bou)).toEqual(bouIds);
    // For a handler too, own cases in other units included or left out by the unit alone, in both
    // list orders (the handler's own part checks the unit row by row, see applyFilter).
    for (const h of [a, actors.twoHats!]) {
      for (const unit of ['Förskoleavdelningen', 'Solrosens förskola', 'Gata och park', 'Biblioteket']) {
        const expected = all.filter((c) => canSee(h, c.policy) && c.policy.unitPath.includes(org.unit(unit))).map((c) => c.id).sort();
        for (const sort of ['received_asc', 'received_desc'] as const) {
          const r = await listCases(db, h, { filter: { unitId: org.unit(unit) }, sort, today, pageSize: 200, countUpTo: 1000 });
          expect(r.rows.map((x) => x.id).sort(), `${h.name} ${unit} ${sort}`).toEqual(expected);
          expect(r.count).toBe(expected.length);
        }
      }
    }
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
