import { afterAll, beforeAll, expect, it } from 'vitest';
import { INSTALLATION, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { processRegistry } from '../../platform/metrics.ts';
import './inboundMail.ts';

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest();
});
afterAll(() => t.close());

async function inbound(labels: Record<string, string>): Promise<number> {
  const metric = await processRegistry.getSingleMetric('lyhord_inbound_mail_total')!.get();
  return metric.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
}

it('counts inbound mail by source, result and outcome, also mail refused at the door', async () => {
  const before = { accepted: await inbound({ source: 'smtp', result: 'accepted', outcome: 'new_case' }), refused: await inbound({ source: 'smtp', result: 'refused', outcome: 'unknown_recipient' }) };
  await t.send({ from: 'ny@example.se', to: INSTALLATION.replyTo, subject: 'Räknas', text: 'En synpunkt via e-post.' });
  await t.send({ from: 'ny@example.se', to: 'okand@annan-doman.example', subject: 'Fel adress', text: 'Hej' }).catch(() => {});
  expect(await inbound({ source: 'smtp', result: 'accepted', outcome: 'new_case' })).toBe(before.accepted + 1);
  expect(await inbound({ source: 'smtp', result: 'refused', outcome: 'unknown_recipient' })).toBe(before.refused + 1);
});
