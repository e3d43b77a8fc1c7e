import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { DEFAULT_LANGUAGE, rawMessage, translator, type Translator } from '../../platform/i18n/catalogue.ts';
import { statusLink, type NotifyDeps } from './outbox.ts';
import { loadTemplate, type Template, type TemplateValues } from './templates.ts';

/**
 * The frame of every message to a submitter – subject, greeting, case number, links, footer – in
 * the language they wrote in (cases.language; Swedish when unknown). What a handler writes in
 * between is theirs, in whatever language they choose.
 */
export const submitterI18n = (language: string | null | undefined): Translator => translator(language ?? DEFAULT_LANGUAGE);

/**
 * The template for a message to the submitter: in Swedish the organization's own (or the
 * default, which is the Swedish catalogue's text); in another language the catalogue's.
 */
export async function submitterTemplate(db: Executor, organizationId: string, key: 'acknowledgement' | 'delay_notice', i18n: Translator): Promise<Template> {
  if (i18n.code === DEFAULT_LANGUAGE) return loadTemplate(db, organizationId, key);
  return { subject: rawMessage(i18n.code, `mail.${key}.subject`), body: rawMessage(i18n.code, `mail.${key}.body`) };
}

/** Values that must read left to right (case number, link) isolated in right-to-left languages; dates in the language. */
export function submitterValues(i18n: Translator, v: { number: string; name: string | null; responsible: string; answerBy: string | null; statusLink: string; org: string; newDate?: string; reason?: string }): TemplateValues {
  return {
    arendenummer: i18n.ltr(v.number),
    namn: v.name ?? '',
    handlaggare: v.responsible,
    svarsdatum: v.answerBy ? i18n.date(v.answerBy) : '',
    statuslank: i18n.ltr(v.statusLink),
    organisation: v.org,
    ...(v.newDate !== undefined ? { nytt_datum: i18n.date(v.newDate) } : {}),
    ...(v.reason !== undefined ? { anledning: v.reason } : {}),
  };
}

/** What separates an e-mail's text from its footer: the usual signature delimiter, after a blank line. */
const FOOTER_DELIMITER = '\n\n-- \n';

/** The lines under an e-mailed answer: which case, where to follow it, how to add something. */
export function answerFooter(i18n: Translator, v: { number: string; org: string; statusLink: string }): string {
  return `${FOOTER_DELIMITER}${i18n.t('mail.footer', { number: i18n.ltr(v.number), org: v.org, statusLink: i18n.ltr(v.statusLink) })}`;
}

/**
 * What the handler wrote in a message, without the footer answerFooter put under it (recorded as
 * the message's `footer`, cases/messages.ts): exactly that text, never whatever follows a "-- "
 * the handler typed. The footer holds the submitter's private status link, which must never reach
 * a publication, and means nothing on the status page it links to.
 */
export function withoutAnswerFooter(m: { body: string; footer: string | null }): string {
  return m.footer && m.body.endsWith(m.footer) ? m.body.slice(0, m.body.length - m.footer.length) : m.body;
}

/** What an answer to the submitter is framed with: their language, the default subject and the footer. */
export async function answerFrame(db: Executor, deps: Pick<NotifyDeps, 'tokenSecret' | 'publicUrl'>, caseId: string): Promise<{ i18n: Translator; subject: string; footer: string }> {
  const { rows } = await sql<{ number: string; language: string | null; org_name: string; slug: string; host_name: string | null; is_default: boolean }>`
    SELECT c.number, c.language, o.name AS org_name, o.slug, o.host_name, o.is_default
    FROM cases c JOIN organizations o ON o.id = c.organization_id WHERE c.id = ${caseId}
  `.execute(db);
  const c = rows[0]!;
  const i18n = submitterI18n(c.language);
  return {
    i18n,
    subject: i18n.t('mail.answer.subject', { number: i18n.ltr(c.number) }),
    footer: answerFooter(i18n, { number: c.number, org: c.org_name, statusLink: statusLink(deps, c, caseId) }),
  };
}
