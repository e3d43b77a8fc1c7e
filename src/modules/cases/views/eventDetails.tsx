import type { ComponentChildren } from 'preact';
import type { CaseKind, Channel } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { longDate } from '../../deadlines/policies.ts';
import { CHANNEL_LABEL, KIND_LABEL } from '../labels.ts';
import { OUTCOMES, REFERRAL_TYPES } from '../lifecycle.ts';
import { SIGNIFICANCE_LABEL } from './staffLabels.ts';

export interface Names {
  unit(id: string): string | undefined;
  category(id: string): string | undefined;
  user(id: string): string | undefined;
}

const caseLink = (n: unknown) => (typeof n === 'string' ? <a href={`/handlaggning/arenden/${encodeURIComponent(n)}`}>{n}</a> : null);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const yes = (v: unknown) => (v ? 'Ja' : 'Nej');
const MESSAGE_PURPOSE: Record<string, string> = { acknowledgement: 'Mottagningsbekräftelse', delay_notice: 'Besked om förlängd svarstid', reminder: 'Påminnelse om svarstiden', escalation: 'Eskalering till synpunktsansvarig' };
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const workingDays = (n: number) => (n === 1 ? '1 arbetsdag' : `${n} arbetsdagar`);

/**
 * What an event's data says, as label–value pairs in Swedish. Free text (notes, comments,
 * measures) is shown only to those who may see personal data: people write names in it.
 */
export function eventDetails(data: Record<string, unknown>, names: Names, showText: boolean, type?: string): [string, ComponentChildren][] {
  const out: [string, ComponentChildren][] = [];
  const add = (label: string, value: ComponentChildren | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') out.push([label, value]);
  };
  const text = (label: string, v: unknown) => {
    if (typeof v !== 'string' || !v.trim()) return;
    add(label, showText ? <span class="user-text" dir="auto">{v}</span> : <span class="muted">Visas inte för din roll</span>);
  };
  const id = (label: string, v: unknown, lookup: (id: string) => string | undefined) => {
    if (typeof v === 'string') add(label, lookup(v) ?? 'Okänd');
  };

  if (typeof data.channel === 'string') add('Kanal', CHANNEL_LABEL[data.channel as Channel] ?? data.channel);
  if (typeof data.receivedAt === 'string') add('Mottagen', formatDateTime(new Date(data.receivedAt)));
  if (data.registeredOnBehalf) add('Registrerad av medarbetare', 'Ja');
  if (data.confirmedWithSubmitter !== undefined && data.registeredOnBehalf) add('Personen tillfrågades först', yes(data.confirmedWithSubmitter));
  if (typeof data.kind === 'string') add('Typ', KIND_LABEL[data.kind as CaseKind] ?? data.kind);
  id('Område', data.areaId, names.category);
  id('Underkategori', data.subcategoryId, names.category);
  if (typeof data.significance === 'string') add('Betydelse', SIGNIFICANCE_LABEL[data.significance as keyof typeof SIGNIFICANCE_LABEL] ?? data.significance);
  if (data.confidential !== undefined) add('Sekretess', data.confidential ? `Ja – ${str(data.confidentialityRef) ?? ''}` : 'Nej');
  id('Förvaltning eller enhet', data.unitId, names.unit);
  id('Handläggare', data.handlerId, names.user);
  id('Tidigare handläggare', data.previousHandlerId, names.user);
  if (typeof data.outcome === 'string') add('Utfall', OUTCOMES[data.outcome as keyof typeof OUTCOMES] ?? data.outcome);
  if (typeof data.referralType === 'string') add('Hänvisad till', REFERRAL_TYPES[data.referralType as keyof typeof REFERRAL_TYPES] ?? data.referralType);
  if (type === 'message' && typeof data.purpose === 'string') {
    add('Meddelande', MESSAGE_PURPOSE[data.purpose] ?? 'Meddelande');
    add('Till', str(data.to));
    if (typeof data.together === 'number') add('Samma e-post', `tog upp ${data.together} ärenden`);
  }
  if (type === 'deadline') {
    // A moved answer date: the dates themselves, and why in words (a pause is counted in working days).
    if (isDay(data.from)) add('Tidigare svarsdatum', longDate(data.from));
    if (isDay(data.to)) add('Nytt svarsdatum', longDate(data.to));
    if (data.reason === 'paused') add('Skäl', `Ärendet väntade på synpunktslämnaren i ${workingDays(Number(data.pausedWorkingDays ?? 0))}`);
    else if (typeof data.reason === 'string') text('Skäl', data.reason);
  } else if (typeof data.reason === 'string') add('Skäl', data.reason);
  if (typeof data.publicationVersion === 'number') add('Version av den publika texten', String(data.publicationVersion));
  add('Sammanslaget med', caseLink(data.into));
  add('Dubblett som slogs ihop hit', caseLink(data.merged));
  add('Länkat till', caseLink(data.linked));
  text('Kommentar', data.comment);
  text('Åtgärder', data.measures);
  text('Fråga till synpunktslämnaren', data.question);
  text('Text', data.text);
  // A snabbsynpunkt answered on the spot: for an anonymous person this is the only record of the answer.
  text('Svar som gavs direkt', data.answeredOnSpot);
  return out;
}
