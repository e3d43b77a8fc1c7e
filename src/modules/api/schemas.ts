import type { CaseKind, Channel, MessageChannel, ReplyChannel } from '../../db/schema.ts';
import { CHANNEL_LABEL, KINDS, REPLY_CHANNELS } from '../cases/labels.ts';
import { EVENTS, OUTCOMES, REFERRAL_TYPES, STATUSES, type CaseEvent, type Outcome, type ReferralType, type Status } from '../cases/lifecycle.ts';
import { SORTS, type Sort } from '../cases/listQueries.ts';
import { MAX_DESCRIPTION } from '../intake/validation.ts';
import type { JsonSchema } from './jsonSchema.ts';

/**
 * Every request shape of the API, once. The routes validate with these objects and the OpenAPI
 * document is built from the same objects, so the two cannot drift apart. The TypeScript types
 * below each schema are what the handlers see after validation. Responses: responseSchemas.ts.
 */

/** Every channel but Open311, which has its own endpoint. web: an e-service platform passing on a citizen's own submission. */
export const API_CHANNELS = (Object.keys(CHANNEL_LABEL) as Channel[]).filter((c): c is Exclude<Channel, 'open311'> => c !== 'open311');
/** Snabbsynpunkt creates a case and closes it in one step; it is not a transition of an existing case. */
export type ApiEvent = Exclude<CaseEvent, 'quick_close'>;
export const API_EVENTS = EVENTS.filter((e): e is ApiEvent => e !== 'quick_close');

export const CASE_NUMBER_PATTERN = '^[A-Za-z]{3}-[0-9]{4}-[0-9]{5,}$';
const MESSAGE_CHANNELS: readonly MessageChannel[] = ['email', 'phone', 'letter'];

const uuid = (description?: string): JsonSchema => ({ type: 'string', format: 'uuid', ...(description ? { description } : {}) });
const nullable = (s: JsonSchema): JsonSchema => ({ ...s, type: [s.type as 'string', 'null'] });
const text = (maxLength: number, description?: string, minLength = 0): JsonSchema => ({ type: 'string', maxLength, ...(minLength ? { minLength } : {}), ...(description ? { description } : {}) });
const oneOfValues = (values: readonly string[], description?: string): JsonSchema => ({ type: 'string', enum: values, ...(description ? { description } : {}) });

// ---- Requests ------------------------------------------------------------------------------

/** Same limits as the citizen form (intake/validation.ts), which also checks the contact rules. */
const contactInput: JsonSchema = {
  type: ['object', 'null'],
  description: 'The submitter. null for an anonymous submission: then no answer can be sent.',
  additionalProperties: false,
  required: ['name', 'replyChannel'],
  properties: {
    name: text(200),
    email: nullable(text(254, 'Required when replyChannel is email.')),
    phone: nullable(text(40, 'Digits with the usual separators. Required when replyChannel is phone.')),
    address: nullable(text(500, 'Postal address. Required when replyChannel is letter.')),
    replyChannel: oneOfValues(REPLY_CHANNELS, 'How the submitter wants the answer; none = no answer wanted (then give at least one way to reach them).'),
  },
};

