import type { CaseKind, Channel, ReplyChannel } from '../../db/schema.ts';
import type { Status } from './lifecycle.ts';

export const KINDS: readonly CaseKind[] = ['klagomal', 'fraga', 'berom', 'forslag'];

export const KIND_LABEL: Record<CaseKind, string> = {
  klagomal: 'Klagomål',
  fraga: 'Fråga',
  berom: 'Beröm',
  forslag: 'Förslag',
};

export const REPLY_CHANNELS: readonly ReplyChannel[] = ['email', 'phone', 'letter', 'none'];

export const REPLY_CHANNEL_LABEL: Record<ReplyChannel, string> = {
  email: 'E-post',
  phone: 'Telefon',
  letter: 'Brev',
  none: 'Jag vill inte ha något svar',
};

export const CHANNEL_LABEL: Record<Channel, string> = {
  web: 'Webbformulär',
  email: 'E-post',
  phone: 'Telefon',
  letter: 'Brev',
  visit: 'Besök',
  social_media: 'Sociala medier',
  sms: 'SMS',
  paper_form: 'Pappersblankett',
  internal: 'Intern',
  api: 'Integration',
  open311: 'Open311 (felanmälningsapp)',
};

/** Status as staff speak of it (the citizen's wording is status.public.* in the catalogue, locales/). */
export const STATUS_LABEL: Record<Status, string> = {
  received: 'Mottagen',
  registered: 'Registrerad',
  assigned: 'Tilldelad',
  in_progress: 'Pågår',
  waiting: 'Väntar på synpunktslämnaren',
  answered: 'Besvarad',
  closed: 'Avslutad',
  referred: 'Hänvisad',
  not_handled: 'Inte handlagd',
  merged: 'Sammanslagen',
  withdrawn: 'Återkallad',
};

export const statusLabel = (s: string) => STATUS_LABEL[s as Status] ?? s;
