import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';
import { seedDemoStaff } from '../organizations/demoStaff.ts';
import { allocateCaseNumber } from './numbering.ts';

/** Rules 11 and 21: a case number names one case in the whole installation, whichever organization gave it. */
let t: TestContext;
let company: string;
let foundation: string;
const B = '/o/bostadsbolaget';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  company = await seedDemoOrganization(t.db, { slug: 'bostadsbolaget', name: 'Exempelbostäder AB', isDefault: false });
  foundation = await seedDemoOrganization(t.db, { slug: 'bostadsstiftelsen', name: 'Bostadsstiftelsen', isDefault: false });
  await seedDemoStaff(t.db, company);
});
afterAll(() => t.close());

const prefixOf = async (id: string) => (await t.db.selectFrom('organizations').select('case_prefix').where('id', '=', id).executeTakeFirstOrThrow()).case_prefix;

async function citizenCase(base: string): Promise<string> {
  const payload = form({ kind: 'berom', description: 'Tack för den nya lekplatsen.', unit: '', anonymous: 'true', formId: `f-${Math.random().toString(36).slice(2, 14)}-x` });
  const res = await t.app.inject({ method: 'POST', url: `${base}/synpunkt`, headers: FORM, payload });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  return (await t.app.inject(res.headers.location!)).body.match(/[A-Z]{3}-\d{4}-\d{5}/)![0];
}

describe('case numbers in an installation of several organizations', () => {
  it('give each organization its own prefix, so two organizations never hand out the same number', async () => {
    // The default organization keeps SYN; the others get their slug's first letters, or the nearest free ones.
    expect([await prefixOf(t.orgId), await prefixOf(company), await prefixOf(foundation)]).toEqual(['SYN', 'BOS', 'BOA']);
    const numbers = [await allocateCaseNumber(t.db, t.orgId, 2031), await allocateCaseNumber(t.db, company, 2031), await allocateCaseNumber(t.db, foundation, 2031)];
    expect(numbers).toEqual(['SYN-2031-00001', 'BOS-2031-00001', 'BOA-2031-00001']);
  });

  it('let the organization admin choose the prefix until the first case is numbered, never one another organization has', async () => {
    const admin = await new Session(t.app, B).signIn('admin@exempelkommun.se');
    const save = (casePrefix: string) => admin.post('/admin/texter', { casePrefix }, { csrfFrom: '/admin/texter' });
    expect((await admin.get('/admin/texter')).body).toContain('value="BOS"');

    const taken = await save('syn');
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('SYN används redan av en annan organisation');
    const badFormat = await save('B1');
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.body).toContain('Skriv tre bokstäver A–Z');
    expect(await prefixOf(company)).toBe('BOS');

    expect((await save('exb')).statusCode).toBe(303);
    expect(await prefixOf(company)).toBe('EXB');
    const number = await citizenCase(B);
    expect(number).toMatch(/^EXB-\d{4}-\d{5}$/);
    // The forwarded case's page and the staff pages find it by that number.
    expect((await admin.get(`/handlaggning/arenden/${number}`)).statusCode).toBe(200);

    // Numbers are given out: from now on the prefix stays.
    const late = await save('EXC');
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('kan inte ändras');
    expect(await prefixOf(company)).toBe('EXB');
    // Saving the other texts (no prefix in the form, or the same one) still works.
    expect((await save('EXB')).statusCode).toBe(303);
  });
});