export const newCaseSchema: JsonSchema = {
  type: 'object',
  description:
    'Registers feedback: received by phone, letter, visit … on the submitter’s behalf (by calling this the integration confirms the person was asked first, rule 6), or with channel web a citizen’s own submission through an e-service platform. The case lands in the registrar’s inbox with status received. To attach files send multipart/form-data: this object as JSON in a part named case, and up to 3 files of at most 10 MB in parts named attachments (PDF, JPG, PNG, HEIC, Word, text; checked by content like the web form).',
  additionalProperties: false,
  required: ['kind', 'description', 'channel', 'contact'],
  properties: {
    kind: oneOfValues(KINDS, 'klagomal, fraga, berom or forslag.'),
    description: text(MAX_DESCRIPTION, 'The feedback in the submitter’s words.', 1),
    channel: oneOfValues(API_CHANNELS, 'How the feedback came in; web for a citizen’s own submission through an e-service.'),
    language: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$', maxLength: 35, description: 'The language the person wrote in, as a BCP 47 tag (sv, en, fi, ar …).' },
    receivedAt: { type: 'string', format: 'date-time', description: 'When it was really received, with a time zone. Defaults to now; never in the future.' },
    contact: contactInput,
    suggestedUnitId: nullable(uuid('A förvaltning the submitter or the integration thinks it concerns; the registrar decides.')),
    publicationOptOut: {
      type: 'boolean',
      description:
        'true: the submitter said no to publishing a de-identified version of the feedback and its answer on the website (rule 19). Ask them, as the web form does. Defaults to false; staff can change it on the case later.',
    },
  },
  examples: [
    {
      kind: 'klagomal',
      description: 'Gatlyktan utanför Storgatan 5 har varit trasig i två veckor.',
      channel: 'phone',
      receivedAt: '2026-12-22T10:00:00+01:00',
      contact: { name: 'Eva Exempel', email: 'eva@example.se', phone: null, address: null, replyChannel: 'email' },
    },
    {
      kind: 'forslag',
      description: 'Snälla sätt upp en parkbänk vid lekplatsen i Ekbacken.',
      channel: 'web',
      language: 'sv',
      contact: { name: 'Omar Exempel', email: 'omar@example.se', phone: null, address: null, replyChannel: 'email' },
    },
  ],
};

export interface NewCaseBody {
  kind: CaseKind;
  description: string;
  channel: Exclude<Channel, 'open311'>;
  language?: string;
  receivedAt?: string;
  contact: null | { name: string; email?: string | null; phone?: string | null; address?: string | null; replyChannel: ReplyChannel };
  suggestedUnitId?: string | null;
  publicationOptOut?: boolean;
}

const version: JsonSchema = { type: 'integer', minimum: 1, description: 'The case version you last read. If the case changed since, nothing is saved and the answer is 409 stale_version.' };

const replyInput: JsonSchema = {
  type: 'object',
  description: 'A standard reply to the submitter, recorded on the case (e-mail is queued for sending).',
  additionalProperties: false,
  required: ['channel', 'body'],
  properties: { channel: oneOfValues(MESSAGE_CHANNELS), subject: text(200), body: text(20_000, undefined, 1) },
};

function eventSchema(event: ApiEvent, description: string, properties: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['event', ...required],
    properties: { event: { type: 'string', const: event }, version, ...properties },
  };
}

const comment = { comment: text(2000, 'Why; kept in the case history.') };

/** One schema per event: what each transition needs besides the event name. */
export const transitionSchemas: Record<ApiEvent, JsonSchema> = {
  register: eventSchema(
    'register',
    'Classify a received case and route it to a förvaltning or unit.',
    {
      kind: oneOfValues(KINDS),
      areaId: uuid('Level-2 category (område).'),
      subcategoryId: nullable(uuid('Underkategori; mandatory where the förvaltning says so.')),
      significance: oneOfValues(['important', 'routine'], 'important = av vikt för verksamheten (archived); routine = rutinmässig (disposed of after the retention period).'),
      confidential: { type: 'boolean', default: false },
      confidentialityRef: nullable(text(200, 'Legal reference, required when confidential, e.g. OSL 26 kap. 1 §.')),
      unitId: uuid(),
    },
    ['kind', 'areaId', 'significance', 'unitId'],
  ),
  route: eventSchema('route', 'Send to another förvaltning or unit; clears the handler.', { unitId: uuid() }, ['unitId']),
  assign: eventSchema('assign', 'Assign (or reassign) to a handler, optionally in another unit.', { handlerId: uuid('A user with a handler, coordinator or admin role there.'), unitId: uuid() }, ['handlerId']),
  start: eventSchema('start', 'The handler starts working on the case.', comment),
  wait: eventSchema('wait', 'Waiting for the submitter: the deadline clock pauses.', comment),
  resume: eventSchema('resume', 'The submitter answered: the clock runs again.', comment),
  answer: eventSchema(
    'answer',
    'Answer the submitter. E-mail is queued for sending, a letter is recorded for printing, a phone call is recorded as a note.',
    { channel: oneOfValues(MESSAGE_CHANNELS), subject: text(200), body: text(20_000, undefined, 1), occurredOn: { type: 'string', format: 'date', description: 'For a phone call: the day it was made.' } },
    ['channel', 'body'],
  ),
  close: eventSchema('close', 'Close with an outcome and the measures taken.', { outcome: oneOfValues(Object.keys(OUTCOMES)), measures: text(10_000, 'Åtgärd: what was done.') }, ['outcome']),
  reopen: eventSchema('reopen', 'Reopen a closed or answered case.', comment),
  refer: eventSchema('refer', 'Not a synpunkt: refer it elsewhere.', { referralType: oneOfValues(Object.keys(REFERRAL_TYPES)), reply: replyInput }, ['referralType']),
  reject: eventSchema('reject', 'Offensive content: not handled.', { reason: text(2000, undefined, 1), reply: replyInput }, ['reason']),
  spam: eventSchema('spam', 'Spam: not handled and never answered; outcome spam, counted apart from everything in the statistics.', {}),
  merge: eventSchema('merge', 'A duplicate: merge into another case.', { intoNumber: { type: 'string', pattern: CASE_NUMBER_PATTERN, description: 'The case it duplicates, e.g. SYN-2026-00042.' } }, ['intoNumber']),
  withdraw: eventSchema('withdraw', 'The submitter withdrew the feedback.', comment),
};

