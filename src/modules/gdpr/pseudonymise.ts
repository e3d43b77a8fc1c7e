import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { FINAL_STATUSES } from '../cases/lifecycle.ts';

/**
 * Pseudonymisation of a closed case's contact details: the name becomes a pseudonym that is the
 * same wherever it appears for the case, and e-mail, phone and postal address are removed from
 * the contact, from the recipients of what was sent and from the senders of mail received. The
 * record itself (what was written and answered) stays: it is a public record.
 */
export const pseudonym = (caseNumber: string) => `Person ${caseNumber.slice(-5)}`;

export async function pseudonymiseCases(tx: Tx, caseIds: string[], now: Date): Promise<number> {
  if (caseIds.length === 0) return 0;
  const rows = await tx
    .updateTable('cases')
    .set({ contact_pseudonymised_at: now, updated_at: now })
    .where('id', 'in', caseIds)
    .where('contact_pseudonymised_at', 'is', null)
    .where('disposed_at', 'is', null)
    .returning(['id', 'number'])
    .execute();
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await sql`
    UPDATE case_contacts cc SET name = CASE WHEN cc.name IS NULL THEN NULL ELSE 'Person ' || right(c.number, 5) END, email = NULL, phone = NULL, address = NULL
    FROM cases c WHERE c.id = cc.case_id AND cc.case_id = ANY(${ids}::uuid[])`.execute(tx);
  await sql`UPDATE messages SET recipient = '[pseudonymiserad]' WHERE case_id = ANY(${ids}::uuid[]) AND recipient IS NOT NULL`.execute(tx);
  await sql`UPDATE inbound_messages SET from_address = NULL, from_name = NULL, envelope_from = NULL, raw = NULL WHERE case_id = ANY(${ids}::uuid[])`.execute(tx);
  return rows.length;
}

/**
 * The organizations that pseudonymise automatically: contact details of closed routine cases
 * once they have been closed for the organization's number of months. Held cases are left alone.
 * Daily, in batches; returns how many cases were pseudonymised.
 */
export async function autoPseudonymisePass(deps: { db: Db }, now: Date, batchSize = 1000): Promise<number> {
  const orgs = await deps.db.selectFrom('retention_settings').select(['organization_id', 'pseudonymise_after_months']).where('pseudonymise_after_months', 'is not', null).execute();
  let total = 0;
  for (const o of orgs) {
    for (;;) {
      const n = await deps.db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ id: string }>`
          SELECT id FROM cases
          WHERE organization_id = ${o.organization_id} AND disposed_at IS NULL AND contact_pseudonymised_at IS NULL AND NOT legal_hold
            AND significance = 'routine' AND status IN (${sql.join(FINAL_STATUSES.map((s) => sql.lit(s)))}) AND closed_at IS NOT NULL
            AND closed_at < ${now}::timestamptz - make_interval(months => ${o.pseudonymise_after_months})
            AND NOT anonymous
          ORDER BY closed_at LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`.execute(tx);
        return pseudonymiseCases(tx, rows.map((r) => r.id), now);
      });
      total += n;
      if (n < batchSize) break;
    }
  }
  return total;
}
