import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { purgeCaseContent as purgeMailIn } from '../mailin/disposal.ts';
import { purgeCaseContent as purgePublication } from '../publication/disposal.ts';
import { purgeCaseContent as purgeOpen311 } from '../open311/disposal.ts';
import { announceDisposal } from '../webhooks/disposal.ts';

/**
 * Removing a disposed case's content everywhere it was copied. Each step removes one kind of copy,
 * inside the disposal batch's transaction; adding a place that holds case content is one line in
 * PURGE_STEPS. Other modules that store case content export `purgeCaseContent(tx, caseIds)` from
 * src/modules/<module>/disposal.ts and are listed here.
 *
 * What stays is what statistics and the register need: the case row's classification and dates,
 * its case_stats row, and the skeleton of its history (event types and times, without text).
 */
export interface PurgeContext {
  organizationId: string;
  caseIds: string[];
  /** What the description becomes: says when and under which decision the case was disposed of. */
  marker: string;
  now: Date;
}

export interface PurgeStep {
  name: string;
  run(tx: Tx, ctx: PurgeContext): Promise<void>;
}

/** A module's own purge, as OWNERS.md names it. */
export type PurgeCaseContent = (tx: Tx, caseIds: string[]) => Promise<void>;
const moduleStep = (name: string, purge: PurgeCaseContent): PurgeStep => ({ name, run: (tx, ctx) => purge(tx, ctx.caseIds) });

/** Event data that says what happened without saying anything anyone wrote. Everything else goes. */
const SAFE_EVENT_KEYS = [
  'channel', 'receivedAt', 'registeredOnBehalf', 'confirmedWithSubmitter', 'kind', 'areaId', 'subcategoryId', 'significance',
  'confidential', 'unitId', 'handlerId', 'previousHandlerId', 'outcome', 'referralType', 'into', 'merged', 'linked', 'purpose',
  'status', 'from', 'to', 'pausedWorkingDays', 'extended', 'quick', 'holdId',
];

/**
 * Jobs whose payload names one of the cases or one of their messages: queued mail, acknowledgements,
 * anything another module queued. graphile-worker keeps payloads only in its private table; the
 * public complete_jobs() removes them (a job running right now finishes and finds nothing).
 */
const jobs: PurgeStep = {
  name: 'job payloads',
  async run(tx, { caseIds }) {
    const { rows } = await sql<{ id: string }>`
      SELECT j.id FROM graphile_worker._private_jobs j
      WHERE EXISTS (
        SELECT 1 FROM unnest(${caseIds}::uuid[] || ARRAY(SELECT id FROM messages WHERE case_id = ANY(${caseIds}::uuid[]))) AS x(id)
        WHERE strpos(j.payload::text, x.id::text) > 0)`.execute(tx);
    if (rows.length) await sql`SELECT graphile_worker.complete_jobs(${rows.map((r) => r.id)}::bigint[])`.execute(tx);
  },
};

/** Messages to and from the submitter, and the outbox copies of mails (the same rows). */
const messages: PurgeStep = {
  name: 'messages and outbox',
  run: async (tx, { caseIds }) => void (await tx.deleteFrom('messages').where('case_id', 'in', caseIds).execute()),
};

const attachments: PurgeStep = {
  name: 'attachments',
  run: async (tx, { caseIds }) => void (await tx.deleteFrom('attachments').where('case_id', 'in', caseIds).execute()),
};

const contacts: PurgeStep = {
  name: 'contact details',
  run: async (tx, { caseIds }) => void (await tx.deleteFrom('case_contacts').where('case_id', 'in', caseIds).execute()),
};

/** Lifted holds: their reasons are text someone wrote about the case. */
const holds: PurgeStep = {
  name: 'legal hold reasons',
  run: async (tx, { caseIds }) => void (await tx.deleteFrom('legal_holds').where('case_id', 'in', caseIds).execute()),
};

/** Notes, comments, measures, reasons and error texts in the history; the events themselves stay. */
const eventTexts: PurgeStep = {
  name: 'event texts',
  async run(tx, { caseIds }) {
    await sql`SET LOCAL lyhord.purge = 'on'`.execute(tx);
    await sql`
      UPDATE case_events SET data = coalesce(
        (SELECT jsonb_object_agg(k, v) FROM jsonb_each(data) AS e(k, v) WHERE k = ANY(${SAFE_EVENT_KEYS}::text[])), '{}'::jsonb)
      WHERE case_id = ANY(${caseIds}::uuid[])
        -- Most events hold no text at all: leave those rows as they are rather than rewrite them.
        AND EXISTS (SELECT 1 FROM jsonb_object_keys(data) AS k WHERE k <> ALL(${SAFE_EVENT_KEYS}::text[]))`.execute(tx);
  },
};

/**
 * The case row itself: the description (and with it the search index generated from it), the
 * location, and the keys that could lead back to what was submitted (the submission key and the
 * content hash). The status link's hash stays: it says nothing about the submitter or the text,
 * and lets the one who holds the link be told that the case was disposed of (410) rather than that
 * the address is wrong. The version moves on, so anyone who had the case open when it was
 * disposed of cannot save over it.
 */
const caseRow: PurgeStep = {
  name: 'case text and search index',
  async run(tx, { caseIds, marker, now }) {
    await tx
      .updateTable('cases')
      .set({
        description: marker,
        location: null,
        language: null,
        submission_key: null,
        content_hash: null,
        disposed_at: now,
        updated_at: now,
        version: sql`version + 1`,
      })
      .where('id', 'in', caseIds)
      .execute();
  },
};

/** In order: jobs first, while the messages they name still exist. */
export const PURGE_STEPS: readonly PurgeStep[] = [
  jobs,
  messages,
  attachments,
  contacts,
  holds,
  eventTexts,
  caseRow,
  moduleStep('inbound mail', purgeMailIn),
  moduleStep('publication versions and archive search', purgePublication),
  moduleStep('Open311 place and picture link', purgeOpen311),
  // Last: after the job payloads are purged, so the announcement's delivery job is kept.
  moduleStep('case.disposed to webhook subscribers', announceDisposal),
];

export async function purgeCases(tx: Tx, ctx: PurgeContext): Promise<void> {
  if (ctx.caseIds.length === 0) return;
  for (const step of PURGE_STEPS) await step.run(tx, ctx);
}

export { moduleStep };