/** What the route itself checks; the event's own schema is checked next, so errors name the event's fields. */
export const transitionEnvelopeSchema: JsonSchema = {
  type: 'object',
  required: ['event'],
  properties: { event: oneOfValues(API_EVENTS) },
};

type Versioned<T> = T & { version?: number };
export type TransitionBody = Versioned<
  | { event: 'register'; kind: CaseKind; areaId: string; subcategoryId?: string | null; significance: 'important' | 'routine'; confidential?: boolean; confidentialityRef?: string | null; unitId: string }
  | { event: 'route'; unitId: string }
  | { event: 'assign'; handlerId: string; unitId?: string }
  | { event: 'start' | 'wait' | 'resume' | 'reopen' | 'withdraw'; comment?: string }
  | { event: 'answer'; channel: MessageChannel; subject?: string; body: string; occurredOn?: string }
  | { event: 'close'; outcome: Outcome; measures?: string }
  | { event: 'refer'; referralType: ReferralType; reply?: ReplyInput }
  | { event: 'reject'; reason: string; reply?: ReplyInput }
  | { event: 'spam' }
  | { event: 'merge'; intoNumber: string }
>;
export interface ReplyInput {
  channel: MessageChannel;
  subject?: string;
  body: string;
}

export const listQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'array', items: oneOfValues(STATUSES), description: 'Repeat the parameter or separate with commas.' },
    open: { type: 'boolean', description: 'Only open cases (received … answered).' },
    kind: { type: 'array', items: oneOfValues(KINDS) },
    unit: uuid('A unit: cases in it and everything below it.'),
    area: uuid(),
    handler: uuid(),
    unassigned: { type: 'boolean' },
    overdue: { type: 'boolean', description: 'Past the answer deadline and not yet answered.' },
    receivedFrom: { type: 'string', format: 'date', description: 'First day, Swedish time.' },
    receivedTo: { type: 'string', format: 'date', description: 'Last day, Swedish time.' },
    q: text(200, 'Free text, Swedish stemming; or a case number. Searches the description only for keys whose role may read it; reader, archivist and unit_admin keys search the number and the names of the area, subcategory, unit and handler.'),
    sort: { ...oneOfValues(Object.keys(SORTS)), default: 'received_desc' },
    page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    updatedSince: { type: 'string', format: 'date-time', description: 'Sync: only cases changed at or after this time, oldest change first, paged by cursor (page and sort do not apply).' },
    cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,200}$', description: 'Sync: nextCursor of the previous page; the cases changed after it, oldest change first. Keep the last one and start from it next time.' },
  },
};

export interface ListQuery {
  status?: Status[];
  open?: boolean;
  kind?: CaseKind[];
  unit?: string;
  area?: string;
  handler?: string;
  unassigned?: boolean;
  overdue?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  q?: string;
  sort: Sort;
  page: number;
  pageSize: number;
  updatedSince?: string;
  cursor?: string;
}

export const numberParamsSchema: JsonSchema = {
  type: 'object',
  required: ['number'],
  properties: { number: { type: 'string', pattern: CASE_NUMBER_PATTERN, description: 'The case number, e.g. SYN-2026-00042.' } },
};
