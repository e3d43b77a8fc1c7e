import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestApp, type TestContext } from '../../../test/app.ts';
import { caseRow, DEMO, registerTo, submitCase } from '../../../test/staffCases.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

describe('/handlaggning/arenden/:number/bevarandestopp', () => {
  it('someone who sees the case but may not place a hold finds no such page, whether they open it or post to it', async () => {
    const { number } = await submitCase(t);
    await registerTo(t, number, 'Gata och park');
    const handler = await signedIn(t.app, DEMO.handlerGata);
    expect((await handler.get(`/handlaggning/arenden/${number}`)).statusCode).toBe(200);
    expect((await handler.get(`/handlaggning/arenden/${number}/bevarandestopp`)).statusCode).toBe(404);
    const from = { csrfFrom: `/handlaggning/arenden/${number}` };
    expect((await handler.post(`/handlaggning/arenden/${number}/bevarandestopp`, { reason: 'Begärt av revisionen.' }, from)).statusCode).toBe(404);
    expect((await handler.post(`/handlaggning/arenden/${number}/bevarandestopp/hav`, {}, from)).statusCode).toBe(404);
    expect((await caseRow(t, number)).legal_hold).toBe(false);

    // The registrar may: the hold is placed.
    const registrar = await signedIn(t.app, DEMO.registrar);
    const placed = await registrar.post(`/handlaggning/arenden/${number}/bevarandestopp`, { reason: 'Begärt av revisionen.' }, { csrfFrom: `/handlaggning/arenden/${number}/bevarandestopp` });
    expect([placed.statusCode, placed.headers.location]).toEqual([303, `/handlaggning/arenden/${number}?klart=bevarandestopp`]);
    expect((await handler.post(`/handlaggning/arenden/${number}/bevarandestopp/hav`, {}, from)).statusCode).toBe(404);
    expect((await caseRow(t, number)).legal_hold).toBe(true);
  });

  it('lifts a hold only with a reason, kept with the hold and in the history, with the same error pattern as placing', async () => {
    const { number } = await submitCase(t);
    const registrar = await signedIn(t.app, DEMO.registrar);
    const holdPage = `/handlaggning/arenden/${number}/bevarandestopp`;
    expect((await registrar.post(holdPage, { reason: 'Anmält till JO, dnr 55-2026' }, { csrfFrom: holdPage })).statusCode).toBe(303);

    const form = await registrar.get(holdPage);
    expect(form.body).toContain('Skäl till att stoppet hävs');
    for (const reason of ['', '   ']) {
      const refused = await registrar.post(`${holdPage}/hav`, { reason }, { csrfFrom: holdPage });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toMatch(/<title>Fel: /);
      expect(refused.body).toContain('href="#reason"');
      expect(refused.body).toContain('Skriv varför ärendet får gallras igen');
    }
    const tooLong = await registrar.post(`${holdPage}/hav`, { reason: 'x'.repeat(1001) }, { csrfFrom: holdPage });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('x'.repeat(1001));
    expect((await caseRow(t, number)).legal_hold).toBe(true);

    const lifted = await registrar.post(`${holdPage}/hav`, { reason: 'JO avslutade ärendet, dnr 55-2026' }, { csrfFrom: holdPage });
    expect([lifted.statusCode, lifted.headers.location]).toEqual([303, `/handlaggning/arenden/${number}?klart=bevarandestopp-havt`]);
    const c = await caseRow(t, number);
    expect(c.legal_hold).toBe(false);
    expect(await t.db.selectFrom('legal_holds').select(['reason', 'lift_reason', 'lifted_by_label']).where('case_id', '=', c.id).execute()).toEqual([
      { reason: 'Anmält till JO, dnr 55-2026', lift_reason: 'JO avslutade ärendet, dnr 55-2026', lifted_by_label: expect.any(String) },
    ]);
    const event = await t.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('type', '=', 'legal_hold_lifted').executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ reason: 'JO avslutade ärendet, dnr 55-2026' });
    expect((await registrar.get(`/handlaggning/arenden/${number}`)).body).toContain('JO avslutade ärendet, dnr 55-2026');
  });
});
