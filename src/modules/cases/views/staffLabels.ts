import type { MessageChannel, MessagePurpose, MessageStatus } from '../../../db/schema.ts';
import type { Status } from '../lifecycle.ts';

export { STATUS_LABEL, statusLabel } from '../labels.ts';

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
  invitation: 'Inbjudan',
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
