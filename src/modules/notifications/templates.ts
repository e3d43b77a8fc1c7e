import type { Db, Executor } from '../../db/database.ts';
import type { TemplateKey } from '../../db/schema.ts';
import { DomainError } from '../../platform/errors.ts';
import { rawMessage, sv } from '../../platform/i18n/catalogue.ts';
import { logAdminChange } from '../admin/log.ts';
import { catalogueLabels } from '../cases/catalogueLabels.ts';

/**
 * Swedish message templates. Defaults live here (the submitter's in the catalogue, locales/sv.json); an organization may replace any of them
 * (message_templates). Placeholders in braces are filled in when the message is created, and the
 * message keeps the filled-in text: what was sent is what the case shows.
 */
export const PLACEHOLDERS = catalogueLabels('notifications.placeholder', ['arendenummer', 'namn', 'handlaggare', 'svarsdatum', 'statuslank', 'anledning', 'nytt_datum', 'organisation', 'arendelank', 'mottagare', 'lista', 'laget'] as const);
export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Partial<Record<Placeholder, string>>;

export interface Template {
  subject: string;
  body: string;
}

export const TEMPLATE_LABEL: Record<TemplateKey, string> = catalogueLabels('notifications.template', ['acknowledgement', 'delay_notice', 'reminder', 'escalation', 'digest'] as const);

export const DEFAULT_TEMPLATES: Record<TemplateKey, Template> = {
  // The submitter's messages: the Swedish catalogue's text, so each language says the same (notifications/submitterMail.ts).
  acknowledgement: { subject: rawMessage('sv', 'mail.acknowledgement.subject'), body: rawMessage('sv', 'mail.acknowledgement.body') },
  delay_notice: { subject: rawMessage('sv', 'mail.delay_notice.subject'), body: rawMessage('sv', 'mail.delay_notice.body') },
  // The staff's messages: the staff catalogue's text (locales/staff/sv/notifications.json), {placeholders} as written.
  reminder: { subject: rawMessage('sv', 'notifications.mail.reminder.subject'), body: rawMessage('sv', 'notifications.mail.reminder.body') },
  escalation: { subject: rawMessage('sv', 'notifications.mail.escalation.subject'), body: rawMessage('sv', 'notifications.mail.escalation.body') },
  digest: { subject: rawMessage('sv', 'notifications.mail.digest.subject'), body: rawMessage('sv', 'notifications.mail.digest.body') },
};

const PLACEHOLDER = /\{([a-z_]+)\}/g;

export function render(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (all, name: string) => (name in PLACEHOLDERS ? (values[name as Placeholder] ?? '') : all));
}

/** The organization's template, or the default. */
export async function loadTemplate(db: Executor, organizationId: string, key: TemplateKey): Promise<Template> {
  const row = await db.selectFrom('message_templates').select(['subject', 'body']).where('organization_id', '=', organizationId).where('key', '=', key).executeTakeFirst();
  return row ?? DEFAULT_TEMPLATES[key];
}

export function validateTemplate(t: Template): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!t.subject.trim()) errors.subject = sv('notifications.templates.error.subjectMissing');
  else if (t.subject.length > 200) errors.subject = sv('notifications.templates.error.subjectTooLong');
  if (!t.body.trim()) errors.body = sv('notifications.templates.error.bodyMissing');
  else if (t.body.length > 10_000) errors.body = sv('notifications.templates.error.bodyTooLong');
  for (const [field, text] of Object.entries(t) as [keyof Template, string][]) {
    const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !(n in PLACEHOLDERS));
    if (unknown.length && !errors[field]) errors[field] = sv('notifications.templates.error.unknownPlaceholder', { unknown: unknown.map((n) => `{${n}}`).join(', '), allowed: Object.keys(PLACEHOLDERS).map((n) => `{${n}}`).join(', ') });
  }
  return errors;
}

/** Admin: replace an organization's template (or go back to the default with `null`). */
export async function setTemplate(db: Db, organizationId: string, key: TemplateKey, t: Template | null, actor: { id: string | null; name: string }): Promise<void> {
  const userId = actor.id;
  const log = (tx: Executor, action: 'update' | 'reset', before: unknown, after: unknown) =>
    logAdminChange(tx, { organizationId, actor, action, entityType: 'message_template', entityId: null, summary: sv(action === 'reset' ? 'notifications.log.templateReset' : 'notifications.log.templateChanged', { key }), before, after, now: new Date() });
  if (t === null) {
    await db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('message_templates').select(['subject', 'body']).where('organization_id', '=', organizationId).where('key', '=', key).executeTakeFirst();
      await tx.deleteFrom('message_templates').where('organization_id', '=', organizationId).where('key', '=', key).execute();
      await log(tx, 'reset', before ?? null, null);
    });
    return;
  }
  const errors = validateTemplate(t);
  if (key !== 'digest' && !errors.subject && !t.subject.includes('{arendenummer}')) {
    errors.subject = sv('notifications.templates.error.subjectNeedsNumber', { placeholder: '{arendenummer}' });
  }
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('notifications.templates.error.notSaved'), errors);
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('message_templates').select(['subject', 'body']).where('organization_id', '=', organizationId).where('key', '=', key).executeTakeFirst();
    await tx
      .insertInto('message_templates')
      .values({ organization_id: organizationId, key, subject: t.subject, body: t.body, updated_by: userId })
      .onConflict((oc) => oc.columns(['organization_id', 'key']).doUpdateSet({ subject: t.subject, body: t.body, updated_by: userId, updated_at: new Date() }))
      .execute();
    await log(tx, 'update', before ?? null, t);
  });
}
