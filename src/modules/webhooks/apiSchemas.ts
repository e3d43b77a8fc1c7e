import type { JsonSchema } from '../api/jsonSchema.ts';
import { WEBHOOK_EVENT_TYPES } from './events.ts';
import { MAX_DESCRIPTION, MAX_URL } from './subscriptions.ts';

/** Request and response shapes of /api/v1/webhooks; the routes validate and serialize with these, the OpenAPI document shows them. */

const eventType: JsonSchema = { type: 'string', enum: WEBHOOK_EVENT_TYPES };
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const nullableDateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };

export const newWebhookSchema: JsonSchema = {
  type: 'object',
  description:
    'Subscribes a URL to events. Deliveries follow Standard Webhooks 1.0: headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">, keyed with the secret without its whsec_ prefix, base64-decoded).',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { type: 'string', maxLength: MAX_URL, minLength: 1, description: 'https://…; plain http only to localhost, or with allowInsecureHttp.' },
    eventTypes: { type: 'array', items: eventType, minItems: 1, description: 'Defaults to every event type.' },
    description: { type: 'string', maxLength: MAX_DESCRIPTION },
    allowInsecureHttp: { type: 'boolean', default: false, description: 'Allow plain http to a host other than localhost. Payloads are thin, but signatures do not hide them.' },
  },
  examples: [{ url: 'https://diarium.kommun.se/lyhord/webhook', eventTypes: ['case.created', 'case.closed'], description: 'Diariets mottagning' }],
};

export interface NewWebhookBody {
  url: string;
  eventTypes?: string[];
  description?: string;
  allowInsecureHttp?: boolean;
}

const webhookProperties: Record<string, JsonSchema> = {
  id: { type: 'string', format: 'uuid' },
  url: { type: 'string' },
  description: { type: 'string' },
  eventTypes: { type: 'array', items: eventType },
  status: { type: 'string', enum: ['active', 'paused'], description: 'paused: failing for 24 hours, or the receiver answered 410 Gone. Events are kept and sent on resume.' },
  pauseReason: { type: ['string', 'null'] },
  pausedAt: nullableDateTime,
  failingSince: { ...nullableDateTime, description: 'Start of the current run of failed attempts.' },
  pendingDeliveries: { type: 'integer' },
  allowInsecureHttp: { type: 'boolean' },
  createdAt: dateTime,
};

export const webhookSchema: JsonSchema = { type: 'object', additionalProperties: false, required: Object.keys(webhookProperties), properties: webhookProperties };

export const createdWebhookSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(webhookProperties), 'secret'],
  properties: { ...webhookProperties, secret: { type: 'string', pattern: '^whsec_[A-Za-z0-9+/=]+$', description: 'The signing secret. Shown only now; it cannot be read again.' } },
};

export const webhookListSchema: JsonSchema = { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: webhookSchema } } };

const deliverySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['webhookId', 'type', 'caseNumber', 'status', 'attempts', 'lastStatusCode', 'lastError', 'createdAt', 'deliveredAt', 'nextAttemptAt'],
  properties: {
    webhookId: { type: 'string', description: 'The webhook-id header: the same on every attempt.' },
    type: eventType,
    caseNumber: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'], description: 'failed: given up after 24 hours of attempts.' },
    attempts: { type: 'integer' },
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    createdAt: dateTime,
    deliveredAt: nullableDateTime,
    nextAttemptAt: nullableDateTime,
  },
};

export const webhookDetailSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(webhookProperties), 'deliveries'],
  properties: { ...webhookProperties, deliveries: { type: 'array', items: deliverySchema, description: 'The latest 100, newest first.' } },
};

export const webhookParamsSchema: JsonSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };

/** The body every delivery has, documented for receivers. */
export const webhookPayloadSchema: JsonSchema = {
  type: 'object',
  description: 'The body of a delivery: thin, without personal data. Read the case with the API for more.',
  required: ['type', 'timestamp', 'data'],
  properties: {
    type: eventType,
    timestamp: { ...dateTime, description: 'When it happened (not when it was sent: see webhook-timestamp).' },
    data: {
      type: 'object',
      required: ['caseNumber', 'status', 'url'],
      properties: {
        caseNumber: { type: 'string' },
        status: { type: 'string', description: 'The case status after the event.' },
        url: { type: 'string', format: 'uri', description: 'The case in this API.' },
        packageUrl: { type: 'string', format: 'uri', description: 'case.exported: the diarium package.' },
      },
    },
  },
};
