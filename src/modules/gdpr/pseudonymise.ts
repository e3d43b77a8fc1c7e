import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { FINAL_STATUSES } from '../cases/lifecycle.ts';
import type { Actor } from '../cases/policy.ts';
import { matchingRule } from '../retention/due.ts';
import { loadRules } from '../retention/rules.ts';

/**
 * Pseudonymisation of a closed case's contact details: the name becomes a pseudonym that is the
 * same wherever it appears for the case, and e-mail, phone and postal address are removed from
 * the contact, from the recipients of what was sent and from the senders of mail received. The
 * record itself (what was written and answered) stays: it is a public record.
 *
 * Removing the sender from a public record before its time is a partial disposal (gallring), so
 * it is done only where the schedule disposes of the case anyway (routine cases), on a decision
 * (erasure.ts) or the organization's standing rule (autoPseudonymisePass); never to a case that is
 * kept and delivered to the archive, whose register entry must name the sender (DOMAIN 21, 22).
 */
export const pseudonym = (caseNumber: string) => `Person ${caseNumber.slice(-5)}`;

/** Why contact details were pseudonymised: the case history says so, and on what ground. */
export type PseudonymisedBy =
  | { kind: 'request'; actor: Actor; decision: string; requestId: string }
  | { kind: 'automatic'; afterMonths: number };

export async function pseudonymiseCases(tx: Tx, caseIds: string[], now: Date, by: PseudonymisedBy): Promise<number> {
  if (caseIds.length === 0) return 0;
  const rows = await tx
    .updateTable('cases')
    .set({ contact_pseudonymised_at: now, updated_at: now })
    .where('id', 'in', caseIds)
    .where('contact_pseudonymised_at', 'is', null)
    .where('disposed_at', 'is', null)
    .where('legal_hold', '=', false)
    .returning(['id', 'number'])
    .execute();
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await sql`
    UPDATE case_contacts cc SET name = CASE WHEN cc.name IS NULL THEN NULL ELSE 'Person ' || right(c.number, 5) END, email = NULL, phone = NULL, address = NULL
    FROM cases c WHERE c.id = cc.case_id AND cc.case_id = ANY(${ids}::uuid[])`.execute(tx);
  await sql`UPDATE messages SET recipient = '[pseudonymiserad]' WHERE case_id = ANY(${ids}::uuid[]) AND recipient IS NOT NULL`.execute(tx);
  await sql`UPDATE inbound_messages SET from_address = NULL, from_name = NULL, envelope_from = NULL, raw = NULL WHERE case_id = ANY(${ids}::uuid[])`.execute(tx);
  // In the same transaction: a record that lost information says when, by whom and on what ground.
  const data = by.kind === 'request' ? { decision: by.decision, requestId: by.requestId } : { afterMonths: by.afterMonths };
  await tx
    .insertInto('case_events')
    .values(
      ids.map((id) => ({
        case_id: id,
        type: 'contact_pseudonymised',
        actor_user_id: by.kind === 'request' && by.actor.kind === 'user' ? by.actor.id : null,
        actor_label: by.kind === 'request' ? by.actor.name : null,
        occurred_at: now,
        data: JSON.stringify(data),
      })),
    )
    .execute();
  return rows.length;
}

/**
 * The organizations that pseudonymise automatically: contact details of closed routine cases that
 * the schedule disposes of, once they have been closed for the organization's number of months.
 * Held cases and cases the schedule keeps are left alone. Daily, in batches; returns how many
 * cases were pseudonymised.
 */
export async function autoPseudonymisePass(deps: { db: Db }, now: Date, batchSize = 1000): Promise<number> {
  const orgs = await deps.db.selectFrom('retention_settings').select(['organization_id', 'pseudonymise_after_months']).where('pseudonymise_after_months', 'is not', null).execute();
  let total = 0;
  for (const o of orgs) {
    const rules = await loadRules(deps.db, o.organization_id);
    for (;;) {
      const n = await deps.db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ id: string }>`
          SELECT c.id FROM cases c CROSS JOIN ${matchingRule(rules)}
          WHERE c.organization_id = ${o.organization_id} AND c.disposed_at IS NULL AND c.contact_pseudonymised_at IS NULL AND NOT c.legal_hold
            AND c.significance = 'routine' AND m.action = 'dispose'
            AND c.status IN (${sql.join(FINAL_STATUSES.map((s) => sql.lit(s)))}) AND c.closed_at IS NOT NULL
            AND c.closed_at < ${now}::timestamptz - make_interval(months => ${o.pseudonymise_after_months})
            AND NOT c.anonymous
          ORDER BY c.closed_at LIMIT ${batchSize}
          FOR UPDATE OF c SKIP LOCKED`.execute(tx);
        return pseudonymiseCases(tx, rows.map((r) => r.id), now, { kind: 'automatic', afterMonths: o.pseudonymise_after_months! });
      });
      total += n;
      if (n < batchSize) break;
    }
  }
  return total;
}
