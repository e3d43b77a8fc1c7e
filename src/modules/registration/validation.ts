import { sv } from '../../platform/i18n/catalogue.ts';
import type { Channel, MessageChannel } from '../../db/schema.ts';
import { parseSwedishDateTimeLocal, swedishDate } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Classification } from '../cases/commands.ts';
import type { OnBehalfInput, QuickCaseInput } from './commands.ts';
import { OUTCOMES, type Outcome } from '../cases/lifecycle.ts';
import { emptySubmissionInput, readSubmissionInput, validateSubmission, type SubmissionInput } from '../intake/validation.ts';
import type { RegistrationChoices } from './queries.ts';
import { receivedAtProblem } from '../cases/receivedAt.ts';
import { newFormId } from '../intake/commands.ts';

export const MODES = ['normal', 'quick', 'internal'] as const;
export type RegistrationMode = (typeof MODES)[number];

/** The ways feedback reaches staff, in the order staff meet them most. */
export const STAFF_CHANNELS = ['phone', 'letter', 'visit', 'email', 'social_media', 'sms', 'paper_form'] as const satisfies readonly Channel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

const MAX_TEXT = 10_000;
const MAX_REF = 200;

/**
 * What the form posts, as strings, exactly as typed: it is echoed back when there are errors. The
 * person's part is the citizen form's (kind, text, contact, formId); the rest is the staff member's.
 */
export interface RegistrationInput extends SubmissionInput {
  mode: string;
  channel: string;
  receivedAt: string;
  confirmed: string;
  noPublish: string;
  area: string;
  subcategory: string;
  significance: string;
  confidential: string;
  confidentialityRef: string;
  answerText: string;
  outcome: string;
  measures: string;
}

const OWN_FIELDS = ['mode', 'channel', 'receivedAt', 'confirmed', 'noPublish', 'area', 'subcategory', 'significance', 'confidential', 'confidentialityRef', 'answerText', 'outcome', 'measures'] as const;

export function emptyRegistrationInput(now: string): RegistrationInput {
  return {
    ...emptySubmissionInput(newFormId()),
    mode: 'normal',
    channel: '',
    receivedAt: now,
    confirmed: '',
    noPublish: '',
    area: '',
    subcategory: '',
    significance: '',
    confidential: '',
    confidentialityRef: '',
    answerText: '',
    outcome: '',
    measures: '',
  };
}

/**
 * The citizen form's rules apply to the person's details, but its messages speak to the person
 * themselves; here a staff member reads them. Messages not listed stay as they are.
 */
const STAFF_WORDING: Record<string, string> = Object.fromEntries(
  (
    [
      ['validation.description.missing', 'registration.staffWording.description'],
      ['validation.anonymous.missing', 'registration.staffWording.anonymous'],
      ['validation.anonymous.withContact', 'registration.staffWording.anonymousWithContact'],
      ['validation.name.missing', 'registration.staffWording.name'],
      ['validation.replyChannel.missing', 'registration.staffWording.replyChannel'],
      ['validation.email.missing', 'registration.staffWording.email'],
      ['validation.phone.missing', 'registration.staffWording.phone'],
      ['validation.address.missing', 'registration.staffWording.address'],
      ['validation.contact.none', 'registration.staffWording.contact'],
      ['validation.unit.unknown', 'registration.staffWording.unit'],
    ] as const
  ).map(([citizen, staff]) => [sv(citizen), sv(staff)]),
);

export function readRegistrationInput(body: unknown): { input: RegistrationInput; malformed: string[] } {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const shared = readSubmissionInput(body);
  const input = { ...shared.input } as Partial<RegistrationInput>;
  input.formId = shared.input.formId || newFormId();
  const malformed: string[] = shared.malformed.filter((f) => f !== 'formId');
  for (const field of OWN_FIELDS) {
    const v = source[field];
    if (typeof v === 'string') input[field] = v;
    else {
      input[field] = '';
      if (v !== undefined) malformed.push(field);
    }
  }
  return { input: input as RegistrationInput, malformed };
}

export type Registration = { mode: 'normal' | 'internal'; onBehalf: OnBehalfInput } | { mode: 'quick'; quick: QuickCaseInput };

const blank = (s: string) => s.trim() === '';
const tooLong = (s: string, max: number) => [...s].length > max;

