import type { Db, Executor } from '../../db/database.ts';
import type { MessagePurpose, Organization } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate } from '../../platform/clock.ts';
import { enqueueSends } from '../../platform/jobs.ts';
import { orgPublicBase } from '../../platform/tenant.ts';
import { statusTokenFor } from '../cases/statusToken.ts';
import { render, type Template, type TemplateValues } from './templates.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';

/** What creating notifications needs: the status link is derived from the installation secret. */
export interface NotifyDeps {
  db: Db;
  clock: Clock;
  tokenSecret: Buffer;
  /** Base URL of the installation, for organizations without a host name of their own. */
  publicUrl: string;
}

type OrgLike = Pick<Organization, 'slug' | 'host_name' | 'is_default'>;

export const statusLink = (deps: Pick<NotifyDeps, 'tokenSecret' | 'publicUrl'>, org: OrgLike, caseId: string) =>
  `${orgPublicBase(org, deps.publicUrl)}/arende/${statusTokenFor(deps.tokenSecret, caseId)}`;
export const staffCaseLink = (publicUrl: string, org: OrgLike, number: string) => `${orgPublicBase(org, publicUrl)}/handlaggning/arenden/${number}`;

export interface NewMessage {
  case_id: string | null;
  organization_id: string;
  purpose: MessagePurpose;
  recipient: string;
  recipient_user_id: string | null;
  subject: string;
  body: string;
  dedupe_key: string;
  created_by?: string | null;
  created_at: Date;
}

/**
 * Inserts e-mail messages unless one with the same dedupe key exists, and enqueues a send job
 * for each one inserted, in the caller's transaction. Returns the ids inserted.
 */
export async function queueEmails(tx: Executor, messages: NewMessage[], now: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = await tx
    .insertInto('messages')
    .values(messages.map((m) => ({ ...m, channel: 'email' as const, status: 'queued' as const, occurred_on: swedishDate(now), created_by: m.created_by ?? null })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  await enqueueSends(tx, ids);
  return ids;
}

export function fill(t: Template, values: TemplateValues) {
  return { subject: render(t.subject, values), body: render(t.body, values) };
}

export async function addMessageEvent(tx: Executor, caseId: string, now: Date, data: Record<string, unknown>, visibleToSubmitter: boolean) {
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, type: 'message', actor_label: PRODUCT_NAME, occurred_at: now, visible_to_submitter: visibleToSubmitter, data: JSON.stringify(data) })
    .execute();
}
