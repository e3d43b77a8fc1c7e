import { KINDS, REPLY_CHANNELS } from '../cases/labels.ts';
import { STATUSES } from '../cases/lifecycle.ts';
import { MAX_SHOWN_BODY } from '../mailin/conversation.ts';
import type { JsonSchema } from './jsonSchema.ts';
import { API_EVENTS } from './schemas.ts';

/**
 * What the API answers, as JSON Schema. The routes serialize with these (so nothing outside them
 * leaves the server) and the OpenAPI document publishes the same objects.
 */

const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const oneOfValues = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: values });
const nullable = (s: JsonSchema): JsonSchema => ({ ...s, type: [s.type as 'string', 'null'] });

// ---- Responses -----------------------------------------------------------------------------

const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const date: JsonSchema = { type: 'string', format: 'date' };
const ref = (description: string): JsonSchema => ({
  type: ['object', 'null'],
  description,
  additionalProperties: false,
  required: ['id', 'name'],
  properties: { id: uuid, name: { type: 'string' } },
});
const nullableString: JsonSchema = { type: ['string', 'null'] };

const eventOutput: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'label', 'fromStatus', 'toStatus', 'at', 'actor'],
  properties: {
    type: { type: 'string', description: 'A lifecycle event, or received, note, measure, link, update, message.' },
    label: { type: 'string', description: 'In Swedish, as staff read it.' },
    fromStatus: nullableString,
    toStatus: nullableString,
    at: dateTime,
    actor: { ...nullableString, description: 'The staff member or API key; null for the submitter.' },
  },
};

const contactOutput: JsonSchema = {
  type: ['object', 'null'],
  description: 'Present only for roles that may see personal data (not readers or unit admins); null when anonymous.',
  additionalProperties: false,
  required: ['name', 'email', 'phone', 'address', 'replyChannel'],
  properties: { name: nullableString, email: nullableString, phone: nullableString, address: nullableString, replyChannel: oneOfValues(REPLY_CHANNELS) },
};

const messageOutput: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'direction', 'channel', 'from', 'to', 'subject', 'body', 'bodyTruncated', 'at', 'deliveryStatus', 'attachments'],
  properties: {
    id: uuid,
    direction: oneOfValues(['in', 'out']),
    channel: { type: 'string', description: 'email, letter or phone.' },
    from: { ...nullableString, description: 'The sender’s address of a mail in; null for messages out (the organization).' },
    to: nullableString,
    subject: nullableString,
    body: { type: 'string', description: `The text without quoted earlier messages and signature; the case page shows the quotes too. At most the first ${MAX_SHOWN_BODY} characters (see bodyTruncated).` },
    bodyTruncated: { type: 'boolean', description: `True when the text is longer than ${MAX_SHOWN_BODY} characters and body holds only its start. The whole mail is its original message (.eml), from the case page.` },
    at: dateTime,
    deliveryStatus: { type: ['string', 'null'], enum: ['queued', 'sending', 'sent', 'failed', 'recorded', null], description: 'Messages out: failed when the mail could not be sent or bounced. Null for mail in.' },
    attachments: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['filename', 'contentType', 'size'], properties: { filename: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'integer' } } },
    },
  },
};

