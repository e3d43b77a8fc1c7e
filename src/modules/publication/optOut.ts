import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../cases/policy.ts';
import { lockCaseForChange, policyCase } from '../cases/queries.ts';
import { checkVersion } from '../cases/transition.ts';
import { takeDown } from './commands.ts';
import { mayPublish } from './policy.ts';

/**
 * The submitter's answer to "may a de-identified version be published?" (DOMAIN 19), recorded by
 * staff after the case came in: the person rang back, wrote, or was asked when registering by
 * phone. Either way, with an event in the case's history in the same transaction. A "no" for an
 * answer already public takes it down at once: publication must respect the answer, not only
 * the next draft.
 */
export async function setPublicationOptOut(
  db: Db,
  t: { actor: Actor; number: string; expectedVersion: number; optOut: boolean; comment?: string; now: Date },
): Promise<{ changed: boolean; withdrawn: boolean }> {
  return db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, t.actor.organizationId, t.number);
    if (!row || !mayPublish(t.actor, policyCase(row))) throw notFound('Ärendet');
    // Anonymous and internal cases are never published; there is no one to have said yes or no.
    if (row.anonymous || row.is_internal) throw new DomainError('conflict', sv('publication.optOut.notApplicable'));
    checkVersion(row, t.expectedVersion);
    if (row.publication_opt_out === t.optOut) return { changed: false, withdrawn: false };
    await tx.updateTable('cases').set({ publication_opt_out: t.optOut, version: row.version + 1, updated_at: t.now }).where('id', '=', row.id).execute();
    await tx
      .insertInto('case_events')
      .values({
        case_id: row.id,
        type: t.optOut ? 'publication_declined' : 'publication_allowed',
        actor_user_id: t.actor.kind === 'user' ? t.actor.id : null,
        actor_label: t.actor.name,
        occurred_at: t.now,
        visible_to_submitter: false,
        data: JSON.stringify(t.comment ? { comment: t.comment } : {}),
      })
      .execute();
    if (!t.optOut) return { changed: true, withdrawn: false };
    const pub = await tx.selectFrom('publications').selectAll().where('case_id', '=', row.id).forUpdate().executeTakeFirst();
    if (!pub?.public_version_id) return { changed: true, withdrawn: false };
    await takeDown(tx, row, pub, t.actor, sv('publication.optOut.withdrawReason'), t.now);
    return { changed: true, withdrawn: true };
  });
}
