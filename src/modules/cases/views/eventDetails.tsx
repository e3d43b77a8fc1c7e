import type { ComponentChildren } from 'preact';
import type { CaseKind, Channel } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { longDate } from '../../deadlines/policies.ts';
import { CHANNEL_LABEL, KIND_LABEL } from '../labels.ts';
import { OUTCOMES, REFERRAL_TYPES } from '../lifecycle.ts';
import { SIGNIFICANCE_LABEL } from './staffLabels.ts';
import type { Translator } from '../../../platform/i18n/catalogue.ts';

export interface Names {
  unit(id: string): string | undefined;
  category(id: string): string | undefined;
  user(id: string): string | undefined;
}

const caseLink = (n: unknown) => (typeof n === 'string' ? <a href={`/handlaggning/arenden/${encodeURIComponent(n)}`}>{n}</a> : null);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const otherCase = (v: unknown) => {
  const o = v as { organization?: unknown; number?: unknown } | null | undefined;
  return typeof o?.organization === 'string' && typeof o.number === 'string' ? `${o.organization}, ${o.number}` : undefined;
};
const PURPOSES_NAMED = ['acknowledgement', 'delay_notice', 'reminder', 'escalation'] as const;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * What an event's data says, as label–value pairs in Swedish. Free text (notes, comments,
 * measures) is shown only to those who may see personal data: people write names in it.
 */
export function eventDetails(t: Translator['t'], data: Record<string, unknown>, names: Names, showText: boolean, type?: string): [string, ComponentChildren][] {
  const yes = (v: unknown) => t(v ? 'cases.eventDetails.yes' : 'cases.eventDetails.no');
  const out: [string, ComponentChildren][] = [];
  const add = (label: string, value: ComponentChildren | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') out.push([label, value]);
  };
  const text = (label: string, v: unknown) => {
    if (typeof v !== 'string' || !v.trim()) return;
    add(label, showText ? <span class="user-text" dir="auto">{v}</span> : <span class="muted">{t('cases.eventDetails.hidden')}</span>);
  };
  const id = (label: string, v: unknown, lookup: (id: string) => string | undefined) => {
    if (typeof v === 'string') add(label, lookup(v) ?? t('cases.eventDetails.unknown'));
  };

  if (typeof data.channel === 'string') add(t('cases.eventDetails.channel'), CHANNEL_LABEL[data.channel as Channel] ?? data.channel);
  if (typeof data.receivedAt === 'string') add(t('cases.eventDetails.received'), formatDateTime(new Date(data.receivedAt)));
  if (data.registeredOnBehalf) add(t('cases.eventDetails.registeredOnBehalf'), yes(true));
  if (data.confirmedWithSubmitter !== undefined && data.registeredOnBehalf) add(t('cases.eventDetails.confirmedWithSubmitter'), yes(data.confirmedWithSubmitter));
  if (data.publicationOptOut === true) add(t('cases.eventDetails.publicationOptOut'), yes(true));
  if (typeof data.kind === 'string') add(t('cases.eventDetails.kind'), KIND_LABEL[data.kind as CaseKind] ?? data.kind);
  id(t('cases.eventDetails.area'), data.areaId, names.category);
  id(t('cases.eventDetails.subcategory'), data.subcategoryId, names.category);
  if (typeof data.significance === 'string') add(t('cases.eventDetails.significance'), SIGNIFICANCE_LABEL[data.significance as keyof typeof SIGNIFICANCE_LABEL] ?? data.significance);
  if (data.confidential !== undefined) add(t('cases.eventDetails.confidential'), data.confidential ? t('cases.eventDetails.confidentialYes', { lagrum: str(data.confidentialityRef) ?? '' }) : yes(false));
  id(t('cases.eventDetails.unit'), data.unitId, names.unit);
  id(t('cases.eventDetails.handler'), data.handlerId, names.user);
  id(t('cases.eventDetails.previousHandler'), data.previousHandlerId, names.user);
  if (typeof data.outcome === 'string') add(t('cases.eventDetails.outcome'), OUTCOMES[data.outcome as keyof typeof OUTCOMES] ?? data.outcome);
  if (typeof data.referralType === 'string') add(t('cases.eventDetails.referredTo'), REFERRAL_TYPES[data.referralType as keyof typeof REFERRAL_TYPES] ?? data.referralType);
  // A case forwarded between organizations: name the other side and its number, since staff here cannot open it.
  add(t('cases.eventDetails.forwardedTo'), otherCase(data.forwardedTo));
  add(t('cases.eventDetails.forwardedFrom'), otherCase(data.forwardedFrom));
  if (type === 'message' && typeof data.purpose === 'string') {
    const purpose = PURPOSES_NAMED.find((p) => p === data.purpose);
    add(t('cases.eventDetails.message'), t(purpose ? `cases.eventDetails.purpose.${purpose}` : 'cases.eventDetails.message'));
    add(t('cases.eventDetails.to'), str(data.to));
    if (typeof data.together === 'number') add(t('cases.eventDetails.sameEmail'), t('cases.eventDetails.together', { n: data.together }));
  }
  if (type === 'deadline') {
    // A moved answer date: the dates themselves, and why in words (a pause is counted in working days).
    if (isDay(data.from)) add(t('cases.eventDetails.previousAnswerBy'), longDate(data.from));
    if (isDay(data.to)) add(t('cases.eventDetails.newAnswerBy'), longDate(data.to));
    if (data.reason === 'paused') add(t('cases.eventDetails.reason'), t('cases.eventDetails.pausedReason', { n: Number(data.pausedWorkingDays ?? 0) }));
    else if (typeof data.reason === 'string') text(t('cases.eventDetails.reason'), data.reason);
  } else if (typeof data.reason === 'string') add(t('cases.eventDetails.reason'), data.reason);
  if (typeof data.publicationVersion === 'number') add(t('cases.eventDetails.publicationVersion'), String(data.publicationVersion));
  add(t('cases.eventDetails.mergedInto'), caseLink(data.into));
  add(t('cases.eventDetails.mergedHere'), caseLink(data.merged));
  add(t('cases.eventDetails.linkedTo'), caseLink(data.linked));
  text(t('cases.eventDetails.comment'), data.comment);
  text(t('cases.eventDetails.measures'), data.measures);
  text(t('cases.eventDetails.question'), data.question);
  text(t('cases.eventDetails.text'), data.text);
  // A snabbsynpunkt answered on the spot: for an anonymous person this is the only record of the answer.
  text(t('cases.eventDetails.answeredOnSpot'), data.answeredOnSpot);
  if (type === 'contact_pseudonymised') {
    add(t('cases.eventDetails.ground'), typeof data.afterMonths === 'number' ? t('cases.eventDetails.groundAutomatic', { n: data.afterMonths }) : t('cases.eventDetails.groundRequest'));
    add(t('cases.eventDetails.decision'), str(data.decision));
  }
  return out;
}
