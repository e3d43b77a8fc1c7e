import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.ts';
import { absoluteUrl, orgUrl } from '../../platform/tenant.ts';
import type { OnBehalfInput } from '../registration/commands.ts';
import { validateSubmission, type SubmissionInput } from '../intake/validation.ts';
import type { UploadedFile } from '../intake/attachments.ts';
import { listActiveForvaltningar } from '../organizations/queries.ts';
import type { NewCaseBody } from './schemas.ts';
import { invalid } from './validation.ts';

/** The web form's field names → the API's field paths, for the error messages. */
const FIELD_PATH: Record<keyof SubmissionInput, string> = {
  kind: 'kind',
  description: 'description',
  unit: 'suggestedUnitId',
  anonymous: 'contact',
  name: 'contact.name',
  email: 'contact.email',
  phone: 'contact.phone',
  address: 'contact.address',
  replyChannel: 'contact.replyChannel',
  formId: 'formId',
};

/**
 * After the schema has checked the shape: the same rules as the citizen form (a name and a way to
 * reach the person, the address the reply channel needs, e-mail and phone formats), by running
 * the form's own validation, so the two ways in cannot disagree.
 */
export async function validateNewCase(db: Executor, organizationId: string, body: NewCaseBody, now: Date, attachments: readonly UploadedFile[] = []): Promise<OnBehalfInput> {
  const forvaltningar = await listActiveForvaltningar(db, organizationId);
  const c = body.contact;
  const input: SubmissionInput = {
    kind: body.kind,
    description: body.description,
    unit: body.suggestedUnitId ?? '',
    anonymous: c === null ? 'true' : 'false',
    name: c?.name ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    address: c?.address ?? '',
    replyChannel: c?.replyChannel ?? '',
    formId: '',
  };
  const result = validateSubmission({ input, malformed: [] }, new Set(forvaltningar.map((u) => u.id)));
  if (!result.ok) {
    throw invalid(Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [FIELD_PATH[k as keyof SubmissionInput] ?? k, `${v}.`])));
  }
  const v = result.value;
  return {
    kind: v.kind,
    description: v.description,
    channel: body.channel,
    receivedAt: body.receivedAt ? new Date(body.receivedAt) : now,
    // Calling the API is the integration's confirmation that the person was asked (rule 6).
    confirmedWithSubmitter: true,
    publicationOptOut: body.publicationOptOut === true,
    contact: v.contact,
    suggestedUnitId: v.suggestedUnitId,
    internal: body.channel === 'internal',
    more: { language: body.language?.toLowerCase() ?? null, attachments },
  };
}

/**
 * The submitter's private status page, for the integration to hand on. It belongs to the key's
 * organization, which need not be the one the request's address points at.
 */
export async function statusUrlFor(db: Executor, req: FastifyRequest, organizationId: string, token: string): Promise<string> {
  const path = `/arende/${token}`;
  if (req.org?.id === organizationId) return absoluteUrl(req, path);
  const org = await db.selectFrom('organizations').select(['slug', 'host_name', 'is_default']).where('id', '=', organizationId).executeTakeFirstOrThrow();
  return orgUrl(req, org, path);
}
