import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { HttpSession } from '../../../test/httpSession.ts';
import { assignedTo, DEMO, submitCase } from '../../../test/staffCases.ts';

/**
 * Readers, archivists and unit admins may not read a case's description (the case page and the
 * API leave it out), so their free-text search must not look in it either: a hit or a miss would
 * tell them whether a name or a phone number is written there. They search what they can see.
 * Over real HTTP, on a listening app.
 */

let t: TestContext;
let base: string;
let number: string;

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  ({ number } = await submitCase(t, { description: 'Sandlådan är trasig. Ring mig, Kalle, på 070-1112233.' }));
  await assignedTo(t, number, 'Förskoleavdelningen', DEMO.handlerForskola, { subcategory: 'Förskola' });
});
afterAll(() => t?.close());

const list = (s: HttpSession, q: string) => s.get(`/handlaggning/arenden?vy=enhet&status=alla&q=${encodeURIComponent(q)}`);
const listed = async (s: HttpSession, q: string) => {
  const res = await list(s, q);
  expect(res.status, q).toBe(200);
  return res.body.includes(number);
};
const WORDS_IN_DESCRIPTION = ['Kalle', '070-1112233', 'sandlådan'];

describe('free-text search of the case list', () => {
  it.each([
    ['a reader', DEMO.reader],
    ['an archivist', 'arkivarie@exempelkommun.se'],
    ['a unit admin', DEMO.unitAdmin],
  ])('does not look in the description for %s, only in what the role sees, and the hint says so', async (_role, email) => {
    const s = await new HttpSession(base).signIn(email);
    for (const q of WORDS_IN_DESCRIPTION) expect(await listed(s, q), q).toBe(false);
    // The case is in their list all the same: by its number, its unit, its area and its handler.
    for (const q of [number, 'Förskoleavdelningen', 'Tjänster', 'Förskola', 'Hanna Handläggare']) expect(await listed(s, q), q).toBe(true);
    const page = (await list(s, 'Kalle')).body;
    expect(page).toContain('Din roll får inte läsa synpunkternas text, så den ingår inte i sökningen.');
    expect(page).not.toContain('Ord i synpunktens text');
  });

  it('looks in the description for those who may read it', async () => {
    for (const email of [DEMO.registrar, DEMO.handlerForskola]) {
      const s = await new HttpSession(base).signIn(email);
      for (const q of WORDS_IN_DESCRIPTION) expect(await listed(s, q), `${email} ${q}`).toBe(true);
      expect((await list(s, 'Kalle')).body).toContain('Ord i synpunktens text');
    }
  });

  it('is scoped the same way in the API', async () => {
    const numbers = async (role: 'reader' | 'registrar' | 'unit_admin', q: string) => {
      const res = await fetch(`${base}/api/v1/cases?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${await newApiKey(t.db, t.orgId, role)}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { number: string }[] }).items.map((c) => c.number);
    };
    for (const q of WORDS_IN_DESCRIPTION) {
      expect(await numbers('reader', q), q).not.toContain(number);
      expect(await numbers('unit_admin', q), q).not.toContain(number);
      expect(await numbers('registrar', q), q).toContain(number);
    }
    expect(await numbers('reader', 'Förskoleavdelningen')).toContain(number);
  });
});
