import { deidentifyRequestSchema, deidentifyResultSchema, MAX_DEIDENTIFY_CHARS } from '../deidentify/apiRoutes.ts';
import { auditOpenApi } from '../audit/openapi.ts';
import type { JsonSchema } from './jsonSchema.ts';
import { common, component, error, json, parameters, type PathItem } from './openapiParts.ts';
import { webhookOpenApi } from '../webhooks/openapi.ts';
import { diariumOpenApi } from '../diarium/openapi.ts';
import { newCaseMultipart, referenceOpenApi } from './openapiReference.ts';
import { caseListSchema, caseSchema, createdCaseSchema, errorSchema } from './responseSchemas.ts';
import { API_EVENTS, listQuerySchema, newCaseSchema, numberParamsSchema, transitionSchemas } from './schemas.ts';
import { approvedSchema, approveBodySchema, draftBodySchema, draftSchema, publicationSchema, withdrawBodySchema, withdrawnSchema } from '../publication/apiSchemas.ts';
import { dataSubjectQuerySchema } from '../gdpr/apiRoutes.ts';
import { disposalListSchema, disposalsQuerySchema, legalHoldBodySchema, legalHoldLiftBodySchema, legalHoldSchema } from '../retention/apiSchemas.ts';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string; description?: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  webhooks?: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
}

const eventComponent = (e: string) => `Transition_${e}`;