/** Pure: checks the staff registration form against the organization's units and categories. */
export function validateRegistration(
  { input, malformed }: { input: RegistrationInput; malformed: string[] },
  choices: RegistrationChoices,
  now: Date,
): { ok: true; value: Registration } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const mode = input.mode as RegistrationMode;
  if (!MODES.includes(mode)) errors.mode = sv('registration.validation.mode');

  const channel: Exclude<Channel, 'web'> | undefined = mode === 'internal' ? 'internal' : (STAFF_CHANNELS as readonly string[]).includes(input.channel) ? (input.channel as StaffChannel) : undefined;
  if (!channel) errors.channel = sv('registration.validation.channel');

  const receivedAt = parseSwedishDateTimeLocal(input.receivedAt);
  if (blank(input.receivedAt)) errors.receivedAt = sv('registration.validation.receivedAtMissing');
  else if (!receivedAt) errors.receivedAt = sv('registration.validation.receivedAtFormat');
  else if (receivedAtProblem(receivedAt, now)) errors.receivedAt = receivedAtProblem(receivedAt, now)!;

  // Kind, text and the person's details follow the same rules as the citizen form.
  const shared = validateSubmission({ input: { ...input, formId: '' }, malformed: [] }, new Set(choices.units.map((u) => u.id)));
  if (!shared.ok) {
    for (const [field, message] of Object.entries(shared.errors)) errors[field] = STAFF_WORDING[message] ?? message;
  }

  const unit = shared.ok && shared.value.suggestedUnitId ? choices.units.find((u) => u.id === shared.value.suggestedUnitId) : undefined;
  if ((mode === 'quick' || mode === 'internal') && !unit && !errors.unit) {
    errors.unit = sv(mode === 'quick' ? 'registration.validation.unitQuick' : 'registration.validation.unitInternal');
  }

  const confirmed = input.confirmed === 'ja';
  if (mode !== 'internal' && !confirmed) errors.confirmed = sv('registration.validation.confirmed');

  let quick: QuickFields | undefined;
  if (mode === 'quick') quick = validateQuickFields(input, choices, unit, errors);

  for (const field of malformed) errors[field] = sv('registration.validation.repeated');
  if (Object.keys(errors).length > 0 || !shared.ok) return { ok: false, errors };

  const s = shared.value;
  const onBehalf: OnBehalfInput = {
    kind: s.kind,
    description: s.description,
    channel: channel!,
    receivedAt: receivedAt!,
    confirmedWithSubmitter: mode !== 'internal' && confirmed,
    // Internal cases are never published, so there is nothing to say no to.
    publicationOptOut: mode !== 'internal' && input.noPublish === 'ja',
    contact: s.contact,
    suggestedUnitId: s.suggestedUnitId,
    internal: mode === 'internal',
    formId: input.formId,
  };
  if (mode !== 'quick') return { ok: true, value: { mode, onBehalf } };

  const answer = quick!.answer;
  // A written-down answer becomes a message on the case when it went by a channel messages know.
  const messageChannel = answer ? answerChannel(channel!, s.contact) : undefined;
  const quickInput: QuickCaseInput = {
    ...onBehalf,
    ...quick!,
    classification: { ...quick!.classification, kind: s.kind },
    answer: answer && { ...answer, channel: messageChannel, occurredOn: swedishDate(receivedAt!) },
  };
  return { ok: true, value: { mode, quick: quickInput } };
}

/** The quick case's own fields; the kind comes with the rest of the person's submission. */
type QuickFields = Omit<QuickCaseInput, keyof OnBehalfInput | 'classification'> & { classification: Omit<Classification, 'kind'> };

function validateQuickFields(
  input: RegistrationInput,
  choices: RegistrationChoices,
  unit: RegistrationChoices['units'][number] | undefined,
  errors: FieldErrors,
): QuickFields | undefined {
  const area = choices.areas.find((a) => a.id === input.area);
  if (!area) errors.area = sv('registration.validation.area');

  const subcategory = input.subcategory ? choices.subcategories.find((c) => c.id === input.subcategory) : undefined;
  const forvaltning = unit ? choices.units.find((u) => u.id === unit.ancestor_ids[0]) : undefined;
  if (input.subcategory && !subcategory) errors.subcategory = sv('registration.validation.subcategoryUnknown');
  else if (subcategory && unit && !unit.ancestor_ids.includes(subcategory.org_unit_id!)) {
    errors.subcategory = forvaltning ? sv('registration.validation.subcategoryWrongUnit', { forvaltning: forvaltning.name }) : sv('registration.validation.subcategoryWrongUnitUnnamed');
  } else if (!subcategory && forvaltning?.subcategory_required) {
    errors.subcategory = sv('registration.validation.subcategoryRequired', { forvaltning: forvaltning.name });
  }

  const significance = input.significance;
  if (significance !== 'important' && significance !== 'routine') errors.significance = sv('registration.validation.significance');

  const confidential = input.confidential === 'ja';
  const ref = input.confidentialityRef.trim();
  if (confidential && !ref) errors.confidentialityRef = sv('registration.validation.confidentialityRefMissing');
  else if (tooLong(ref, MAX_REF)) errors.confidentialityRef = sv('registration.validation.confidentialityRefTooLong', { max: String(MAX_REF) });

  if (tooLong(input.answerText, MAX_TEXT)) errors.answerText = sv('registration.validation.answerTooLong', { max: MAX_TEXT });

  const outcome = input.outcome as Outcome;
  if (!(outcome in OUTCOMES)) errors.outcome = sv('registration.validation.outcome');

  if (tooLong(input.measures, MAX_TEXT)) errors.measures = sv('registration.validation.measuresTooLong', { max: MAX_TEXT });

  if (!area || !unit || errors.subcategory || errors.significance || errors.outcome) return undefined;
  return {
    classification: {
      areaId: area.id,
      subcategoryId: subcategory?.id ?? null,
      significance: significance as 'important' | 'routine',
      confidential,
      confidentialityRef: confidential ? ref : null,
      unitId: unit.id,
    },
    outcome,
    measures: input.measures.trim() || undefined,
    answer: blank(input.answerText) ? undefined : { body: input.answerText },
  };
}

/** Phone, e-mail and letter answers are kept as messages, if the person left the detail they went to. */
function answerChannel(channel: Channel, contact: OnBehalfInput['contact']): MessageChannel | undefined {
  if (!contact) return undefined;
  if (channel === 'phone' && contact.phone) return 'phone';
  if (channel === 'email' && contact.email) return 'email';
  if (channel === 'letter' && contact.address) return 'letter';
  return undefined;
}
