import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Identifier } from './identifier.ts';

/**
 * The cases a person appears in: as the contact (by e-mail or phone), or, for a personnummer,
 * wherever they wrote it (the description, messages, mail they sent). Disposed cases hold nothing
 * any more and are left out.
 */
export async function findCases(db: Executor, organizationId: string, id: Identifier): Promise<string[]> {
  if (id.kind === 'email') {
    const { rows } = await sql<{ id: string }>`
      SELECT c.id FROM cases c JOIN case_contacts cc ON cc.case_id = c.id
      WHERE c.organization_id = ${organizationId} AND c.disposed_at IS NULL AND lower(cc.email) = ${id.value}
      UNION
      SELECT c.id FROM cases c JOIN inbound_messages i ON i.case_id = c.id
      WHERE c.organization_id = ${organizationId} AND c.disposed_at IS NULL AND lower(i.from_address) = ${id.value}
      ORDER BY 1`.execute(db);
    return rows.map((r) => r.id);
  }
  if (id.kind === 'phone') {
    // The stored number normalized the same way as the asked one (identifier.ts normalizePhone).
    const { rows } = await sql<{ id: string }>`
      SELECT c.id FROM cases c JOIN case_contacts cc ON cc.case_id = c.id
      WHERE c.organization_id = ${organizationId} AND c.disposed_at IS NULL AND cc.phone IS NOT NULL
        AND CASE WHEN ltrim(cc.phone) LIKE '+46%' THEN '0' || substr(regexp_replace(cc.phone, '\\D', '', 'g'), 3)
                 WHEN regexp_replace(cc.phone, '\\D', '', 'g') LIKE '0046%' THEN '0' || substr(regexp_replace(cc.phone, '\\D', '', 'g'), 5)
                 ELSE regexp_replace(cc.phone, '\\D', '', 'g') END = ${id.value}
      ORDER BY 1`.execute(db);
    return rows.map((r) => r.id);
  }
  // YYMMDD-NNNN with or without century and separator, not inside a longer number.
  const pattern = `(^|[^0-9])(${id.century ?? '[0-9]{2}'})?${id.value.slice(0, 6)}[-+ ]?${id.value.slice(6)}([^0-9]|$)`;
  const { rows } = await sql<{ id: string }>`
    SELECT c.id FROM cases c
    WHERE c.organization_id = ${organizationId} AND c.disposed_at IS NULL AND (
      c.description ~ ${pattern}
      OR EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id AND m.body ~ ${pattern})
      OR EXISTS (SELECT 1 FROM inbound_messages i WHERE i.case_id = c.id AND i.body ~ ${pattern})
      OR EXISTS (SELECT 1 FROM case_contacts cc WHERE cc.case_id = c.id AND cc.address ~ ${pattern}))
    ORDER BY 1`.execute(db);
  return rows.map((r) => r.id);
}
