import { common, component, error, json, parameters, type PathItem } from '../api/openapiParts.ts';
import type { JsonSchema } from '../api/jsonSchema.ts';
import { auditFeedQuerySchema, auditFeedSchema } from './apiSchemas.ts';

/** The audit feed's part of the OpenAPI document. */
export function auditOpenApi(): { paths: Record<string, PathItem>; schemas: Record<string, JsonSchema> } {
  return {
    paths: {
      '/audit': {
        get: {
          operationId: 'auditFeed',
          summary: 'The admin log, oldest first, for a SIEM',
          description:
            'Every change in the administration (who, when, what, before and after; secrets replaced). Keep the last `next` and ask with `after=<next>` to get only what came since. Keys with the administrator role.',
          tags: ['audit'],
          parameters: parameters(auditFeedQuerySchema, 'query'),
          responses: {
            200: { description: 'Entries after `after`, at most `limit`.', content: json(component('AuditFeed')) },
            400: error('A parameter is not valid.'),
            404: error('The key does not have the administrator role.'),
            ...common,
          },
        },
      },
    },
    schemas: { AuditFeed: auditFeedSchema },
  };
}
