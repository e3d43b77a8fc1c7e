import type { TestContext } from '../test/app.ts';
import { actorFor, assignedTo, caseDeps, DEMO, submitCase } from '../test/staffCases.ts';
import { askSubmitter } from '../src/modules/cases/submitterQuestion.ts';
import { withdrawPublication } from '../src/modules/publication/commands.ts';
import { answeredCase, publishedCase } from '../src/modules/publication/testFixture.ts';

/**
 * A case at every stage a citizen can meet it, for the browser tests that walk all citizen pages
 * (axe in right-to-left languages, reflow): made the way they come about, through the public
 * form and the handlers' own commands. The app must have the demo staff (startTestApp({ staff: true })).
 */

export interface CitizenCases {
  /** Just sent: the receipt and a status page with nothing happened yet. */
  received: { number: string; token: string };
  /** Sent in Arabic; the handler asked a question and waits for the answer. */
  waiting: { number: string; token: string };
  /** Answered and closed. */
  closed: { number: string; token: string };
  /** Published in the archive. */
  published: { number: string; token: string };
  /** Published once, then withdrawn: its archive page is 410. */
  withdrawn: { number: string; token: string };
  /** A second organization's base path, /o/<slug>. */
  otherOrg: string;
  /** A word the published answer is found by in the archive. */
  searchWord: string;
}

export const ARABIC_DESCRIPTION = 'عمود الإنارة رقم 14 في شارع المدرسة مكسور منذ أسبوع.';
const QUESTION = 'هل يمكنك أن تخبرنا أين يقع العمود بالضبط؟ Vilken sida av gatan?';

/**
 * Five posts to the form from one address: tests with the per-address rate limit on must stay
 * under it (or move the clock on) before they post the form themselves.
 */
export async function makeCitizenCases(t: TestContext): Promise<CitizenCases> {
  const received = await submitCase(t);
  const waiting = await submitCase(t, { lang: 'ar', description: ARABIC_DESCRIPTION, name: 'سارة أحمد' });
  await assignedTo(t, waiting.number, 'Gata och park', DEMO.handlerGata);
  const deps = await caseDeps(t);
  const handler = await actorFor(t, DEMO.handlerGata);
  await askSubmitter(deps, { actor: handler, number: waiting.number, question: QUESTION });
  const closed = await answeredCase(t, { close: true });
  const published = await publishedCase(t, {
    title: 'Trasig gatlykta på Skolvägen',
    question: 'Gatlyktan på Skolvägen har varit släckt i två veckor.',
    answer: 'Tack! Lyktan är lagad nu. مع التحية، Gata och park',
  }, { close: true });
  const withdrawn = await publishedCase(t, { title: 'Nedskräpning i parken', question: 'Det är skräpigt i parken.', answer: 'Vi städar på fredag.' }, { close: true });
  const { revision } = await t.db.selectFrom('publications').select('revision').where('case_number', '=', withdrawn.number).executeTakeFirstOrThrow();
  await withdrawPublication(deps, { actor: handler, number: withdrawn.number, revision, reason: 'Synpunktslämnaren bad om det.' });
  await t.db.insertInto('organizations').values({ slug: 'bolaget', name: 'Kommunbolaget AB', kind: 'company', settings: '{}' }).execute();
  return { received, waiting, closed, published, withdrawn, otherOrg: '/o/bolaget', searchWord: 'gatlykta' };
}
