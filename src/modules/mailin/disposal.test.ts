import { afterAll, beforeAll, expect, it } from 'vitest';
import { INSTALLATION, JPEG_FILE, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { purgeCaseContent } from './disposal.ts';

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest();
});
afterAll(() => t.close());

it('removes the mail of the disposed cases, raw message and all, and nothing of other cases', async () => {
  for (const who of ['gallras', 'stannar']) {
    await t.send({ from: `${who}@example.se`, to: INSTALLATION.replyTo, subject: who, text: `Text från ${who}`, attachments: [{ filename: 'bild.jpg', content: JPEG_FILE }] });
  }
  const rows = await t.db.selectFrom('inbound_messages').select(['case_id', 'subject']).orderBy('subject').execute();
  const disposed = rows.find((r) => r.subject === 'gallras')!.case_id!;
  await t.db.transaction().execute((tx) => purgeCaseContent(tx, [disposed]));
  const left = await t.db.selectFrom('inbound_messages').select(['subject']).execute();
  expect(left).toEqual([{ subject: 'stannar' }]);
  expect(await t.db.selectFrom('inbound_messages').select('id').where('body', 'like', '%gallras%').execute()).toEqual([]);
});
