import type { JsonSchema } from './jsonSchema.ts';

/** The subset of OpenAPI 3.1 this document uses. */
export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
  style?: 'form';
  explode?: boolean;
}
export type MediaContent = Partial<Record<'application/json' | 'multipart/form-data' | 'application/zip' | 'text/xml', { schema: JsonSchema }>>;
export interface Response {
  description: string;
  content?: MediaContent;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}
export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: MediaContent };
  responses: Record<string, Response>;
}
export type PathItem = Partial<Record<'get' | 'post' | 'delete', Operation>>;

export const json = (schema: JsonSchema): MediaContent => ({ 'application/json': { schema } });
export const component = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const error = (description: string): Response => ({ description, content: json(component('Error')) });

/** Query and path parameters straight from the schema the route validates with. */
export function parameters(schema: JsonSchema, where: 'query' | 'path'): Parameter[] {
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    ...(s.description ? { description: s.description } : {}),
    schema: s,
    ...(s.type === 'array' ? { style: 'form' as const, explode: true } : {}),
  }));
}


export const common = {
  401: error('No key, or an unknown or revoked key.'),
  500: error('Something went wrong on the server.'),
};
