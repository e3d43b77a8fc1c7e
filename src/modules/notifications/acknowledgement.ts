import type { Tx } from '../../db/database.ts';
import { swedishDate } from '../../platform/clock.ts';
import { rawMessage } from '../../platform/i18n/catalogue.ts';
import { OPEN_FOR_DEADLINES, wantsEmailAck } from '../deadlines/policies.ts';
import { addMessageEvent, fill, queueEmails, statusLink, type NotifyDeps } from './outbox.ts';
import { lockCaseInfo, responsibleText } from './recipients.ts';
import { submitterI18n, submitterTemplate, submitterValues } from './submitterMail.ts';

/**
 * The acknowledgement (rule 12): to a submitter who gave an e-mail address and wants the answer
 * by e-mail, naming who is responsible and when the answer will come, with the status link.
 * Sent when a handler is assigned (so it names them), or on its due day to whoever is responsible then.
 * Sent once (ack_due_on is cleared and the message has a dedupe key); nothing when no longer owed.
 */
export async function createAcknowledgement(tx: Tx, deps: Omit<NotifyDeps, 'db'>, caseId: string, now: Date): Promise<string | null> {
  const c = await lockCaseInfo(tx, caseId);
  if (!c || !c.ack_due_on) return null;
  const owed =
    !c.acknowledged_at && (OPEN_FOR_DEADLINES as readonly string[]).includes(c.status) && wantsEmailAck(c.anonymous, c.contact_email ? { email: c.contact_email, replyChannel: c.reply_channel ?? 'none' } : null);
  if (!owed) {
    await tx.updateTable('cases').set({ ack_due_on: null }).where('id', '=', c.id).execute();
    return null;
  }
  // In the submitter's language: the organization's own template in Swedish, the catalogue's in other languages.
  const i18n = submitterI18n(c.language);
  const template = { ...(await submitterTemplate(tx, c.organization_id, 'acknowledgement', i18n)) };
  // Acknowledged after the answer date (a letter registered weeks after it came, say): never
  // promise a day that has passed; say the answer is late and that they will be told why.
  const late = c.answer_by !== null && c.answer_by < swedishDate(now);
  if (late) template.body = rawMessage(i18n.code, 'mail.acknowledgement.lateBody');
  const m = fill(
    template,
    submitterValues(i18n, { number: c.number, name: c.contact_name, responsible: await responsibleText(tx, c, i18n), answerBy: c.answer_by, statusLink: statusLink(deps, c, c.id), org: c.org_name }),
  );
  const [id] = await queueEmails(tx, [{ case_id: c.id, organization_id: c.organization_id, purpose: 'acknowledgement', recipient: c.contact_email!, recipient_user_id: null, ...m, dedupe_key: `acknowledgement:${c.id}`, created_at: now }], now);
  await tx.updateTable('cases').set({ ack_due_on: null, acknowledged_at: now }).where('id', '=', c.id).execute();
  if (id) await addMessageEvent(tx, c.id, now, { purpose: 'acknowledgement', messageId: id }, true);
  return id ?? null;
}

/** Catches acknowledgements owed whose day has come (a case still waiting for the registrar, say). */
export async function acknowledgementPass(deps: NotifyDeps, now: Date, batchSize = 200): Promise<number> {
  const today = swedishDate(now);
  let created = 0;
  for (;;) {
    const done = await deps.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('cases')
        .select('id')
        .where('ack_due_on', '<=', today)
        .orderBy('ack_due_on')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const { id } of due) if (await createAcknowledgement(tx, deps, id, now)) created++;
      return due.length < batchSize;
    });
    if (done) return created;
  }
}