const caseProperties: Record<string, JsonSchema> = {
  number: { type: 'string' },
  status: oneOfValues(STATUSES),
  kind: oneOfValues(KINDS),
  channel: { type: 'string' },
  description: { ...nullableString, description: 'What the submitter wrote. Null for keys whose role may not see personal data (reader, unit_admin).' },
  receivedAt: dateTime,
  anonymous: { type: 'boolean' },
  internal: { type: 'boolean' },
  publicationOptOut: { type: 'boolean', description: 'The submitter said no to publishing a de-identified version (rule 19): the case cannot be published.' },
  quick: { type: 'boolean' },
  confidential: { type: 'boolean' },
  confidentialityRef: nullableString,
  significance: { type: ['string', 'null'], enum: ['important', 'routine', null] },
  area: ref('Level-2 category.'),
  subcategory: ref('Level-3 category.'),
  suggestedUnit: ref('What the submitter suggested.'),
  unit: ref('The förvaltning or unit the case is routed to.'),
  handler: ref('The responsible handler.'),
  outcome: nullableString,
  referralType: nullableString,
  mergedInto: { ...nullableString, description: 'The case number it was merged into.' },
  registeredAt: nullable(dateTime),
  firstAnsweredAt: nullable(dateTime),
  closedAt: nullable(dateTime),
  acknowledgeBy: nullable(date),
  answerBy: nullable(date),
  version: { type: 'integer', description: 'Send it back with a transition to refuse the change if someone else changed the case meanwhile.' },
  allowedEvents: { type: 'array', items: oneOfValues(API_EVENTS), description: 'The transitions this key may perform now.' },
  contact: contactOutput,
  updatedAt: { ...dateTime, description: 'The last change to the case or its history (see updatedSince on the list).' },
  language: { ...nullableString, description: 'The language the submitter wrote in (BCP 47), when known.' },
  place: {
    type: ['object', 'null'],
    description: 'Where, when the way in told (Open311): WGS84 coordinates and/or an address as written. Null for keys whose role may not see personal data.',
    additionalProperties: false,
    required: ['latitude', 'longitude', 'address'],
    properties: { latitude: { type: ['number', 'null'] }, longitude: { type: ['number', 'null'] }, address: nullableString },
  },
  mediaUrl: { ...nullableString, description: 'A link to a picture the submitter gave (Open311 media_url); never fetched by us.' },
  messages: { type: 'array', items: messageOutput, description: 'The conversation with the submitter, in and out, oldest first. Present only for roles that may see personal data.' },
  events: { type: 'array', items: eventOutput },
};
const caseRequired = Object.keys(caseProperties).filter((k) => k !== 'contact' && k !== 'messages');

export const caseSchema: JsonSchema = { type: 'object', additionalProperties: false, required: caseRequired, properties: caseProperties };

export const createdCaseSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...caseRequired, 'statusUrl'],
  properties: { ...caseProperties, statusUrl: { type: 'string', format: 'uri', description: 'The submitter’s private status page. Shown only now; give it to the submitter.' } },
};

export const caseSummarySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'status', 'kind', 'channel', 'receivedAt', 'updatedAt', 'answerBy', 'confidential', 'internal', 'area', 'unit', 'handler', 'excerpt'],
  properties: {
    number: { type: 'string' },
    status: oneOfValues(STATUSES),
    kind: oneOfValues(KINDS),
    channel: { type: 'string' },
    receivedAt: dateTime,
    updatedAt: dateTime,
    answerBy: nullable(date),
    confidential: { type: 'boolean' },
    internal: { type: 'boolean' },
    area: nullableString,
    unit: ref('The förvaltning or unit.'),
    handler: ref('The responsible handler.'),
    excerpt: { ...nullableString, description: 'The first 140 characters of the description. Null for confidential cases and for keys whose role may not see personal data.' },
  },
};

export const caseListSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'page', 'pageSize', 'hasMore', 'nextCursor'],
  properties: {
    items: { type: 'array', items: caseSummarySchema },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    hasMore: { type: 'boolean' },
    nextCursor: { type: ['string', 'null'], description: 'Sync (with updatedSince or cursor): pass it as cursor for what changed after this page. Also given on the last page, for the next sync.' },
  },
};

export const errorSchema: JsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: {
      type: 'string',
      description:
        'unauthorized, forbidden, not_found, invalid, invalid_json, unsupported_media_type, payload_too_large, uri_too_long, request_timeout, headers_too_large, illegal_transition, guard_failed, stale_version, conflict, too_many_requests, disposed, internal',
    },
    message: { type: 'string', description: 'In Swedish, fit to show a person.' },
    fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'For invalid: field path (a.b) → what is wrong with it.' },
    disposedAt: { type: 'string', format: 'date-time', description: 'For disposed (410): when the case was disposed of.' },
    decision: { type: 'string', description: 'For disposed (410): the decision it was disposed of under.' },
  },
};