/** Built once from the schemas in schemas.ts: the same objects the routes validate with. */
export function openApiDocument(): OpenApiDocument {
  const number = parameters(numberParamsSchema, 'path');
  const webhooks = webhookOpenApi();
  const audit = auditOpenApi();
  const reference = referenceOpenApi();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lyhörd API',
      version: '1',
      description:
        'Synpunktshantering for integrations and scripts. Authenticate with an API key as `Authorization: Bearer lyh_…`; a key belongs to one organization and one role, and sees exactly what a person with that role on the whole organization sees. Cases outside that scope answer 404. Every error is JSON `{code, message}`, with `fields` for invalid input.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }],
    tags: [
      { name: 'cases', description: 'Synpunkter: list, read, register on behalf, move through the lifecycle.' },
      { name: 'audit', description: 'The admin log as a feed, for a SIEM.' },
      { name: 'deidentify', description: 'Personal data in free text, found and labelled before publication.' },
      { name: 'publication', description: 'De-identified public versions of answered cases in the archive /svar (DOMAIN rule 19).' },
      { name: 'webhooks', description: 'Standard Webhooks subscriptions (admin keys) and what receivers get.' },
      { name: 'reference', description: 'What the ids in cases and transitions mean: units, areas, subcategories, handlers.' },
      { name: 'records', description: 'Records management: the disposal log (gallring), legal holds, GDPR register extracts.' },
    ],
    paths: {
      '/cases': {
        get: {
          operationId: 'listCases',
          summary: 'List cases',
          description: 'Newest first by default; only cases the key may see.',
          tags: ['cases'],
          parameters: parameters(listQuerySchema, 'query'),
          responses: { 200: { description: 'A page of cases.', content: json(component('CaseList')) }, 400: error('An invalid parameter; fields names it.'), ...common },
        },
        post: {
          operationId: 'createCase',
          summary: 'Register feedback on behalf of a submitter',
          description: newCaseSchema.description,
          tags: ['cases'],
          requestBody: { required: true, content: { ...json(component('NewCase')), 'multipart/form-data': { schema: newCaseMultipart } } },
          responses: {
            201: { description: 'Registered; the case is in the registrar’s inbox.', content: json(component('CreatedCase')), headers: { Location: { description: 'The case in the API.', schema: { type: 'string' } } } },
            400: error('Invalid input (code invalid with fields, or invalid_json).'),
            403: error('The key’s role may not register feedback (readers, unit admins).'),
            415: error('The body was neither application/json nor multipart/form-data.'),
            ...common,
          },
        },
      },
      '/cases/{number}': {
        get: {
          operationId: 'getCase',
          summary: 'Read one case with its history',
          tags: ['cases'],
          parameters: number,
          responses: {
            200: { description: 'The case.', content: json(component('Case')) },
            404: error('No such case in the key’s scope.'),
            410: error('The case was disposed of under the retention schedule: code disposed, with disposedAt and decision.'),
            ...common,
          },
        },
      },
      '/cases/{number}/legal-hold': {
        post: {
          operationId: 'placeLegalHold',
          summary: 'Place a legal hold: the case is neither disposed of nor delivered until it is lifted',
          tags: ['records'],
          parameters: number,
          requestBody: { required: true, content: json(legalHoldBodySchema) },
          responses: {
            201: { description: 'The hold.', content: json(component('LegalHold')) },
            400: error('No reason, or too long.'),
            403: error('The key’s role may not place holds (registrar, admin or archivist may).'),
            404: error('No such case in the key’s scope.'),
            409: error('The case is already held.'),
            ...common,
          },
        },
        delete: {
          operationId: 'liftLegalHold',
          summary: 'Lift the legal hold, with a reason kept in the case history',
          tags: ['records'],
          parameters: number,
          requestBody: { required: true, content: json(legalHoldLiftBodySchema) },
          responses: {
            200: { description: 'The case without a hold.', content: json(component('LegalHold')) },
            400: error('No reason, or too long.'),
            403: error('The key’s role may not lift holds.'),
            404: error('No such case in the key’s scope.'),
            409: error('The case has no hold.'),
            ...common,
          },
        },
      },
      '/data-subjects': {
        get: {
          operationId: 'dataSubjectExtract',
          summary: 'Register extract (GDPR article 15): every case where the person is the contact, with messages',
          description: 'Give exactly one of email, phone or personnummer. Each call is recorded (who, when, how many cases, the identifier masked). Confidential cases are included and marked: review the secrecy before handing the extract out.',
          tags: ['records'],
          parameters: parameters(dataSubjectQuerySchema, 'query'),
          responses: { 200: { description: 'The extract.', content: json({ type: 'object' }) }, 400: error('None or more than one identifier, or a malformed one.'), 403: error('Only admin and archivist keys take extracts.'), ...common },
        },
      },
      '/disposals': {
        get: {
          operationId: 'listDisposals',
          summary: 'The disposal log: what remains of disposed cases, newest first',
          tags: ['records'],
          parameters: parameters(disposalsQuerySchema, 'query'),
          responses: { 200: { description: 'A page of the log.', content: json(component('DisposalList')) }, 400: error('An invalid parameter.'), 403: error('Only admin and archivist keys read the log.'), ...common },
        },
      },
      '/cases/{number}/transitions': {
        post: {
          operationId: 'transitionCase',
          summary: 'Move a case through its lifecycle',
          description: `One of: ${API_EVENTS.join(', ')}. Each event takes its own fields; see the Transition_* schemas.`,
          tags: ['cases'],
          parameters: number,
          requestBody: { required: true, content: json(component('Transition')) },
          responses: {
            200: { description: 'The case after the transition.', content: json(component('Case')) },
            400: error('Invalid input for this event (code invalid with fields, or invalid_json).'),
            403: error('The key’s role may not perform this event on this case.'),
            404: error('No such case in the key’s scope.'),
            409: error('Refused: illegal_transition (not from the current status), guard_failed (something required is missing; message says what) or stale_version (someone changed the case since you read it).'),
            415: error('The body was not application/json.'),
            ...common,
          },
        },
      },
      '/cases/{number}/publication': {
        get: {
          operationId: 'getPublication',
          summary: 'Read the public version of a case and any draft of it',
          tags: ['publication'],
          parameters: number,
          responses: { 200: { description: 'The publication state.', content: json(component('Publication')) }, 404: error('No such case, or not one the key may publish.'), ...common },
        },
        post: {
          operationId: 'draftPublication',
          summary: 'Save a draft of the case’s public version',
          description: `${draftBodySchema.description} Saving is a new version; a published text stays public until the draft is approved. Refused for anonymous, internal and confidential cases, cases not answered, referred, rejected, merged or withdrawn ones, and when the submitter said no.`,
          tags: ['publication'],
          parameters: number,
          requestBody: { required: false, content: json(component('PublicationDraftInput')) },
          responses: {
            201: { description: 'The draft, with what the de-identification found.', content: json(component('PublicationDraft')) },
            400: error('Invalid input, or a default text is empty (a case without an answer text needs an answer); fields names it.'),
            404: error('No such case, or not one the key may publish.'),
            409: error('stale_version: someone changed the publication at the same moment; try again.'),
            422: error('not_publishable: the case may not be published; message says why.'),
            ...common,
          },
        },
        delete: {
          operationId: 'withdrawPublication',
          summary: 'Withdraw (avpublicera) the public version',
          description: 'Gone from the archive and its search at once. The reason is required, in the JSON body or as ?reason=.',
          tags: ['publication'],
          parameters: [...number, { name: 'reason', in: 'query', required: false, description: 'The reason, if not in the body.', schema: withdrawBodySchema.properties!.reason! }],
          requestBody: { required: false, content: json(component('PublicationWithdrawal')) },
          responses: {
            200: { description: 'Withdrawn.', content: json(component('PublicationWithdrawn')) },
            400: error('No reason given.'),
            404: error('No such case, or not one the key may publish.'),
            409: error('not_published: nothing is public.'),
            ...common,
          },
        },
      },
      '/cases/{number}/publication/approve': {
        post: {
          operationId: 'approvePublication',
          summary: 'Approve the draft and publish it',
          description: 'With the organization setting for four eyes, the approver must be another person or key than the draft’s author.',
          tags: ['publication'],
          parameters: number,
          requestBody: { required: false, content: json(component('PublicationApproval')) },
          responses: {
            200: { description: 'Published.', content: json(component('PublicationApproved')) },
            404: error('No such case, or not one the key may publish.'),
            409: error('nothing_to_approve (no draft), four_eyes (the author may not approve) or stale_version.'),
            422: error('not_publishable (message says why) or personal_data (the draft still holds something that looks like personal data; send {"confirm": true} to publish anyway).'),
            ...common,
          },
        },
      },
      '/deidentify': {
        post: {
          operationId: 'deidentify',
          summary: 'Find personal data in a text and propose a de-identified version',
          description: `For reviewing a text before it is published. Finds names, personnummer and samordningsnummer, phone numbers, e-mail addresses, street and box addresses, postal codes, vehicle registration numbers and bank account numbers, and replaces each with a Swedish label. The organization's own published contact details (set under Administration → Texter) stay. A proposal for a person to review, not a guarantee. Nothing is stored. Any staff key. At most ${MAX_DEIDENTIFY_CHARS} characters.`,
          tags: ['deidentify'],
          requestBody: { required: true, content: json(component('DeidentifyRequest')) },
          responses: {
            200: { description: 'The proposal.', content: json(component('DeidentifyResult')) },
            400: error('No text, or not a string (code invalid with fields, or invalid_json).'),
            413: error(`The text is longer than ${MAX_DEIDENTIFY_CHARS} characters (code payload_too_large).`),
            415: error('The body was not application/json.'),
            ...common,
          },
        },
      },
      ...webhooks.paths,
      ...audit.paths,
      ...reference.paths,
      ...diariumOpenApi().paths,
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          security: [],
          responses: { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } },
        },
      },
    },
    webhooks: webhooks.webhooks,
    components: {
      schemas: {
        ...webhooks.schemas,
        ...audit.schemas,
        ...reference.schemas,
        NewCase: newCaseSchema,
        Case: caseSchema,
        CreatedCase: createdCaseSchema,
        CaseList: caseListSchema,
        Error: errorSchema,
        DeidentifyRequest: deidentifyRequestSchema,
        DeidentifyResult: deidentifyResultSchema,
        Publication: publicationSchema,
        PublicationDraftInput: draftBodySchema,
        PublicationDraft: draftSchema,
        PublicationApproval: approveBodySchema,
        PublicationApproved: approvedSchema,
        PublicationWithdrawal: withdrawBodySchema,
        PublicationWithdrawn: withdrawnSchema,
        DisposalList: disposalListSchema,
        LegalHold: legalHoldSchema,
        Transition: {
          oneOf: API_EVENTS.map((e) => component(eventComponent(e))),
          discriminator: { propertyName: 'event', mapping: Object.fromEntries(API_EVENTS.map((e) => [e, `#/components/schemas/${eventComponent(e)}`])) },
        },
        ...Object.fromEntries(API_EVENTS.map((e) => [eventComponent(e), transitionSchemas[e]])),
      },
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from the admin page /admin/api-nycklar or `npm run cli -- create-api-key`.' } },
    },
  };
}
