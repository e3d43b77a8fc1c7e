import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { buildCase, type BuiltCase } from '../../../test/factories.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { hashStatusToken } from '../cases/statusToken.ts';
import { processRun } from './disposal.ts';

/** What is left to see of a disposed case: for the submitter's status link, and for staff. */

let t: TestContext;
let disposed: BuiltCase;
const token = randomBytes(32).toString('base64url');
const TEXT = 'Grannens-hund-Kjellberg skäller hela natten.';

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2029-03-01T08:00:00Z' });
  const unitId = (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', 'Gata och park').executeTakeFirstOrThrow()).id;
  disposed = await buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date('2026-11-20T10:00:00Z'), closedAt: new Date('2026-12-10T10:00:00Z'), significance: 'routine', unitId, outcome: 'answered', description: TEXT });
  await t.db.updateTable('cases').set({ status_token_hash: hashStatusToken(token) }).where('id', '=', disposed.id).execute();
  expect((await t.app.inject(`/arende/${token}`)).statusCode).toBe(200);
  const archivist = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
  expect((await archivist.post('/admin/arkiv/gallring', { decision: 'KS 2029/17' }, { csrfFrom: '/admin/arkiv/gallring' })).statusCode).toBe(303);
  const run = await t.db.selectFrom('disposal_runs').select('id').executeTakeFirstOrThrow();
  await processRun(t.db, run.id, { now: () => t.clock.now() });
});
afterAll(() => t.close());

describe('a disposed case', () => {
  it('answers its status link with 410: the case was disposed of under the retention rules, and nothing of it', async () => {
    const res = await t.app.inject(`/arende/${token}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('Ärendet är gallrat');
    expect(res.body).toContain('Länken är rätt, men ärendet har tagits bort (gallrats)');
    expect(res.body).not.toContain('Kontrollera att adressen');
    for (const content of [disposed.number, 'Kjellberg', 'KS 2029/17']) expect(res.body).not.toContain(content);
    // In the reader's language too; the submitter's reply form says the same.
    const en = await t.app.inject({ url: `/arende/${token}`, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(410);
    expect(en.body).toContain('The link is correct, but the case has been deleted');
    expect((await t.app.inject({ method: 'POST', url: `/arende/${token}/svar`, payload: { text: 'Hallå?' } })).statusCode).toBe(410);
    // A link that never was a case is still "not found".
    expect((await t.app.inject(`/arende/${randomBytes(32).toString('base64url')}`)).statusCode).toBe(404);
  });

  it('shows staff a 410 in the staff frame, with the disposal log for the records officer', async () => {
    const archivist = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const page = await archivist.get(`/handlaggning/arenden/${disposed.number}`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Ärendet är gallrat');
    expect(page.body).toContain(`Ärende ${disposed.number} gallrades`);
    expect(page.body).toContain('class="staff-nav"');
    expect(page.body).toContain('href="/admin/arkiv/gallringslogg?fran=2029-03-01&amp;till=2029-03-01"');
    expect(page.body).not.toContain('Kjellberg');

    const registrar = await new Session(t.app).signIn(DEMO.registrar);
    const seen = await registrar.get(`/handlaggning/arenden/${disposed.number}`);
    expect(seen.statusCode).toBe(410);
    expect(seen.body).toContain('class="staff-nav"');
    expect(seen.body).not.toContain('/admin/arkiv/gallringslogg');
  });
});
