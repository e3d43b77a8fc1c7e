import type { JsonSchema } from '../api/jsonSchema.ts';

export interface AuditFeedQuery {
  after?: string;
  since?: string;
  limit?: number;
}

export const auditFeedQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'string', pattern: '^[0-9]{1,18}$', description: 'Only entries after this id (the `next` of the previous answer).' },
    since: { type: 'string', format: 'date-time', description: 'Only entries from this time on.' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'At most this many entries (1–1000).' },
  },
};

const entry: JsonSchema = {
  type: 'object',
  required: ['id', 'occurredAt', 'actor', 'action', 'entityType', 'entityId', 'forvaltning', 'summary', 'before', 'after'],
  properties: {
    id: { type: 'string', description: 'Increasing; use as `after` to continue.' },
    occurredAt: { type: 'string', format: 'date-time' },
    actor: { type: 'object', required: ['userId', 'label'], properties: { userId: { type: ['string', 'null'] }, label: { type: 'string' } } },
    action: { type: 'string', description: 'create, update, deactivate, grant, revoke, …' },
    entityType: { type: 'string', description: 'organization, unit, user, role_grant, category, settings, api_key, …' },
    entityId: { type: ['string', 'null'] },
    forvaltning: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } } },
    summary: { type: 'string', description: 'One line in Swedish.' },
    before: { description: 'The changed values before (secrets replaced), or null.' },
    after: { description: 'The changed values after (secrets replaced), or null.' },
  },
};

export const auditFeedSchema: JsonSchema = {
  type: 'object',
  required: ['items', 'next'],
  properties: {
    items: { type: 'array', items: entry },
    next: { type: 'string', description: 'Ask with after=<next> for what comes later.' },
  },
};
