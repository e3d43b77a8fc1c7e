import type { MessageChannel, MessagePurpose, MessageStatus } from '../../../db/schema.ts';
import type { Status } from '../lifecycle.ts';

/** Status as staff speak of it (the citizen's wording is STATUS_LABEL_PUBLIC in labels.ts). */
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

export const SIGNIFICANCE_LABEL = {
  important: 'Av vikt för verksamheten',
  routine: 'Rutinmässig',
} as const;

export const SIGNIFICANCE_HINT = {
  important: 'Bevaras och levereras till arkivet enligt dokumenthanteringsplanen.',
  routine: 'Gallras när tiden i dokumenthanteringsplanen har gått ut.',
} as const;

/** Partial: purposes added elsewhere fall back to their code until they get a label here. */
export const MESSAGE_PURPOSE_LABEL: Partial<Record<MessagePurpose, string>> & Record<string, string | undefined> = {
  acknowledgement: 'Mottagningsbekräftelse',
  answer: 'Svar',
  delay_notice: 'Besked om försening',
  referral: 'Hänvisning',
  not_handled: 'Besked om att synpunkten inte handläggs',
  reminder: 'Påminnelse',
  digest: 'Sammanställning',
  other: 'Övrigt',
  escalation: 'Eskalering',
};

export const MESSAGE_CHANNEL_LABEL: Record<MessageChannel, string> = {
  email: 'E-post',
  letter: 'Brev',
  phone: 'Telefonsamtal',
};

export const MESSAGE_STATUS_LABEL: Record<MessageStatus, string> = {
  queued: 'Väntar på att skickas',
  sending: 'Skickas',
  sent: 'Skickat',
  failed: 'Kunde inte skickas',
  recorded: 'Antecknat',
};
