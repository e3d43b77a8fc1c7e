import type { Updateable } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildCase, snapshot, type CaseOverrides } from '../../../test/factories.ts';
import type { CasesTable } from '../../db/schema.ts';
import { quickCase } from '../registration/commands.ts';
import { answerCase, closeCase, registerCase } from './commands.ts';
import { findTransition, targetStatus, type CaseEvent } from './lifecycle.ts';
import type { Actor } from './policy.ts';
import { db, org, deps, NOW, registrar, coordinator, handler, ANSWERED_AT, fixtureFor, changesFor, errorOf, run, withLifecycleWorld } from './lifecycleWorld.ts';

/** The guards of the transition table, and commands that change nothing when they fail. */

withLifecycleWorld();

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
