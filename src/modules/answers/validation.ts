import type { MessageChannel } from '../../db/schema.ts';
import { swedishDate } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { AnswerInput } from '../cases/messages.ts';
import { placeholderError, unfilledPlaceholders } from './templates.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

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
  email: sv('answers.error.noEmail'),
  letter: sv('answers.error.noAddress'),
  phone: sv('answers.error.noPhone'),
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
  if (!MESSAGE_CHANNELS.includes(channel)) errors.channel = sv('answers.error.channel');
  else if (!recipientFor(channel, reach)) errors.channel = MISSING[channel];

  const subject = input.subject.trim();
  if ([...subject].length > MAX_SUBJECT) errors.subject = sv('answers.error.subjectTooLong', { max: MAX_SUBJECT });
  else if (unfilledPlaceholders(subject).length) errors.subject = placeholderError(unfilledPlaceholders(subject));

  if (input.body.trim() === '') errors.body = channel === 'phone' ? sv('answers.error.callText') : sv('answers.error.body');
  else if ([...input.body].length > MAX_BODY) errors.body = sv('answers.error.bodyTooLong', { max: MAX_BODY });
  else if (unfilledPlaceholders(input.body).length) errors.body = placeholderError(unfilledPlaceholders(input.body));

  let occurredOn: string | undefined;
  if (channel === 'phone') {
    const d = input.callDate.trim();
    if (!d) errors.callDate = sv('answers.error.callDate');
    else if (!isCalendarDate(d)) errors.callDate = sv('answers.error.callDateFormat');
    else if (d > swedishDate(now)) errors.callDate = sv('answers.error.callDateFuture');
    else if (d < swedishDate(c.received_at)) errors.callDate = sv('answers.error.callDateBeforeReceived');
    else occurredOn = d;
  }

  const version = Number(input.version);
  // Without a version the optimistic check cannot work; this only happens with a hand-made post.
  if (!Number.isInteger(version) || version < 1) errors.body ??= sv('answers.error.noVersion');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    // An emptied subject is left to the message's frame: the default subject in the submitter's language (cases/messages.ts).
    value: { version, message: { channel, subject: subject || undefined, body: input.body, occurredOn } },
  };
}

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
