/**
 * The part of JSON Schema the API uses. Typed, so a misspelt keyword fails the type check instead
 * of being silently ignored by the validator and the OpenAPI document alike. Only keywords that
 * mean the same in Ajv's default draft and in OpenAPI 3.1's JSON Schema 2020-12 are listed.
 */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  description?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean;
  format?: 'date-time' | 'date' | 'uuid' | 'email' | 'uri' | 'binary';
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  examples?: readonly unknown[];
  oneOf?: readonly JsonSchema[];
  /** OpenAPI only; never handed to the validator. */
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  $ref?: string;
}
