import { common, component, error, json, parameters, type PathItem } from '../api/openapiParts.ts';
import type { JsonSchema } from '../api/jsonSchema.ts';
import { createdWebhookSchema, newWebhookSchema, webhookDetailSchema, webhookListSchema, webhookParamsSchema, webhookPayloadSchema, webhookSchema } from './apiSchemas.ts';
import { WEBHOOK_EVENT_TYPES } from './events.ts';

/** The webhooks part of the OpenAPI document: the management paths and, under `webhooks`, what a receiver gets. */
export function webhookOpenApi(): { paths: Record<string, PathItem>; webhooks: Record<string, PathItem>; schemas: Record<string, JsonSchema> } {
  const id = parameters(webhookParamsSchema, 'path');
  const forbidden = error('The key is not an admin key.');
  return {
    paths: {
      '/webhooks': {
        get: { operationId: 'listWebhooks', summary: 'List webhook subscriptions', tags: ['webhooks'], responses: { 200: { description: 'The subscriptions.', content: json(component('WebhookList')) }, 403: forbidden, ...common } },
        post: {
          operationId: 'createWebhook',
          summary: 'Subscribe a URL to events',
          description: newWebhookSchema.description,
          tags: ['webhooks'],
          requestBody: { required: true, content: json(component('NewWebhook')) },
          responses: {
            201: { description: 'Created. The secret is in this answer only.', content: json(component('CreatedWebhook')) },
            400: error('Invalid input: fields names what (e.g. plain http to another host).'),
            403: forbidden,
            ...common,
          },
        },
      },
      '/webhooks/{id}': {
        get: {
          operationId: 'getWebhook',
          summary: 'One subscription with its delivery log',
          tags: ['webhooks'],
          parameters: id,
          responses: { 200: { description: 'The subscription and its latest deliveries.', content: json(component('WebhookDetail')) }, 403: forbidden, 404: error('No such subscription.'), ...common },
        },
        delete: {
          operationId: 'deleteWebhook',
          summary: 'Stop a subscription for good',
          tags: ['webhooks'],
          parameters: id,
          responses: { 204: { description: 'Deleted; nothing more is sent.' }, 403: forbidden, 404: error('No such subscription.'), ...common },
        },
      },
      '/webhooks/{id}/resume': {
        post: {
          operationId: 'resumeWebhook',
          summary: 'Resume a paused subscription',
          description: 'Everything recorded while it was paused is sent, in order per case.',
          tags: ['webhooks'],
          parameters: id,
          responses: { 200: { description: 'The subscription, active again.', content: json(component('Webhook')) }, 403: forbidden, 404: error('No such subscription.'), ...common },
        },
      },
    },
    webhooks: Object.fromEntries(
      WEBHOOK_EVENT_TYPES.map((t) => [
        t,
        {
          post: {
            operationId: `on_${t.replace('.', '_')}`,
            summary: `${t} (Standard Webhooks 1.0)`,
            description:
              'Verify webhook-signature before trusting the body (for example with the standardwebhooks package). The same webhook-id comes on every retry: use it to ignore repeats. Answer 2xx within 10 s; anything else is retried with exponential back-off for 24 hours, in order per case. 410 Gone pauses the subscription.',
            tags: ['webhooks'],
            security: [],
            requestBody: { required: true, content: json(component('WebhookPayload')) },
            responses: { 200: { description: 'Received.' } },
          },
        },
      ]),
    ),
    schemas: {
      NewWebhook: newWebhookSchema,
      Webhook: webhookSchema,
      CreatedWebhook: createdWebhookSchema,
      WebhookList: webhookListSchema,
      WebhookDetail: webhookDetailSchema,
      WebhookPayload: webhookPayloadSchema,
    },
  };
}
