import type { JsonSchema } from '../api/jsonSchema.ts';

/** Request and response shapes of the records endpoints; the routes validate with them and openapi.ts documents them. */
export const disposalsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date', description: 'Disposed on or after this day (Swedish date).' },
    to: { type: 'string', format: 'date', description: 'Disposed on or before this day (Swedish date).' },
    page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
};
export interface DisposalsQuery {
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const disposalSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'receivedOn', 'kind', 'area', 'forvaltning', 'closedOn', 'rule', 'ruleDecision', 'decision', 'disposedAt', 'disposedBy'],
  properties: {
    number: { type: 'string' },
    receivedOn: { type: 'string', format: 'date' },
    kind: { type: 'string' },
    area: { type: ['string', 'null'] },
    forvaltning: { type: ['string', 'null'] },
    closedOn: { type: 'string', format: 'date' },
    rule: { type: 'string', description: 'The rule of the retention schedule, in Swedish.' },
    ruleDecision: { type: 'string', description: 'The decision in the dokumenthanteringsplan the rule rests on.' },
    decision: { type: 'string', description: 'The decision to dispose (gallringsbeslut).' },
    disposedAt: { type: 'string', format: 'date-time' },
    disposedBy: { type: 'string' },
  },
};

export const disposalListSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'page', 'pageSize', 'hasMore'],
  properties: { items: { type: 'array', items: disposalSchema }, page: { type: 'integer' }, pageSize: { type: 'integer' }, hasMore: { type: 'boolean' } },
};

export const legalHoldBodySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'Why the case must not be disposed of or delivered.' } },
};

export const legalHoldLiftBodySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'Why the case may be disposed of or delivered again (JO closed its matter, a judgment became final).' } },
};

export const legalHoldSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'legalHold'],
  properties: {
    number: { type: 'string' },
    legalHold: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['reason', 'placedBy', 'placedAt'],
      properties: { reason: { type: 'string' }, placedBy: { type: 'string' }, placedAt: { type: 'string', format: 'date-time' } },
    },
  },
};
