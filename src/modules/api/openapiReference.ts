import type { JsonSchema } from './jsonSchema.ts';
import { common, component, error, json, parameters, type PathItem } from './openapiParts.ts';
import { areaListSchema, handlerListSchema, handlersQuerySchema, unitListSchema } from './referenceSchemas.ts';

/** Reference data paths of the OpenAPI document. */
export function referenceOpenApi(): { paths: Record<string, PathItem>; schemas: Record<string, JsonSchema> } {
  return {
    paths: {
      '/units': {
        get: { operationId: 'listUnits', summary: 'The unit tree: förvaltningar, avdelningar, enheter', tags: ['reference'], responses: { 200: { description: 'Active units, depth first.', content: json(component('UnitList')) }, ...common } },
      },
      '/areas': {
        get: {
          operationId: 'listAreas',
          summary: 'Areas, and each förvaltning’s subcategories',
          tags: ['reference'],
          responses: { 200: { description: 'What areaId and subcategoryId of a register transition may be.', content: json(component('AreaList')) }, ...common },
        },
      },
      '/handlers': {
        get: {
          operationId: 'listHandlers',
          summary: 'Staff who can be assigned cases',
          tags: ['reference'],
          parameters: parameters(handlersQuerySchema, 'query'),
          responses: {
            200: { description: 'Who handlerId of an assign transition may be.', content: json(component('HandlerList')) },
            400: error('unit is not an id.'),
            403: error('Only registrar, coordinator and admin keys list staff.'),
            404: error('No such active unit.'),
            ...common,
          },
        },
      },
    },
    schemas: { UnitList: unitListSchema, AreaList: areaListSchema, HandlerList: handlerListSchema },
  };
}

/** POST /cases also takes multipart/form-data: the JSON in a part named case, the files in parts named attachments; any other part is refused. */
export const newCaseMultipart: JsonSchema = {
  type: 'object',
  required: ['case'],
  additionalProperties: false,
  properties: {
    case: component('NewCase'),
    attachments: { type: 'array', maxItems: 3, items: { type: 'string', format: 'binary' }, description: 'At most 3 files of at most 10 MB: PDF, JPG, PNG, HEIC, Word (doc, docx), text.' },
  },
};
