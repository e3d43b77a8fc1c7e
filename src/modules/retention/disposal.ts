import { sv } from '../../platform/i18n/catalogue.ts';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { logActor } from './policy.ts';
import { dueByDelivery, dueByRule, dueSummary, type DueCase } from './due.ts';
import { purgeCases } from './purge.ts';
import { loadRules } from './rules.ts';
import { describeRule, type Rule } from './schedule.ts';

/**
 * Disposal (gallring) under a decision. Starting a run fixes the day and the rules; the run then
 * disposes of what was due under them in batches, each batch one transaction: the cases are
 * locked and checked again (a case reopened, held or disposed of meanwhile is left alone), the
 * log rows are written and the content is removed everywhere. A run interrupted half-way is picked
 * up by the next job or cron tick and goes on where it stopped: nothing it did is undone, and
 * nothing that was not due is touched.
 */

export const MAX_DECISION_REF = 300;

/** The rules as a run keeps them: with their text, so the log reads the same whatever changes later. */
export type RunRule = Rule & { text: string };

export function checkDecision(raw: string | undefined): string {
  const ref = (raw ?? '').trim();
  if (!ref) throw new DomainError('invalid', sv('retention.run.decisionMissing'), { decision: sv('retention.run.decisionMissingField') });
  if (ref.length > MAX_DECISION_REF) throw new DomainError('invalid', sv('retention.run.decisionTooLong'), { decision: sv('retention.run.decisionTooLongField', { max: String(MAX_DECISION_REF) }) });
  return ref;
}

export async function rulesWithText(db: Db | Tx, organizationId: string): Promise<RunRule[]> {
  const rules = await loadRules(db, organizationId);
  const areas = new Map((await db.selectFrom('categories').select(['id', 'name']).where('organization_id', '=', organizationId).where('level', '=', 'area').execute()).map((a) => [a.id, a.name]));
  return rules.map((r) => ({ ...r, text: describeRule(r, (id) => areas.get(id)) }));
}

export interface StartedRun {
  id: string;
  expected: number;
}

/**
 * Starts a run of what is due today, with the decision. Undefined when nothing is due. The job
 * that carries it out is queued in the same transaction (unless the caller runs it itself).
 */
export async function startRun(db: Db, actor: Actor, organizationId: string, decisionRaw: string, now: Date, opts: { enqueue: boolean }): Promise<StartedRun | undefined> {
  const decision = checkDecision(decisionRaw);
  const rules = await rulesWithText(db, organizationId);
  const dueOn = swedishDate(now);
  const summary = await dueSummary(db, organizationId, dueOn, rules);
  if (summary.total === 0) return undefined;
  return db.transaction().execute(async (tx) => {
    const running = await tx.selectFrom('disposal_runs').select('id').where('organization_id', '=', organizationId).where('status', '=', 'running').executeTakeFirst();
    if (running) throw new DomainError('conflict', sv('retention.run.alreadyRunning'));
    const run = await tx
      .insertInto('disposal_runs')
      .values({
        organization_id: organizationId,
        decision_ref: decision,
        due_on: dueOn,
        rules: JSON.stringify(rules),
        expected: summary.total,
        requested_by: actor.kind === 'user' ? actor.id : null,
        requested_by_label: actor.name,
        requested_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, {
      organizationId,
      actor: logActor(actor),
      action: 'execute',
      entityType: 'disposal',
      entityId: run.id,
      summary: sv('retention.run.logged', { decision, total: String(summary.total), dueOn }),
      after: { decision, dueOn, expected: summary.total },
      now,
    });
    if (opts.enqueue) await enqueue(tx, 'disposal_run', { runId: run.id }, { jobKey: `disposal_run:${run.id}`, maxAttempts: 25 });
    return { id: run.id, expected: summary.total };
  });
}

export interface RunProgress {
  disposed: number;
  done: boolean;
}

type Logged = DueCase & { closed_at: Date };

/**
 * Carries out a run in batches until nothing it covers is left. Any number of processes may call
 * this for the same run at once: the run's row lock takes the batches one at a time.
 */
export async function processRun(db: Db, runId: string, opts: { batchSize?: number; now: () => Date; onBatch?: (p: RunProgress) => void }): Promise<RunProgress> {
  const batchSize = opts.batchSize ?? 500;
  for (;;) {
    const progress = await db.transaction().execute(async (tx) => {
      const run = await tx.selectFrom('disposal_runs').selectAll().where('id', '=', runId).forUpdate().executeTakeFirst();
      if (!run) throw new Error(`No disposal run ${runId}`);
      if (run.status === 'done') return { disposed: run.disposed, done: true };
      const rules = run.rules as RunRule[];
      let batch: Logged[] = await dueByRule(tx, run.organization_id, run.due_on, rules, { limit: batchSize, forUpdate: true });
      if (batch.length < batchSize) batch = batch.concat(await dueByDelivery(tx, run.organization_id, run.due_on, rules, { limit: batchSize - batch.length, forUpdate: true }));
      const now = opts.now();
      if (batch.length === 0) {
        await tx.updateTable('disposal_runs').set({ status: 'done', finished_at: now }).where('id', '=', runId).execute();
        return { disposed: run.disposed, done: true };
      }
      const byId = new Map(rules.map((r) => [r.id, r]));
      await tx
        .insertInto('disposal_log')
        .values(
          batch.map((c) => {
            const rule = c.rule_id ? byId.get(c.rule_id) : undefined;
            const delivered = !c.package_id ? undefined : c.receipt_ref ? sv('retention.run.deliveredWithReceipt', { pkg: c.package_id, receipt: c.receipt_ref }) : sv('retention.run.delivered', { pkg: c.package_id });
            return {
              organization_id: run.organization_id,
              run_id: run.id,
              case_id: c.id,
              case_number: c.number,
              received_on: c.received_on,
              kind: c.kind,
              area_name: c.area_name,
              forvaltning_name: c.forvaltning_name,
              closed_on: c.closed_on,
              rule_text: delivered ?? rule?.text ?? sv('retention.run.unknownRule'),
              rule_decision_ref: rule?.decisionRef ?? '–',
              decision_ref: run.decision_ref,
              disposed_at: now,
              disposed_by: run.requested_by,
              disposed_by_label: run.requested_by_label,
            };
          }),
        )
        .execute();
      await purgeCases(tx, { organizationId: run.organization_id, caseIds: batch.map((c) => c.id), marker: sv('retention.run.marker', { day: swedishDate(now), decision: run.decision_ref }), now });
      const updated = await tx.updateTable('disposal_runs').set({ disposed: sql`disposed + ${batch.length}` }).where('id', '=', runId).returning('disposed').executeTakeFirstOrThrow();
      return { disposed: updated.disposed, done: false };
    });
    opts.onBatch?.(progress);
    if (progress.done) return progress;
  }
}

/** Runs that have not finished: picked up again by the daily job after an interruption. */
export async function unfinishedRuns(db: Db): Promise<string[]> {
  return (await db.selectFrom('disposal_runs').select('id').where('status', '=', 'running').orderBy('requested_at').execute()).map((r) => r.id);
}

export async function listRuns(db: Db, organizationId: string, limit = 20) {
  return db.selectFrom('disposal_runs').select(['id', 'decision_ref', 'due_on', 'expected', 'disposed', 'status', 'requested_by_label', 'requested_at', 'finished_at']).where('organization_id', '=', organizationId).orderBy('requested_at', 'desc').limit(limit).execute();
}
