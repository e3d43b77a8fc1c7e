import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// End-of-life records, four repairs:
//
// 1. A legal hold is lifted with a reason, as it is placed with one. Holds lifted before keep no
//    reason (NOT VALID: the check holds for every row written from now on).
// 2. An erasure review is found again by the person it concerns: a keyed hash of the normalized
//    identifier (gdpr/identifier.ts identifierHash), never the identifier itself. One open review
//    per person: the second request points at the open one. Older rows have no hash.
// 3. A register extract is generated, then handed out by someone, who is recorded; until then it is
//    not "utlämnat". Older extracts are not known to have been handed out and stay unmarked.
// 4. A second e-archive package of the same year used to take the cases over from the first
//    (cases.delivered_package_id was overwritten), so the first package's receipt freed nothing.
//    Each case is tied to the first package that holds it again: the first confirmed one, else
//    the first one made. Disposal now reads package membership (archive_package_cases) itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE legal_holds ADD COLUMN lift_reason text;
    ALTER TABLE legal_holds ADD CONSTRAINT legal_holds_lift_reason CHECK (lifted_at IS NULL OR lift_reason IS NOT NULL) NOT VALID;

    ALTER TABLE data_subject_requests ADD COLUMN identifier_hash bytea;
    CREATE UNIQUE INDEX data_subject_requests_one_open_erasure ON data_subject_requests (organization_id, identifier_hash)
      WHERE type = 'erasure' AND status = 'open' AND identifier_hash IS NOT NULL;
    ALTER TABLE data_subject_requests ADD COLUMN handed_out_at timestamptz;
    ALTER TABLE data_subject_requests ADD COLUMN handed_out_by uuid REFERENCES users(id);
    ALTER TABLE data_subject_requests ADD COLUMN handed_out_by_label text;

    UPDATE cases c SET delivered_package_id = first.id, delivered_at = first.created_at
    FROM (
      SELECT DISTINCT ON (pc.case_id) pc.case_id, p.id, p.created_at
      FROM archive_package_cases pc JOIN archive_packages p ON p.id = pc.package_id
      ORDER BY pc.case_id, p.confirmed_at IS NULL, p.confirmed_at, p.created_at
    ) first
    WHERE c.id = first.case_id AND c.delivered_package_id IS DISTINCT FROM first.id;
  `.execute(db);
}
