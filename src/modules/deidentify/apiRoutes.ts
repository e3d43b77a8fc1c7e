import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { apiActor } from '../api/auth.ts';
import type { ApiErrorBody } from '../api/errors.ts';
import type { JsonSchema } from '../api/jsonSchema.ts';
import { findOrganizationById } from '../organizations/queries.ts';
import { FINDING_KINDS, deidentify } from './index.ts';
import { organizationContacts } from './organizationContacts.ts';

/** The longest text one request may de-identify, in characters. */
export const MAX_DEIDENTIFY_CHARS = 20_000;

export const deidentifyRequestSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: { type: 'string', description: `The text, at most ${MAX_DEIDENTIFY_CHARS} characters.` } },
  examples: [{ text: 'Hej, jag heter Anna Svensson och bor på Storgatan 12. Ring 070-123 45 67.' }],
};

export const deidentifyResultSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text', 'findings'],
  properties: {
    text: { type: 'string', description: 'The text with each finding replaced by a Swedish label in brackets: [namn], [personnummer], [telefonnummer], [e-post], [adress], [registreringsnummer], [kontonummer].' },
    findings: {
      type: 'array',
      description: 'Personal data found, in text order. Offsets are UTF-16 code units into the text sent; end is exclusive.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'start', 'end'],
        properties: { kind: { type: 'string', enum: [...FINDING_KINDS] }, start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } },
      },
    },
  },
};

/**
 * POST /api/v1/deidentify: proposes a de-identified version of a text, for any staff key. The
 * organization's own published contact details stay. Nothing is stored and the text is not logged.
 */
export function deidentifyApiRoutes(app: FastifyInstance, deps: { db: Db }): void {
  app.post<{ Body: { text: string } }>(
    '/deidentify',
    {
      schema: { body: deidentifyRequestSchema, response: { 200: deidentifyResultSchema } },
      // Too long is 413 before anything else is said about the body.
      preValidation: async (req, reply) => {
        const text = (req.body as { text?: unknown } | undefined)?.text;
        if (typeof text === 'string' && text.length > MAX_DEIDENTIFY_CHARS && [...text].length > MAX_DEIDENTIFY_CHARS) {
          return reply.code(413).send({ code: 'payload_too_large', message: `Texten får vara högst ${MAX_DEIDENTIFY_CHARS.toLocaleString('sv-SE')} tecken.` } satisfies ApiErrorBody);
        }
      },
    },
    async (req) => {
      const org = await findOrganizationById(deps.db, apiActor(req).organizationId);
      return deidentify(req.body.text, { keep: org ? organizationContacts(org.settings ?? {}) : [] });
    },
  );
}
