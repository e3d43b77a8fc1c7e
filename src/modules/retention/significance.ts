import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { canSee, type Actor } from '../cases/policy.ts';
import { lockCaseForChange, policyCase } from '../cases/queries.ts';
import { checkVersion } from '../cases/transition.ts';
import { mayChangeSignificance } from './policy.ts';
import type { Significance } from './schedule.ts';

/**
 * Significance is set at registration and may be changed later (a routine case turns out to matter,
 * or the other way round), with an event in the case's history saying who, when and from what.
 * Statistics do not read significance, so past statistics stay as they were.
 */
export async function changeSignificance(db: Db, actor: Actor, number: string, raw: string, expectedVersion: number | undefined, now: Date) {
  if (raw !== 'important' && raw !== 'routine') throw new DomainError('invalid', sv('retention.significance.missing'), { significance: sv('retention.significance.missingField') });
  const significance = raw as Significance;
  return db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, actor.organizationId, number);
    if (!row || !canSee(actor, policyCase(row))) throw notFound('Ärendet');
    if (!mayChangeSignificance(actor, policyCase(row))) throw new DomainError('forbidden', sv('retention.significance.forbidden'));
    checkVersion(row, expectedVersion);
    if (row.significance === significance) return { changed: false };
    await tx.updateTable('cases').set({ significance, version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute();
    await tx
      .insertInto('case_events')
      .values({ case_id: row.id, type: 'significance', actor_user_id: actor.kind === 'user' ? actor.id : null, actor_label: actor.name, occurred_at: now, data: JSON.stringify({ significance, from: row.significance }) })
      .execute();
    return { changed: true };
  });
}
