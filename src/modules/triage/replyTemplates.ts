import type { Organization } from '../../db/schema.ts';
import { REFERRAL_TYPES, type ReferralType } from '../cases/lifecycle.ts';
import { orgSettings } from '../organizations/settings.ts';
import { catalogueLabels } from '../cases/catalogueLabels.ts';
import { submitterI18n } from '../notifications/submitterMail.ts';

/**
 * Standard replies for what is not a synpunkt (DOMAIN rules 8–9). The registrar reads and edits
 * them before sending; an organization's own templates (response_templates) take precedence.
 * Brackets mark what the registrar must fill in.
 */

const greeting = 'Hej!';
const close = (org: Organization) => `Med vänliga hälsningar\n${org.name}`;
const where = (link: string | undefined, fallback: string) => (link ? link : fallback);

export function referralReply(org: Organization, number: string, type: ReferralType): { subject: string; body: string } {
  const s = orgSettings(org);
  const links = s.referralLinks ?? {};
  const thanks = `Tack för att du hörde av dig till ${org.name}.`;
  const closed = `Ditt ärende ${number} är därmed avslutat hos oss.`;
  const text: Record<ReferralType, string> = {
    fault_report: `${thanks} Det du beskriver är en felanmälan och inte en synpunkt. Felanmälningar tas om hand direkt av dem som sköter driften, så att felet kan åtgärdas så snabbt som möjligt.\n\nGör din felanmälan här: ${where(links.faultReport, '[adress till felanmälan]')}`,
    appeal: `${thanks} Det du skriver gäller ett beslut som du inte är nöjd med. Ett överklagande handläggs inte som en synpunkt. Överklagandet ska ha kommit in inom tre veckor från den dag du fick del av beslutet. Hur du överklagar står i beslutet och här: ${where(links.appeal, '[adress till information om att överklaga]')}`,
    deviation: `${thanks} Det du beskriver gäller vård eller omsorg och hanteras som en avvikelse enligt verksamhetens rutiner (lex Sarah eller lex Maria), inte som en synpunkt. Vi har lämnat uppgifterna vidare till den verksamhet som ansvarar för avvikelsehanteringen.${links.deviation ? `\n\nMer information: ${links.deviation}` : ''}`,
    school_harassment: `${thanks} Det du beskriver gäller kränkande behandling i skolan. Skolan är skyldig att utreda sådant skyndsamt, och det hanteras därför enligt skolans egen rutin och inte som en synpunkt. Vi har lämnat uppgifterna vidare till rektor på skolan, som kommer att kontakta dig.`,
    other_authority: `${thanks} Det du skriver gäller en fråga som en annan myndighet ansvarar för, och inte ${org.name}. Vänd dig till [myndighetens namn], [hur man når myndigheten].`,
    other_organization: `${thanks} Det du skriver gäller en verksamhet som sköts av [organisationens namn]. Vi har skickat vidare din synpunkt dit, och de tar hand om den.`,
  };
  return {
    subject: `Ditt ärende ${number} – ${REFERRAL_TYPES[type].toLowerCase()}`,
    body: `${greeting}\n\n${text[type]}\n\n${closed}\n\n${close(org)}`,
  };
}

export function notHandledReply(org: Organization, number: string): { subject: string; body: string } {
  return {
    subject: `Ditt ärende ${number}`,
    body: `${greeting}\n\nTack för att du hörde av dig till ${org.name}. Vi har läst det du skrev. Meddelandet innehåller kränkande eller diskriminerande uttalanden om personer, och därför handlägger vi det inte som en synpunkt.\n\nDu är välkommen att lämna en ny synpunkt om vår verksamhet, utan personangrepp.\n\nÄrende ${number} är avslutat.\n\n${close(org)}`,
  };
}

export const REJECT_REASONS = catalogueLabels('triage.rejectReason', ['offensive', 'discriminatory'] as const);
export type RejectReason = keyof typeof REJECT_REASONS;

/**
 * The subject of a standard reply. The body is the organization's own Swedish text, which the
 * registrar may rewrite in the submitter's language; the subject (and an e-mail's footer, which
 * cases/messages.ts adds) is the frame, so a submitter of another language gets it in theirs.
 */
export function replySubject(language: string | null, swedish: string, number: string): string {
  const i18n = submitterI18n(language);
  return i18n.code === 'sv' ? swedish : i18n.t('mail.reply.subject', { number: i18n.ltr(number) });
}
