import { afterAll, beforeAll, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, caseDeps, DEMO, registerTo, submitCase } from '../../../test/staffCases.ts';
import { caseListHref } from '../statistics/drilldown.ts';
import { markAsSpam, rejectCase } from './commands.ts';

/** The case list's status filter tells spam apart from what was not handled for its content, as the list shows it and statistics count it. */

let t: TestContext;
const n = {} as { spam: string; offensive: string; registered: string };

const numbersIn = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/handlaggning\/arenden\/(SYN-\d{4}-\d{5})"/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  const registrar = await actorFor(t, DEMO.registrar);
  n.spam = (await submitCase(t, { description: 'Billiga klockor, klicka här!' })).number;
  await markAsSpam(await caseDeps(t), { actor: registrar, number: n.spam });
  n.offensive = (await submitCase(t, { description: 'Ett personangrepp på en anställd.' })).number;
  await rejectCase(await caseDeps(t), { actor: registrar, number: n.offensive, reason: 'Personangrepp' });
  n.registered = (await submitCase(t, { description: 'Gatlyktan är trasig.' })).number;
  await registerTo(t, n.registered, 'Gata och park');
});
afterAll(() => t.close());

it('lists spam under "Skräp" and the rest of what was not handled under "Inte handlagd"', async () => {
  const s = await new Session(t.app).signIn(DEMO.registrar);
  const list = async (qs: string) => numbersIn((await s.get(`/handlaggning/arenden?vy=enhet&${qs}`)).body);
  expect(await list('status=not_handled')).toEqual([n.offensive]);
  expect(await list('status=skrap')).toEqual([n.spam]);
  expect((await list('status=alla')).sort()).toEqual([n.spam, n.offensive, n.registered].sort());

  const page = (await s.get('/handlaggning/arenden?vy=enhet&status=skrap')).body;
  expect(page).toMatch(/<option value="not_handled">Inte handlagd<\/option><option value="skrap" selected>Skräp<\/option>/);
  expect(page).toContain('Inte handlagd (skräp)');

  // The statistics' "Inte handlagd" and "Skräp" links give the same cases.
  expect(numbersIn((await s.get(caseListHref({ handled: false, spam: false }))).body)).toEqual(await list('status=not_handled'));
  expect(numbersIn((await s.get(caseListHref({ spam: true }))).body)).toEqual(await list('status=skrap'));
});
