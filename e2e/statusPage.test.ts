import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FORM, form, startTestApp, type TestContext } from '../test/app.ts';
import { actorFor, assignedTo, caseDeps, submitCase } from '../test/staffCases.ts';
import { answerCase } from '../src/modules/cases/commands.ts';
import { askSubmitter } from '../src/modules/cases/submitterQuestion.ts';
import { extendAnswerDate } from '../src/modules/deadlines/extension.ts';
import { expectNoAxeViolations, launchChromium, listen } from './browser.ts';

/**
 * The status page with everything on it (a question, an answer, a moved answer date with its
 * reason, the submitter's own texts), checked with axe in Swedish and in a right-to-left language.
 */

let t: TestContext;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
  baseUrl = await listen(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('a status page with messages, a moved date and the submitter’s texts is accessible', async () => {
  const { number, token } = await submitCase(t);
  await assignedTo(t, number, 'Gata och park', 'handlaggare.gata@exempelkommun.se');
  const deps = await caseDeps(t);
  const handler = await actorFor(t, 'handlaggare.gata@exempelkommun.se');
  await askSubmitter(deps, { actor: handler, number, question: 'Vilken lykta är det?' });
  await t.app.inject({ method: 'POST', url: `/arende/${token}/svar`, headers: FORM, payload: form({ text: 'Den vid övergångsstället.' }) });
  await t.app.inject({ method: 'POST', url: `/arende/${token}/svar`, headers: FORM, payload: form({ text: 'Den bredvid är också släckt.' }) });
  await extendAnswerDate({ ...deps, publicUrl: 'http://localhost:3000' }, { actor: handler, number, newDate: '2027-01-26', reason: 'Vi väntar på en reservdel.' });
  await answerCase(deps, { actor: handler, number, message: { channel: 'email', body: 'Vi har lagat båda.' } });

  const context = await browser.newContext({ locale: 'sv-SE' });
  try {
    const page = await context.newPage();
    for (const lang of ['sv', 'ar']) {
      expect((await page.goto(`${baseUrl}/arende/${token}?lang=${lang}`))?.status()).toBe(200);
      await expect(page.getByText('Vi väntar på en reservdel.').count()).resolves.toBe(1);
      await expectNoAxeViolations(page, `status page (${lang})`);
    }
  } finally {
    await context.close();
  }
});
