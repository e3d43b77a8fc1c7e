import type { Db, Executor } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { canSee, type Actor } from '../cases/policy.ts';
import { lockCaseForChange, policyCase } from '../cases/queries.ts';
import { buildDiariumPackage, type DiariumPackage } from './package.ts';
import { mayExport } from './policy.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/**
 * Hands a case over to the diarium: builds its package and records the hand-over in the case's
 * history, in one transaction with the case locked, so the package is exactly the case as the
 * history says it was exported. The history entry announces case.exported to webhook subscribers
 * (the history trigger, webhooks/events.ts) and keeps the package's checksum.
 */
export async function exportCase(db: Db, actor: Actor, number: string, now: Date): Promise<DiariumPackage> {
  return db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, actor.organizationId, number);
    if (!row || !canSee(actor, policyCase(row))) throw notFound(sv('diarium.error.theCase'));
    if (!mayExport(actor, policyCase(row))) throw new DomainError('forbidden', sv('diarium.error.notPermitted'));
    const org = await tx.selectFrom('organizations').select('name').where('id', '=', row.organization_id).executeTakeFirstOrThrow();
    const pkg = await buildDiariumPackage(tx, row.id, org.name, now);
    await tx
      .insertInto('case_events')
      .values({
        case_id: row.id,
        type: 'exported',
        actor_user_id: actor.kind === 'user' ? actor.id : null,
        actor_label: actor.name,
        occurred_at: now,
        data: JSON.stringify({ sha256: pkg.sha256, files: pkg.files.length, bytes: pkg.zip.length }),
      })
      .execute();
    return pkg;
  });
}

/** The latest hand-over, for the case page. */
export async function lastExport(db: Executor, caseId: string) {
  return db
    .selectFrom('case_events')
    .select(['occurred_at', 'actor_label', 'data'])
    .where('case_id', '=', caseId)
    .where('type', '=', 'exported')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
