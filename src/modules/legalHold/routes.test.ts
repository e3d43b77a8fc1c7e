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
});
