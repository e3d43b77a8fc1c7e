import type { JsonSchema } from '../api/jsonSchema.ts';
import { FINDING_KINDS } from '../deidentify/index.ts';
import { MAX_REASON, MAX_TEXT, MAX_TITLE } from './validation.ts';

/** Request and response shapes of the publication endpoints; the routes and the OpenAPI document use these objects. */

const text = (maxLength: number, description: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength, description });

export const draftBodySchema: JsonSchema = {
  type: 'object',
  description: 'Each field defaults to the de-identified text: the title to the first sentence of the question, the question to the submitter’s text and the answer to the latest answer sent, with what the de-identification found replaced by labels such as [namn]. A text holding a valid personnummer or the submitter’s own contact details answers 422 never_published: they are never published.',
  additionalProperties: false,
  properties: {
    title: text(MAX_TITLE, 'A short title for the archive.'),
    question: text(MAX_TEXT, 'The question as it is to be published.'),
    answer: text(MAX_TEXT, 'The answer as it is to be published.'),
  },
};

export const approveBodySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    confirm: {
      type: 'boolean',
      description:
        'true: you have checked what still looks like personal data in the draft (see remaining in the draft) and none of it identifies a private person. Without it such a draft answers 422 personal_data. A valid personnummer and the submitter’s own name, e-mail, phone or address are never published: a draft holding one cannot be saved, and approving answers 422 never_published whatever confirm says.',
    },
  },
};

export const withdrawBodySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: text(MAX_REASON, 'Why it is withdrawn; kept in the case history.') },
};

const finding: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'kind', 'start', 'end'],
  properties: {
    field: { type: 'string', enum: ['title', 'question', 'answer'] },
    kind: { type: 'string', enum: FINDING_KINDS },
    start: { type: 'integer', minimum: 0, description: 'UTF-16 offset, inclusive.' },
    end: { type: 'integer', minimum: 0, description: 'UTF-16 offset, exclusive.' },
  },
};

export const draftSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'version', 'title', 'question', 'answer', 'findings', 'remaining'],
  properties: {
    status: { type: 'string', enum: ['draft'] },
    version: { type: 'integer', description: 'The saved version’s number; every saved text is a new version.' },
    title: { type: 'string' },
    question: { type: 'string' },
    answer: { type: 'string' },
    findings: { type: 'array', items: finding, description: 'What the de-identification found in the originals (question: the submitter’s text, answer: the answer sent), offsets into those originals. The default texts have each replaced by its label.' },
    remaining: { type: 'array', items: finding, description: 'What still looks like personal data in this draft’s own text (offsets into it), for the approver to check (see confirm). Empty for the defaults.' },
  },
};

const versionOut: JsonSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['version', 'title', 'question', 'answer', 'savedAt', 'savedBy'],
  properties: {
    version: { type: 'integer' },
    title: { type: 'string' },
    question: { type: 'string' },
    answer: { type: 'string' },
    savedAt: { type: 'string', format: 'date-time' },
    savedBy: { type: 'string' },
  },
};

export const publicationSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'url', 'draft', 'published', 'firstPublishedAt', 'withdrawnAt', 'withdrawnReason'],
  properties: {
    status: { type: 'string', enum: ['none', 'draft', 'published', 'withdrawn'], description: 'draft: a draft waits for approval (an older version may be public meanwhile; see published).' },
    url: { type: ['string', 'null'], description: 'The public page, while published.' },
    draft: versionOut,
    published: versionOut,
    firstPublishedAt: { type: ['string', 'null'], format: 'date-time' },
    withdrawnAt: { type: ['string', 'null'], format: 'date-time' },
    withdrawnReason: { type: ['string', 'null'] },
  },
};

export const approvedSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'url', 'version'],
  properties: { status: { type: 'string', enum: ['published'] }, url: { type: 'string' }, version: { type: 'integer' } },
};

export const withdrawnSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { type: 'string', enum: ['withdrawn'] } },
};
