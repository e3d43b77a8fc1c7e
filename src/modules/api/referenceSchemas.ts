import type { JsonSchema } from './jsonSchema.ts';

/** Reference data for integrations: what the ids in cases and transitions mean. */

const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const named = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', ...Object.keys(extra)],
  properties: { id: uuid, name: { type: 'string' }, ...extra },
});

export const unitListSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      description: 'Active units depth first: each right after its parent, siblings in their order.',
      items: named({
        kind: { type: 'string', enum: ['forvaltning', 'avdelning', 'enhet'] },
        parentId: { type: ['string', 'null'], format: 'uuid' },
        path: { type: 'array', items: { type: 'string' }, description: 'Names from the förvaltning down to this unit.' },
        committee: { type: ['string', 'null'], description: 'The nämnd responsible (förvaltningar).' },
        subcategoryRequired: { type: 'boolean', description: 'Registering to this förvaltning needs a subcategory.' },
      }),
    },
  },
};

export const areaListSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['areas', 'forvaltningar'],
  properties: {
    areas: { type: 'array', items: named(), description: 'Level-2 categories (områden), the same for every förvaltning: areaId.' },
    forvaltningar: {
      type: 'array',
      description: 'Each förvaltning with its own subcategories: subcategoryId must belong to the förvaltning the case is registered to.',
      items: named({ subcategoryRequired: { type: 'boolean' }, subcategories: { type: 'array', items: named() } }),
    },
  },
};

export const handlersQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { unit: { type: 'string', format: 'uuid', description: 'Only those who can take cases in this unit (granted on it, above it or on the whole organization).' } },
};

export const handlerListSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: named({ roles: { type: 'array', items: { type: 'string', enum: ['handler', 'coordinator', 'admin'] } } }),
      description: 'Active staff who can be assigned cases (handlerId of assign).',
    },
  },
};
