import type { MessageChannel } from '../../db/schema.ts';
import { swedishDate } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { AnswerInput } from '../cases/messages.ts';
import { placeholderError, unfilledPlaceholders } from './templates.ts';

export const MESSAGE_CHANNELS: readonly MessageChannel[] = ['email', 'letter', 'phone'];
const MAX_BODY = 20_000;
const MAX_SUBJECT = 200;

/** What the answer form posts, as strings, exactly as typed. */
export interface AnswerFormInput {
  channel: string;
  subject: string;
  body: string;
  callDate: string;
  version: string;
}

const FIELDS: (keyof AnswerFormInput)[] = ['channel', 'subject', 'body', 'callDate', 'version'];

export function readAnswerInput(body: unknown): AnswerFormInput {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const input = {} as AnswerFormInput;
  // A field posted twice is not something this form does; it reads as empty and fails validation.
  for (const f of FIELDS) input[f] = typeof source[f] === 'string' ? (source[f] as string) : '';
  return input;
}

/** Where each channel's answer goes; what the submitter left us. */
export interface Reachability {
  email: string | null;
  phone: string | null;
  address: string | null;
}

const MISSING: Record<MessageChannel, string> = {
  email: 'Personen har inte lämnat någon e-postadress. Välj ett annat sätt att svara',
  letter: 'Personen har inte lämnat någon postadress. Välj ett annat sätt att svara',
  phone: 'Personen har inte lämnat något telefonnummer. Välj ett annat sätt att svara',
};

export const recipientFor = (channel: MessageChannel, r: Reachability) => (channel === 'email' ? r.email : channel === 'phone' ? r.phone : r.address);

/** Pure: checks the answer form. A phone call needs the day it was made: not in the future, not before the case arrived. */
export function validateAnswer(
  input: AnswerFormInput,
  reach: Reachability,
  c: { number: string; received_at: Date },
  now: Date,
): { ok: true; value: { message: AnswerInput; version: number } } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const channel = input.channel as MessageChannel;
  if (!MESSAGE_CHANNELS.includes(channel)) errors.channel = 'Välj hur du svarar: e-post, brev eller telefon';
  else if (!recipientFor(channel, reach)) errors.channel = MISSING[channel];

  const subject = input.subject.trim();
  if ([...subject].length > MAX_SUBJECT) errors.subject = `Ämnesraden får vara högst ${MAX_SUBJECT} tecken`;
  else if (unfilledPlaceholders(subject).length) errors.subject = placeholderError(unfilledPlaceholders(subject));

  if (input.body.trim() === '') errors.body = channel === 'phone' ? 'Skriv vad ni talade om i samtalet' : 'Skriv svaret';
  else if ([...input.body].length > MAX_BODY) errors.body = `Svaret får vara högst ${MAX_BODY.toLocaleString('sv-SE')} tecken`;
  else if (unfilledPlaceholders(input.body).length) errors.body = placeholderError(unfilledPlaceholders(input.body));

  let occurredOn: string | undefined;
  if (channel === 'phone') {
    const d = input.callDate.trim();
    if (!d) errors.callDate = 'Skriv vilken dag du ringde';
    else if (!isCalendarDate(d)) errors.callDate = 'Skriv datumet i formen 2026-12-22';
    else if (d > swedishDate(now)) errors.callDate = 'Samtalsdagen kan inte ligga i framtiden';
    else if (d < swedishDate(c.received_at)) errors.callDate = 'Samtalsdagen kan inte vara före den dag synpunkten kom in';
    else occurredOn = d;
  }

  const version = Number(input.version);
  // Without a version the optimistic check cannot work; this only happens with a hand-made post.
  if (!Number.isInteger(version) || version < 1) errors.body ??= 'Formuläret saknar ärendets version. Ladda om sidan och försök igen';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { version, message: { channel, subject: subject || `Svar på din synpunkt ${c.number}`, body: input.body, occurredOn } },
  };
}

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
